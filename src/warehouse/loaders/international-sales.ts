import { countWhere, insertStaged } from '../csv/insert-staged.js';
import { stageCsv } from '../csv/read-raw.js';
import { resolveDateColumn } from '../csv/resolve-dates.js';
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

export const SECOND_SECTION_REASON =
  'second section (header CUSTOMER,DATE,Months,…,Stock) repeats first-section sales: not loaded, to avoid double counting';

/**
 * International sale Report.csv → international_sales. The file is several sheets pasted together:
 *   1. the sales (DATE, Months, CUSTOMER, Style, SKU, Size, PCS, RATE, GROSS AMT)  ← loaded
 *   2. a line "SKU" and a list of SKU codes                                         ← rejected, no sales data
 *   3. a line "Style,Stock" and stock per style                                     ← rejected, no sales data
 *   4. a header "CUSTOMER,DATE,Months,Style,SKU,PCS,RATE,GROSS AMT,Stock" and sales that repeat section 1
 *      (with a Stock column)                                                        ← rejected, double counting
 * Sections are found by their marker lines, not by line numbers, so a re-export with more rows still works.
 */
export async function loadInternationalSales(
  { conn, filePath, fileName, columns, match, tempPrefix }: LoaderInput,
  source: SourceDefinition,
): Promise<FileLoadReport> {
  const staged = `${tempPrefix}_staged`;
  const c = columnPicker(match);
  const dataColumns = columns.filter((n) => n !== 'index' && !n.startsWith('unnamed')).map((n) => `r."${n}"`);
  const first = `UPPER(TRIM(${c('date')}))`;
  const second = `UPPER(TRIM(${c('months')}))`;
  const read = await stageCsv(
    conn,
    filePath,
    fileName,
    columns,
    staged,
    (from) => `
      WITH marked AS (
        SELECT r.*, ${sourceRowExpr(columns)} AS source_row, ROW_NUMBER() OVER () AS rn,
          CASE
            WHEN ${first} = 'DATE' AND ${second} = 'MONTHS' THEN 'repeat_header'
            WHEN ${first} = 'SKU' THEN 'sku_list'
            WHEN ${first} = 'STYLE' AND ${second} = 'STOCK' THEN 'style_stock'
            WHEN ${first} = 'CUSTOMER' THEN 'second_sales'
          END AS marker
        FROM ${from} r
      ), sectioned AS (
        SELECT *, COALESCE(LAST_VALUE(CASE WHEN marker = 'repeat_header' THEN 'sales' ELSE marker END IGNORE NULLS)
          OVER (ORDER BY rn ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), 'sales') AS section
        FROM marked
      )
      SELECT source_row, section,
        CAST(NULL AS DATE) AS sale_date,
        ${q.text(c('date'))} AS raw_date,
        ${cleanedColumnsSql(source, c)},
        -- In the repeated section the columns are shifted: CUSTOMER,DATE,Months,Style,SKU,PCS,RATE,GROSS AMT,Stock.
        ${q.date(c('months'))} AS s2_date, ${q.upperText(c('date'))} AS s2_customer, ${q.text(c('sku'))} AS s2_sku,
        ${q.integer(c('size'))} AS s2_pcs,
        (${q.isNonNumeric(c('pcs'))} OR ${q.isNonNumeric(c('rate'))} OR ${q.isNonNumeric(c('gross_amt'))}) AS has_non_numeric,
        CASE
          WHEN marker IS NOT NULL THEN 'header line of an embedded section'
          WHEN section = 'sku_list' THEN 'embedded SKU list (no sales data)'
          WHEN section = 'style_stock' THEN 'embedded stock-per-style table (no sales data)'
          WHEN section = 'second_sales' THEN '${SECOND_SECTION_REASON}'
          WHEN ${q.allBlank(dataColumns)} THEN 'empty row'
          WHEN ${q.text(c('customer'))} IS NULL THEN 'missing CUSTOMER'
        END AS reject_reason
      FROM sectioned r`,
  );
  const dateNote = await resolveDateColumn(conn, {
    staged,
    rawColumn: 'raw_date',
    dateColumn: 'sale_date',
    label: 'DATE',
    usualFormat: 'MM-DD-YY',
  });
  // A file without a Months column files each sale under its date's month.
  const result = await insertStaged(conn, staged, source.name, columnNames(source), {
    exprs: { month: "COALESCE(s.month, DATE_TRUNC('month', s.sale_date))" },
    joins: '',
  });

  const notes: string[] = dateNote ? [dateNote] : [];
  const repeated = await countWhere(
    conn,
    staged,
    `section = 'second_sales' AND reject_reason = '${SECOND_SECTION_REASON}'`,
  );
  if (repeated) {
    const matching = await countWhere(
      conn,
      staged,
      `section = 'second_sales' AND reject_reason = '${SECOND_SECTION_REASON}' AND EXISTS (
          SELECT 1 FROM ${source.name} i WHERE i.sale_date = s2_date AND i.customer = s2_customer
            AND i.sku IS NOT DISTINCT FROM s2_sku AND i.pcs IS NOT DISTINCT FROM s2_pcs)`,
    );
    const others = repeated - matching;
    notes.push(
      `Second section: ${repeated} row(s) not loaded; ${matching} of them match a first-section sale (date, customer, SKU, pieces)${
        others
          ? `, the other ${others} have no exact first-section match (e.g. SHIPPING or TAGS charge lines)`
          : ''
      }.`,
    );
  }
  const bad = await countWhere(conn, staged, 'reject_reason IS NULL AND has_non_numeric');
  if (bad) notes.push(`${bad} row(s) with non-numeric PCS/RATE/GROSS AMT kept with those values NULL.`);
  await conn.run(`DROP TABLE IF EXISTS ${staged};`);
  return fileReport(fileName, source.name, read, result, notes);
}
