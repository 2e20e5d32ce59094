import { DuckDBInstance } from '@duckdb/node-api';
import { AppError, isAppError } from '../../errors.js';
import { CLEAN_TABLE_DDL } from '../clean-schema.js';
import { amazonSalesLoader } from '../loaders/amazon-sales.js';
import { internationalSalesLoader } from '../loaders/international-sales.js';
import { inventoryLoader } from '../loaders/inventory.js';
import type { Loader } from '../loaders/loader.js';
import { priceListLoader } from '../loaders/price-list.js';
import { createStateAliasTable } from '../loaders/state-aliases.js';
import { writeLoadReport } from '../load-report-store.js';
import type { FileLoadReport, LoadReport } from '../types.js';
import type { DataFile } from './list-data-files.js';
import { timePhase } from '../load-phases.js';
import { rawColumnNames, readCsvHeader, recogniseHeader } from './recognise.js';
import { ALLOCATOR_OPTIONS } from '../allocator-options.js';

const LOADERS: Loader[] = [amazonSalesLoader, internationalSalesLoader, inventoryLoader, priceListLoader];

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
  const recognised: { file: DataFile; header: string[]; loader: Loader }[] = [];
  const skipped: FileLoadReport[] = [];
  for (const file of files) {
    const header = file.size > 0 ? await readCsvHeader(file.path) : [];
    const kind = recogniseHeader(header);
    const loader = LOADERS.find((l) => l.kind === kind);
    if (loader) recognised.push({ file, header, loader });
    else
      skipped.push({
        file: file.name,
        recognisedAs: null,
        table: null,
        rowsRead: 0,
        rowsLoaded: 0,
        rowsRejected: 0,
        rejected: [],
        notes: ['Not recognised (its header matches none of the known retailer files), skipped.'],
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
      lanes.set(item.loader.table, [...(lanes.get(item.loader.table) ?? []), item]);
    let n = 0;
    const runLane = async (items: typeof recognised): Promise<FileLoadReport[]> => {
      const laneConn = await instance.connect();
      try {
        await createStateAliasTable(laneConn);
        const done: FileLoadReport[] = [];
        for (const { file, header, loader } of items) {
          const input = {
            conn: laneConn,
            filePath: file.path,
            fileName: file.name,
            header,
            columns: rawColumnNames(header),
            tempPrefix: `load_${n++}`,
          };
          try {
            done.push(await timePhase(`file ${file.name}`, () => loader.load(input)));
          } catch (error) {
            if (isAppError(error)) throw error;
            throw new AppError('DATA_LOAD_FAILED', `Could not load "${file.name}". Nothing was changed.`, {
              cause: error,
            });
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
