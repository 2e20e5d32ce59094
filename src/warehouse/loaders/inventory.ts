import { countWhere, insertStaged } from '../csv/insert-staged.js';
import { stageCsv } from '../csv/read-raw.js';
import * as q from '../csv/sql.js';
import { fileReport, sourceRowExpr } from './finish-report.js';
import { columnPicker } from './loader.js';
import type { FileLoadReport } from '../types.js';
import {
  cleanedColumnsSql,
  columnNames,
  type LoaderInput,
  type SourceDefinition,
} from '../sources/source-definition.js';

/** Sale Report.csv (stock per SKU) → inventory. Its tail is empty rows that still carry an index. */
export async function loadInventory(
  { conn, filePath, fileName, columns, match, tempPrefix }: LoaderInput,
  source: SourceDefinition,
): Promise<FileLoadReport> {
  const staged = `${tempPrefix}_staged`;
  const c = columnPicker(match);
  const dataColumns = columns.filter((n) => n !== 'index' && !n.startsWith('unnamed')).map((n) => `r."${n}"`);
  const read = await stageCsv(
    conn,
    filePath,
    fileName,
    columns,
    staged,
    (from) => `
      SELECT ${sourceRowExpr(columns)} AS source_row,
        ${cleanedColumnsSql(source, c)},
        ${q.isNonNumeric(c('stock'))} AS stock_not_numeric,
        CASE
          WHEN ${q.allBlank(dataColumns)} THEN 'empty row'
          WHEN ${q.text(c('sku_code'))} IS NULL THEN 'missing SKU Code'
        END AS reject_reason
      FROM ${from} r`,
  );
  const result = await insertStaged(conn, staged, source.name, columnNames(source));
  const notes: string[] = [];
  const bad = await countWhere(conn, staged, 'reject_reason IS NULL AND stock_not_numeric');
  if (bad) notes.push(`${bad} row(s) with a non-numeric Stock kept with stock NULL.`);
  await conn.run(`DROP TABLE IF EXISTS ${staged};`);
  return fileReport(fileName, source.name, read, result, notes);
}
