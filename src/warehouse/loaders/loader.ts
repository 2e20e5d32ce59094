import type { DuckDBConnection } from '@duckdb/node-api';
import type { FileLoadReport } from '../types.js';
import type { HeaderMatch, RecognisedKind } from '../csv/signatures.js';

/** What a loader gets: the file, its header (raw column names, normalised) and a connection to the build DB. */
export interface LoaderInput {
  conn: DuckDBConnection;
  filePath: string;
  fileName: string;
  /** Original header names, as in the file. */
  header: string[];
  /** Normalised, unique raw column names, one per header column. */
  columns: string[];
  /** Which report the header is, and which file column holds each of its fields (see signatures.ts). */
  match: HeaderMatch;
  /** Unique prefix for temp tables of this file. */
  tempPrefix: string;
}

export interface Loader {
  kind: RecognisedKind;
  table: string;
  load(input: LoaderInput): Promise<FileLoadReport>;
}

/**
 * `c('amount')` → the quoted file column holding the report's Amount field (whatever this copy calls it), or NULL
 * when the file has no such column (a public copy without SKU, a re-saved file).
 */
export function columnPicker(match: HeaderMatch, alias = 'r'): (field: string) => string {
  return (field) => {
    const raw = match.fields[field];
    return raw ? `${alias}."${raw.replace(/"/g, '""')}"` : 'CAST(NULL AS VARCHAR)';
  };
}
