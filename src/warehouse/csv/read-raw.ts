import type { DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../../errors.js';
import type { RejectedRows } from '../types.js';
import { ident, sqlString } from './sql.js';
import { timePhase } from '../load-phases.js';

export interface RawRead {
  /** Rows the CSV reader produced (well-formed lines), i.e. rows in the staged table. */
  rowsFromReader: number;
  /** Lines the CSV reader could not parse (too many/few fields…), with the reader's reason. */
  csvRejects: RejectedRows[];
}

/**
 * Reads a CSV file with DuckDB's reader straight into a staged temp table: `select(from)` gets the reader as a
 * FROM item (VARCHAR columns, one per header column) and returns the staging SELECT (typed cleaning in SQL),
 * so the file is parsed once and the raw text never materialised. The dialect is fixed (comma, double
 * quotes) so a malformed line is rejected with a reason instead of derailing the sniffer.
 */
/**
 * Real lines are a few hundred bytes. DuckDB sizes each reader's buffer from this (16×), and files load
 * concurrently, so 10 MB lines meant ~150 MiB per reader and out-of-memory under a 512 MB limit; 1 MB lines keep
 * a reader near 16 MiB. A longer "line" is almost always an unclosed quote swallowing the file: it fails the load.
 */
const MAX_LINE_BYTES = 1_000_000;

export async function stageCsv(
  conn: DuckDBConnection,
  filePath: string,
  fileName: string,
  columns: string[],
  stagedTable: string,
  select: (from: string) => string,
): Promise<RawRead> {
  const columnSpec = `{${columns.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(', ')}}`;
  await conn.run('DROP TABLE IF EXISTS reject_errors; DROP TABLE IF EXISTS reject_scans;');
  const from = `read_csv(${sqlString(filePath)},
        header = false, skip = 1, auto_detect = false, delim = ',', quote = '"', escape = '"',
        columns = ${columnSpec}, store_rejects = true, max_line_size = ${MAX_LINE_BYTES}, parallel = true)`;
  try {
    await timePhase(`  read_csv+clean ${fileName}`, () =>
      conn.run(`CREATE OR REPLACE TEMP TABLE ${ident(stagedTable)} AS ${select(from)}`),
    );
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new AppError(
      'DATA_LOAD_FAILED',
      `Could not read "${fileName}": it is not a well-formed CSV file (${detail}). Fix or remove the file and reload.`,
      { cause: error },
    );
  }
  // An unterminated quote swallows every following line into one "value": rejecting that as one bad line would
  // lose the rest of the file quietly, so the whole load fails instead (the previous cache stays in place).
  const unterminated = await conn.runAndReadAll(
    `SELECT MIN(line) FROM reject_errors WHERE error_type IN ('UNQUOTED VALUE', 'LINE SIZE OVER MAXIMUM') HAVING COUNT(*) > 0`,
  );
  const badLine = unterminated.getRowsJS()[0]?.[0];
  if (badLine != null)
    throw new AppError(
      'DATA_LOAD_FAILED',
      `Could not read "${fileName}": line ${Number(badLine)} has a quote (") that is never closed, so the lines after it cannot be read reliably. Fix the file and reload.`,
    );
  const count = await conn.runAndReadAll(`SELECT COUNT(*) FROM ${ident(stagedTable)}`);
  const rowsFromReader = Number(count.getRowsJS()[0]![0]);
  const rejects = await conn.runAndReadAll(
    `SELECT error_type, COUNT(DISTINCT line) AS n, LIST(DISTINCT line ORDER BY line)[1:5] AS lines
       FROM reject_errors GROUP BY error_type ORDER BY error_type`,
  );
  const csvRejects: RejectedRows[] = rejects.getRowsJS().map((row) => ({
    reason: `malformed CSV line (${String(row[0]).toLowerCase()})`,
    count: Number(row[1]),
    // The reader reports file line numbers; rows are numbered from the line after the header.
    exampleRows: (row[2] as bigint[]).map((line) => Number(line) - 2),
  }));
  return { rowsFromReader, csvRejects };
}
