import type { DuckDBConnection } from '@duckdb/node-api';
import { readDateColumn } from './date-formats.js';
import { ident, sqlString } from './sql.js';

const BATCH = 1000;

/**
 * Fills a staged table's DATE column from its raw text column, reading every format the column holds (see
 * date-formats.ts). Works on the distinct values (a date column has a few hundred), so the rows are touched once
 * by one UPDATE. Rows still to be kept whose value is blank, or fits none of the formats, get a reject reason.
 * Returns a load note naming the formats when the column holds more than one, or not the export's own.
 */
export async function resolveDateColumn(
  conn: DuckDBConnection,
  options: { staged: string; rawColumn: string; dateColumn: string; label: string; usualFormat: string },
): Promise<string | null> {
  const { staged, rawColumn, dateColumn, label } = options;
  const raw = ident(rawColumn);
  const distinct = await conn.runAndReadAll(
    `SELECT ${raw}, COUNT(*) FROM ${ident(staged)} WHERE reject_reason IS NULL AND ${raw} IS NOT NULL GROUP BY 1`,
  );
  const values = distinct.getRowsJS().map((r) => ({ raw: String(r[0]), rows: Number(r[1]) }));
  const reading = readDateColumn(values);
  const map = `${staged}_dates`;
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${ident(map)} (raw VARCHAR, parsed DATE)`);
  const entries = [...reading.parsed.entries()];
  for (let i = 0; i < entries.length; i += BATCH) {
    const rows = entries.slice(i, i + BATCH).map(([r, iso]) => `(${sqlString(r)}, DATE ${sqlString(iso)})`);
    await conn.run(`INSERT INTO ${ident(map)} VALUES ${rows.join(', ')}`);
  }
  const known = reading.formats.map((f) => f.label).join(', ') || 'none found';
  await conn.run(
    `UPDATE ${ident(staged)} SET reject_reason = ${sqlString(`${label} is missing`)}
      WHERE reject_reason IS NULL AND ${raw} IS NULL`,
  );
  await conn.run(
    `UPDATE ${ident(staged)} SET reject_reason = ${sqlString(`${label} fits none of the column's date formats (${known})`)}
      WHERE reject_reason IS NULL AND ${raw} NOT IN (SELECT raw FROM ${ident(map)})`,
  );
  await conn.run(
    `UPDATE ${ident(staged)} s SET ${ident(dateColumn)} = d.parsed FROM ${ident(map)} d WHERE s.${raw} = d.raw`,
  );
  await conn.run(`DROP TABLE ${ident(map)}`);
  const [only] = reading.formats;
  if (reading.formats.length === 1 && only?.label === options.usualFormat) return null;
  if (!only) return null;
  return `${label} holds ${reading.formats.length === 1 ? 'the date format' : `${reading.formats.length} date formats`} ${reading.formats
    .map((f) => `${f.label} (${f.rows} row${f.rows === 1 ? '' : 's'})`)
    .join(', ')}; all read.`;
}
