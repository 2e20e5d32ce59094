import type { DuckDBConnection } from '@duckdb/node-api';
import type { FileLoadReport } from '../types.js';
import type { RecognisedKind } from '../csv/recognise.js';

/** What a loader gets: the file, its header (raw column names, normalised) and a connection to the build DB. */
export interface LoaderInput {
  conn: DuckDBConnection;
  filePath: string;
  fileName: string;
  /** Original header names, as in the file. */
  header: string[];
  /** Normalised, unique raw column names, one per header column. */
  columns: string[];
  /** Unique prefix for temp tables of this file. */
  tempPrefix: string;
}

export interface Loader {
  kind: RecognisedKind;
  table: string;
  load(input: LoaderInput): Promise<FileLoadReport>;
}

/** `col('amount')` → the quoted raw column, or NULL when the file has no such column (generated/re-saved files). */
export function columnPicker(columns: string[], alias = 'r'): (name: string) => string {
  const present = new Set(columns);
  return (name) => (present.has(name) ? `${alias}."${name}"` : 'CAST(NULL AS VARCHAR)');
}
