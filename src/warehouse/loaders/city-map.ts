import type { DuckDBConnection } from '@duckdb/node-api';
import { ident, sqlString } from '../csv/sql.js';
import { canonicalCity } from '../indian-cities.js';

const BATCH = 1000;

/**
 * A temp lookup (raw city → canonical city) over the distinct raw values of a staged column (some thousands), so
 * the rules in indian-cities.ts run once per spelling, not once per row. Returns the join for insertStaged and
 * how many kept rows changed spelling, for the load note.
 */
export async function createCityMap(
  conn: DuckDBConnection,
  staged: string,
  rawColumn: string,
  alias: string,
): Promise<{ join: string; remappedRows: number }> {
  const map = `${staged}_cities`;
  const distinct = await conn.runAndReadAll(
    `SELECT ${ident(rawColumn)}, COUNT(*) FROM ${ident(staged)}
      WHERE reject_reason IS NULL AND ${ident(rawColumn)} IS NOT NULL GROUP BY 1`,
  );
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${ident(map)} (raw VARCHAR, canonical VARCHAR)`);
  let remappedRows = 0;
  const rows = distinct.getRowsJS().map(([raw, n]) => {
    const canonical = canonicalCity(String(raw));
    if (canonical?.toUpperCase() !== String(raw).toUpperCase()) remappedRows += Number(n);
    return `(${sqlString(String(raw))}, ${canonical === null ? 'NULL' : sqlString(canonical)})`;
  });
  for (let i = 0; i < rows.length; i += BATCH)
    await conn.run(`INSERT INTO ${ident(map)} VALUES ${rows.slice(i, i + BATCH).join(', ')}`);
  return {
    join: `LEFT JOIN ${ident(map)} ${alias} ON ${alias}.raw = s.${ident(rawColumn)}`,
    remappedRows,
  };
}
