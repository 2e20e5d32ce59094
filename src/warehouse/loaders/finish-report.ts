import type { RawRead } from '../csv/read-raw.js';
import type { SourceName } from '../sources/source-definitions.js';
import type { FileLoadReport, RejectedRows } from '../types.js';

/** Assembles a FileLoadReport; rowsRead always equals rowsLoaded + rowsRejected. */
export function fileReport(
  fileName: string,
  /** A definition's name (loaders see definitions as SourceDefinition<string>). */
  kind: string,
  read: RawRead,
  staged: { rowsLoaded: number; rejected: RejectedRows[] },
  notes: string[],
): FileLoadReport {
  const rejected = [...read.csvRejects, ...staged.rejected];
  return {
    file: fileName,
    recognisedAs: kind as SourceName,
    table: kind,
    rowsRead: read.rowsFromReader + read.csvRejects.reduce((sum, r) => sum + r.count, 0),
    rowsLoaded: staged.rowsLoaded,
    rowsRejected: rejected.reduce((sum, r) => sum + r.count, 0),
    rejected,
    notes,
  };
}

export function sourceRowExpr(columns: string[]): string {
  return columns.includes('index')
    ? `COALESCE(TRY_CAST(r."index" AS INTEGER), -1)`
    : `CAST(ROW_NUMBER() OVER () - 1 AS INTEGER)`;
}
