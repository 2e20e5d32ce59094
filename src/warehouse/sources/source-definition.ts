import type { DuckDBConnection } from '@duckdb/node-api';
import * as q from '../csv/sql.js';
import type { HeaderMatch, SignatureField } from '../csv/signatures.js';
import type { FileLoadReport } from '../types.js';

/**
 * One data source (one retailer report, one clean table), declared once: what its file looks like (signature),
 * the clean columns with their type, documentation and cleaner, how it is partitioned as Parquet, and the words
 * the app uses for it. The DDL, schema docs, recognition, loaders, table lists and Parquet layout are derived from
 * the list in source-definitions.ts; a new source is one file here plus its entry there.
 */

/** How a raw text cell becomes a clean value (src/warehouse/csv/sql.ts). */
export const CLEANERS = {
  text: q.text,
  upperText: q.upperText,
  titleCase: q.titleCase,
  integer: q.integer,
  decimal: q.decimal,
  double: q.double,
  boolean: q.boolean,
  postalCode: q.postalCode,
  monthLabel: q.monthLabel,
  /** Empty → NULL, without TRIM (long promotion lists: TRIM is costly). */
  nonEmpty: (col: string) => `NULLIF(${col}, '')`,
} as const;
export type Cleaner = keyof typeof CLEANERS;

export interface CleanColumn {
  name: string;
  /** DuckDB type in the clean table. */
  type: 'INTEGER' | 'VARCHAR' | 'DATE' | 'DOUBLE' | 'BOOLEAN' | 'DECIMAL(18,2)';
  doc: string;
  /**
   * The report field (see `signature`) this column is cleaned from, and how. Absent: the loader computes it
   * (source_row, dates resolved across the file, lookups such as canonical states).
   */
  from?: { field: string; clean: Cleaner };
}

/** A view over the source's table (e.g. price_list_by_marketplace); documented like a table. */
export interface CleanView {
  name: string;
  description: string;
  dateColumn?: string;
  columns: Record<string, string>;
  /** The SELECT the view is created as. */
  sql: string;
}

/** As Parquet: one file (or folder of files) per table, or hive folders year=/month= by a date column. */
export type Partitioning = { kind: 'single' } | { kind: 'hive-month'; dateColumn: string };

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

export interface SourceDefinition<Name extends string = string> {
  /** The clean table's name, and the source's id in plans and the catalog. */
  name: Name;
  /** The report in a sentence: "the inventory report (Sale Report)". */
  title: string;
  /** The report's kind as an adjective: "the inventory report", "no order file". */
  noun: string;
  /** Its rows, plural, for "No stock records for Kurta." */
  rowsNoun: string;
  /** The usual file name, quoted, for "expected …". */
  usualFile: string;
  /** File names people give this report, to say "this file holds another report" instead of "no file". */
  fileNameHint: RegExp;
  description: string;
  /** Column that gives the table's date coverage, if any. */
  dateColumn?: string;
  columns: readonly CleanColumn[];
  /**
   * Recognition: the report's columns in the original export (normalised), with aliases other copies use. All
   * `required` columns and one of each `oneOf` group must be present; the header covering most fields wins.
   */
  signature: { fields: SignatureField[]; oneOf?: string[][] };
  partitioning: Partitioning;
  views?: readonly CleanView[];
  /** Loads one recognised file into the (already created) clean table. */
  load(input: LoaderInput, source: SourceDefinition): Promise<FileLoadReport>;
}

/** A source's name as a literal type, checked against the definition's shape. */
export function defineSource<const Name extends string>(
  definition: SourceDefinition<Name>,
): SourceDefinition<Name> {
  return definition;
}

export const required = (
  field: string,
  extra: Omit<SignatureField, 'field' | 'required'> = {},
): SignatureField => ({
  field,
  required: true,
  ...extra,
});
export const optional = (field: string, extra: Omit<SignatureField, 'field'> = {}): SignatureField => ({
  field,
  ...extra,
});

/**
 * `cleaner(c(field)) AS name` for every column declared with `from`, for a loader's staging SELECT; `c` picks the
 * file's column for a field (NULL when the file lacks it).
 */
export function cleanedColumnsSql(
  source: SourceDefinition,
  c: (field: string) => string,
  indent = '        ',
): string {
  return source.columns
    .filter((col) => col.from)
    .map((col) => `${CLEANERS[col.from!.clean](c(col.from!.field))} AS ${col.name}`)
    .join(`,\n${indent}`);
}

export function columnNames(source: SourceDefinition): string[] {
  return source.columns.map((c) => c.name);
}

export function tableDdl(source: SourceDefinition): string {
  const views = (source.views ?? []).map((v) => `CREATE VIEW ${v.name} AS\n  ${v.sql};`);
  return [
    `CREATE TABLE ${source.name} (\n  ${source.columns.map((c) => `${c.name} ${c.type}`).join(', ')}\n);`,
    ...views,
  ].join('\n');
}
