import { MARKETPLACE_MRP_COLUMNS } from '../marketplaces.js';
import { countWhere, insertStaged } from '../csv/insert-staged.js';
import { stageCsv } from '../csv/read-raw.js';
import { validMonthFromFileName } from '../csv/recognise.js';
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

const PRICE_COLUMNS = ['mrp_old', 'final_mrp_old', ...MARKETPLACE_MRP_COLUMNS.map(([c]) => c)];
/**
 * Price lists (P  L March 2021.csv, May-2022.csv) → price_list, one row per SKU per file. The March file has two
 * transfer prices (TP 1, TP 2), the May file one (TP); TP 1 lines up with TP. The month comes from the file name.
 */
export async function loadPriceList(
  { conn, filePath, fileName, columns, match, tempPrefix }: LoaderInput,
  source: SourceDefinition,
): Promise<FileLoadReport> {
  const staged = `${tempPrefix}_staged`;
  const c = columnPicker(match);
  const validMonth = validMonthFromFileName(fileName);
  const tp = match.fields.tp ? c('tp') : c('tp_1');
  const numeric = ['weight', match.fields.tp ? 'tp' : 'tp_1', 'tp_2', ...PRICE_COLUMNS];
  const dataColumns = columns.filter((n) => n !== 'index' && !n.startsWith('unnamed')).map((n) => `r."${n}"`);
  const read = await stageCsv(
    conn,
    filePath,
    fileName,
    columns,
    staged,
    (from) => `
      SELECT ${sourceRowExpr(columns)} AS source_row,
        ${validMonth ? `DATE ${q.sqlString(validMonth)}` : 'CAST(NULL AS DATE)'} AS valid_month,
        ${q.decimal(tp)} AS transfer_price,
        ${cleanedColumnsSql(source, c)},
        (${numeric.map((n) => q.isNonNumeric(c(n))).join(' OR ')}) AS has_non_numeric,
        CASE
          WHEN ${q.allBlank(dataColumns)} THEN 'empty row'
          WHEN ${q.text(c('sku'))} IS NULL THEN 'missing Sku'
        END AS reject_reason
      FROM ${from} r`,
  );
  const result = await insertStaged(conn, staged, source.name, columnNames(source));
  const notes: string[] = [];
  notes.push(
    validMonth
      ? `Valid for ${validMonth.slice(0, 7)} (from the file name).`
      : 'No month in the file name: valid_month is NULL.',
  );
  if (match.fields.tp_1) notes.push('TP 1 loaded as transfer_price, TP 2 as transfer_price_2.');
  const bad = await countWhere(conn, staged, 'reject_reason IS NULL AND has_non_numeric');
  if (bad)
    notes.push(`${bad} row(s) with non-numeric prices (e.g. Nill, #VALUE!) kept with those prices NULL.`);
  await conn.run(`DROP TABLE IF EXISTS ${staged};`);
  return fileReport(fileName, source.name, read, result, notes);
}
