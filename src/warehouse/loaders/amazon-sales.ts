import type { FileLoadReport } from '../types.js';
import { countWhere, insertStaged } from '../csv/insert-staged.js';
import { stageCsv } from '../csv/read-raw.js';
import { resolveDateColumn } from '../csv/resolve-dates.js';
import * as q from '../csv/sql.js';
import { fileReport, sourceRowExpr } from './finish-report.js';
import { columnPicker } from './loader.js';
import {
  cleanedColumnsSql,
  columnNames,
  type LoaderInput,
  type SourceDefinition,
} from '../sources/source-definition.js';
import { createCityMap } from './city-map.js';
import { stateJoinSql } from './state-aliases.js';

/** Amazon Sale Report.csv → amazon_sales. */
export async function loadAmazonSales(
  { conn, filePath, fileName, header, columns, match, tempPrefix }: LoaderInput,
  source: SourceDefinition,
): Promise<FileLoadReport> {
  const staged = `${tempPrefix}_staged`;
  const c = columnPicker(match);
  const dataColumns = columns.filter((name) => name !== 'index' && !name.startsWith('unnamed'));
  const read = await stageCsv(
    conn,
    filePath,
    fileName,
    columns,
    staged,
    (from) => `
      SELECT ${sourceRowExpr(columns)} AS source_row,
        CAST(NULL AS DATE) AS order_date,
        ${q.text(c('date'))} AS raw_date,
        ${cleanedColumnsSql(source, c)},
        ${q.text(c('ship_state'))} AS raw_state,
        ${q.isNonNumeric(c('amount'))} AS amount_not_numeric,
        ${q.text(c('amount'))} IS NULL AS amount_blank,
        CASE
          WHEN ${q.allBlank(dataColumns.map((n) => `r."${n}"`))} THEN 'empty row'
          WHEN ${q.text(c('order_id'))} IS NULL THEN 'missing Order ID'
        END AS reject_reason
      FROM ${from} r`,
  );
  const dateNote = await resolveDateColumn(conn, {
    staged,
    rawColumn: 'raw_date',
    dateColumn: 'order_date',
    label: 'Date',
    usualFormat: 'MM-DD-YY',
  });
  // States are canonicalised at insert time through a lookup over the distinct raw values.
  // Cities the same way, through a lookup computed in TypeScript (indian-cities.ts).
  const cities = await createCityMap(conn, staged, 'ship_city_raw', 'cm');
  const result = await insertStaged(conn, staged, source.name, columnNames(source), {
    exprs: { ship_state: 'sm.canonical', ship_city: 'cm.canonical' },
    joins: `${stateJoinSql(staged, 'raw_state', 'sm', 's')} ${cities.join}`,
  });

  const notes: string[] = dateNote ? [dateNote] : [];
  const trailing = header.filter((h) => h !== h.trim());
  if (trailing.length)
    notes.push(
      `Header names with stray spaces read as trimmed: ${trailing.map((h) => `"${h}"`).join(', ')}.`,
    );
  const unnamed = header.filter((h) => /^unnamed/i.test(h.trim()));
  if (unnamed.length)
    notes.push(`Unlabelled column(s) ${unnamed.map((h) => `"${h}"`).join(', ')} not loaded (no meaning).`);
  const kept = 'reject_reason IS NULL';
  const blank = await countWhere(conn, staged, `${kept} AND amount_blank`);
  if (blank) notes.push(`${blank} row(s) with a blank Amount kept with amount NULL.`);
  const bad = await countWhere(conn, staged, `${kept} AND amount_not_numeric`);
  if (bad) notes.push(`${bad} row(s) with a non-numeric Amount (e.g. #VALUE!, Nill) kept with amount NULL.`);
  const states = await conn.runAndReadAll(
    `SELECT s.raw_state, sm.canonical, COUNT(*) FROM ${staged} s ${stateJoinSql(staged, 'raw_state', 'sm', 's')}
        WHERE s.${kept} AND s.raw_state IS NOT NULL GROUP BY ALL ORDER BY 3 DESC, 1`,
  );
  const unknown: string[] = [];
  let remapped = 0;
  for (const [raw, canonical, n] of states.getRowsJS()) {
    if (canonical === null) unknown.push(`"${String(raw)}" (${Number(n)})`);
    else if (String(raw).toUpperCase() !== String(canonical).toUpperCase()) remapped += Number(n);
  }
  if (unknown.length)
    notes.push(
      `ship-state values that are not an Indian state or UT, kept with ship_state NULL: ${unknown.slice(0, 10).join(', ')}.`,
    );
  if (remapped)
    notes.push(
      `${remapped} row(s) with a misspelt, abbreviated or old ship-state name mapped to the canonical state/UT name.`,
    );
  if (cities.remappedRows)
    notes.push(
      `${cities.remappedRows} row(s) with a city written with a PIN code, punctuation, a locality or an old name (e.g. "BENGALURU 560037", "Bangalore") mapped to one canonical city; the raw value is kept in ship_city_raw.`,
    );
  await conn.run(`DROP TABLE IF EXISTS ${staged}; DROP TABLE IF EXISTS ${staged}_cities;`);
  return fileReport(fileName, source.name, read, result, notes);
}
