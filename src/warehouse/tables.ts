import { SOURCE_DEFINITIONS } from './sources/source-definitions.js';

/**
 * Documentation of the clean tables: one line per column, from the source definitions. schema() joins this with
 * DuckDB's catalog, so a column that exists in the database but not here shows up undocumented instead of
 * disappearing.
 */
export interface TableDoc {
  name: string;
  description: string;
  /** Column that gives the table's date coverage, if any. */
  dateColumn?: string;
  columns: Record<string, string>;
}

export const TABLE_DOCS: TableDoc[] = SOURCE_DEFINITIONS.flatMap((d): TableDoc[] => [
  {
    name: d.name,
    description: d.description,
    ...(d.dateColumn ? { dateColumn: d.dateColumn } : {}),
    columns: Object.fromEntries(d.columns.map((c) => [c.name, c.doc])),
  },
  ...(d.views ?? []).map(({ name, description, dateColumn, columns }) => ({
    name,
    description,
    ...(dateColumn ? { dateColumn } : {}),
    columns,
  })),
]);

export { CLEAN_TABLES } from './sources/source-definitions.js';
