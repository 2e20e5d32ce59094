import type { DuckDBConnection } from '@duckdb/node-api';
import { stateAliasEntries } from '../indian-states.js';
import { sqlString } from '../csv/sql.js';

export const STATE_ALIAS_TABLE = 'state_aliases';

/** The SQL twin of stateKey() in indian-states.ts: lower case, '&'/'and' removed, letters only. */
export function stateKeySql(col: string): string {
  return `REGEXP_REPLACE(REGEXP_REPLACE(REPLACE(LOWER(COALESCE(${col}, '')), '&', ' and '), '\\band\\b', ' ', 'g'), '[^a-z]', '', 'g')`;
}

/** A temp lookup table (alias key → canonical state/UT) for the loaders to join against. */
export async function createStateAliasTable(conn: DuckDBConnection): Promise<void> {
  const values = stateAliasEntries()
    .map(([key, name]) => `(${sqlString(key)}, ${sqlString(name)})`)
    .join(', ');
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${STATE_ALIAS_TABLE} AS SELECT * FROM (VALUES ${values}) AS t(key, canonical)`,
  );
}

/**
 * A LEFT JOIN giving `<alias>.canonical` for each row's raw state in `column` of `table` (joined to `rowRef`).
 * The regex key is computed once per distinct raw value (dozens), not once per row (hundreds of thousands).
 */
export function stateJoinSql(table: string, column: string, alias: string, rowRef: string): string {
  return `LEFT JOIN (
      SELECT d.raw_value, sa.canonical
        FROM (SELECT DISTINCT "${column}" AS raw_value FROM ${table}) d
        LEFT JOIN ${STATE_ALIAS_TABLE} sa ON sa.key = ${stateKeySql('d.raw_value')}
    ) ${alias} ON ${alias}.raw_value = ${rowRef}."${column}"`;
}
