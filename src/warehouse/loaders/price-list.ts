import { MARKETPLACE_MRP_COLUMNS } from '../clean-schema.js';
import { countWhere, insertStaged } from '../csv/insert-staged.js';
import { stageCsv } from '../csv/read-raw.js';
import { validMonthFromFileName } from '../csv/recognise.js';
import * as q from '../csv/sql.js';
import { fileReport, sourceRowExpr } from './finish-report.js';
import { columnPicker, type Loader } from './loader.js';

const PRICE_COLUMNS = ['mrp_old', 'final_mrp_old', ...MARKETPLACE_MRP_COLUMNS.map(([c]) => c)];
const CLEAN_COLUMNS = [
  'source_row',
  'valid_month',
  'sku',
  'style_id',
  'catalog',
  'category',
  'weight_kg',
  'transfer_price',
  'transfer_price_2',
  ...PRICE_COLUMNS,
];

/**
 * Price lists (P  L March 2021.csv, May-2022.csv) → price_list, one row per SKU per file. The March file has two
 * transfer prices (TP 1, TP 2), the May file one (TP); TP 1 lines up with TP. The month comes from the file name.
 */
export const priceListLoader: Loader = {
  kind: 'price_list',
  table: 'price_list',
  async load({ conn, filePath, fileName, columns, match, tempPrefix }) {
    const staged = `${tempPrefix}_staged`;
    const c = columnPicker(match);
    const validMonth = validMonthFromFileName(fileName);
    const tp = match.fields.tp ? c('tp') : c('tp_1');
    const numeric = ['weight', match.fields.tp ? 'tp' : 'tp_1', 'tp_2', ...PRICE_COLUMNS];
    const dataColumns = columns
      .filter((n) => n !== 'index' && !n.startsWith('unnamed'))
      .map((n) => `r."${n}"`);
    const read = await stageCsv(
      conn,
      filePath,
      fileName,
      columns,
      staged,
      (from) => `
      SELECT ${sourceRowExpr(columns)} AS source_row,
        ${validMonth ? `DATE ${q.sqlString(validMonth)}` : 'CAST(NULL AS DATE)'} AS valid_month,
        ${q.text(c('sku'))} AS sku,
        ${q.text(c('style_id'))} AS style_id,
        ${q.text(c('catalog'))} AS catalog,
        ${q.titleCase(c('category'))} AS category,
        ${q.double(c('weight'))} AS weight_kg,
        ${q.decimal(tp)} AS transfer_price,
        ${q.decimal(c('tp_2'))} AS transfer_price_2,
        ${PRICE_COLUMNS.map((p) => `${q.decimal(c(p))} AS ${p}`).join(',\n        ')},
        (${numeric.map((n) => q.isNonNumeric(c(n))).join(' OR ')}) AS has_non_numeric,
        CASE
          WHEN ${q.allBlank(dataColumns)} THEN 'empty row'
          WHEN ${q.text(c('sku'))} IS NULL THEN 'missing Sku'
        END AS reject_reason
      FROM ${from} r`,
    );
    const result = await insertStaged(conn, staged, 'price_list', CLEAN_COLUMNS);
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
    return fileReport(fileName, 'price_list', read, result, notes);
  },
};
