import { DuckDBInstance } from '@duckdb/node-api';
import { AppError, isAppError } from '../../errors.js';
import { CLEAN_TABLE_DDL, SOURCE_DEFINITIONS } from '../sources/source-definitions.js';
import type { SourceDefinition } from '../sources/source-definition.js';
import { createStateAliasTable } from '../loaders/state-aliases.js';
import { writeLoadReport } from '../load-report-store.js';
import type { FileLoadReport, LoadReport } from '../types.js';
import type { DataFile } from './list-data-files.js';
import { timePhase } from '../load-phases.js';
import { endsMidLine, rawColumnNames, readCsvHeader } from './recognise.js';
import { matchHeader, type HeaderMatch } from './signatures.js';
import { columnNotes } from './column-notes.js';
import { ALLOCATOR_OPTIONS } from '../allocator-options.js';

export interface BuildSettings {
  threads: number;
  memoryLimit: string;
  tempDirectory?: string;
}

/**
 * Builds a fresh database file from a directory's CSV files: clean tables, the marketplace view and the load
 * report. The caller builds into a temporary path and renames it, so a crash here never leaves a half cache.
 */
export async function buildFromCsvFiles(
  dataDir: string,
  files: DataFile[],
  dbPath: string,
  settings: BuildSettings,
): Promise<LoadReport> {
  const started = performance.now();
  const recognised: { file: DataFile; header: string[]; match: HeaderMatch; source: SourceDefinition }[] = [];
  const skipped: FileLoadReport[] = [];
  for (const file of files) {
    const header = file.size > 0 ? await readCsvHeader(file.path) : [];
    const match = matchHeader(header, rawColumnNames(header));
    const source = SOURCE_DEFINITIONS.find((d) => d.name === match?.kind);
    if (source && match) recognised.push({ file, header, match, source });
    else
      skipped.push({
        file: file.name,
        recognisedAs: null,
        table: null,
        rowsRead: 0,
        rowsLoaded: 0,
        rowsRejected: 0,
        rejected: [],
        notes: [
          header.length === 0
            ? 'Empty file (not even a header line), skipped.'
            : 'Not recognised (its header matches none of the known retailer files), skipped.',
        ],
      });
  }
  if (recognised.length === 0) {
    throw new AppError(
      'DATA_NOT_FOUND',
      `No recognisable retailer files in "${dataDir}" (expected e.g. "Amazon Sale Report.csv", "International sale Report.csv", "Sale Report.csv", price lists such as "May-2022.csv").${
        skipped.length ? ` Not recognised: ${skipped.map((s) => s.file).join(', ')}.` : ''
      }`,
    );
  }

  const options: Record<string, string> = {
    threads: String(settings.threads),
    memory_limit: settings.memoryLimit,
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    ...ALLOCATOR_OPTIONS,
  };
  if (settings.tempDirectory) options.temp_directory = settings.tempDirectory;
  const instance = await DuckDBInstance.create(dbPath, options);
  const conn = await instance.connect();
  try {
    // FSST string compression costs ~0.3 s of CPU when the 129K-line Amazon file is written (its long
    // promotion-ids strings above all); dictionary compression makes the cache ~15% larger and queries as fast.
    // (Set here: as an instance option at create time it is not applied.)
    await conn.run(`SET disabled_compression_methods = 'fsst'`);
    await conn.run(CLEAN_TABLE_DDL);
    // Files for different tables load concurrently, each lane on its own connection (temp tables, the state
    // lookup and the reader's reject tables are per connection): the other files and the Amazon file's
    // single-threaded write then share the two cores. Files for one table (the price lists) load one after
    // another in name order, so the table's row order does not depend on timing.
    const lanes = new Map<string, typeof recognised>();
    for (const item of recognised)
      lanes.set(item.source.name, [...(lanes.get(item.source.name) ?? []), item]);
    let n = 0;
    const runLane = async (items: typeof recognised): Promise<FileLoadReport[]> => {
      const laneConn = await instance.connect();
      try {
        await createStateAliasTable(laneConn);
        const done: FileLoadReport[] = [];
        for (const { file, header, match, source } of items) {
          const input = {
            conn: laneConn,
            filePath: file.path,
            fileName: file.name,
            header,
            columns: rawColumnNames(header),
            match,
            tempPrefix: `load_${n++}`,
          };
          // One transaction per file: a file that fails leaves no rows behind, and the others still load (the
          // load checks and DATA_LOAD_POLICY then decide whether this load is used).
          await laneConn.run('BEGIN TRANSACTION');
          try {
            const loaded = await timePhase(`file ${file.name}`, () => source.load(input, source));
            await laneConn.run('COMMIT');
            const cutOff = await endsMidLine(file.path, header.length, file.size);
            done.push({
              ...loaded,
              notes: [
                ...(cutOff
                  ? [
                      'The file ends mid-line (its last line is shorter than the header, with no line break): it looks cut off.',
                    ]
                  : []),
                ...columnNotes(match),
                ...loaded.notes,
              ],
              ...(match.missingColumns.length ? { missingColumns: match.missingColumns } : {}),
              ...(cutOff ? { endsMidLine: true } : {}),
            });
          } catch (error) {
            await laneConn.run('ROLLBACK').catch(() => undefined);
            done.push(failedFileReport(file.name, match, error));
          }
        }
        return done;
      } finally {
        laneConn.closeSync();
      }
    };
    // allSettled: every lane has finished with its connection before the instance is closed.
    const settled = await Promise.allSettled([...lanes.values()].map(runLane));
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const reports = settled.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    const report: LoadReport = {
      dataDir,
      files: [...reports, ...skipped].sort((a, b) => a.file.localeCompare(b.file)),
      unrecognisedFiles: skipped.map((s) => s.file),
      fromCache: false,
      elapsedMs: Math.round(performance.now() - started),
    };
    await writeLoadReport(conn, report);
    await timePhase('csv checkpoint', () => conn.run('CHECKPOINT'));
    return report;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

function failedFileReport(fileName: string, match: HeaderMatch, error: unknown): FileLoadReport {
  const reason = isAppError(error)
    ? error.userMessage
    : `Could not load "${fileName}" (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).`;
  return {
    file: fileName,
    recognisedAs: match.kind,
    table: match.kind,
    rowsRead: 0,
    rowsLoaded: 0,
    rowsRejected: 0,
    rejected: [],
    notes: [reason],
    failed: reason,
  };
}
