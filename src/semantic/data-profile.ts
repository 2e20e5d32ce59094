import { ROLLUPS } from '../warehouse/rollups/rollup-definitions.js';
import type { Warehouse } from '../warehouse/types.js';
import type { Catalog } from './catalog.js';
import { SOURCES, type Source } from './plan.js';
import { quoteIdent } from './sql-literal.js';

/**
 * What the data actually holds, read once at start-up: the date coverage of each source (relative time is
 * resolved against the data's latest date, not today) and the distinct values of each profiled dimension, most
 * frequent first, so the planner matches "kurtas" against the real spelling.
 *
 * With rollups in the database, a dimension a rollup keeps is profiled from it (its line counts sum to the detail
 * table's COUNT(*), so the values and their order are the same), as are the date bounds: at 100M order rows that
 * turns a minute of scans before the first answer into milliseconds. The rest (city, SKU, style) read the detail
 * table.
 */
export interface DataProfile {
  dateRanges: Partial<Record<Source, { from: string; to: string }>>;
  /** values[source][dimensionId] = distinct non-null values, most frequent first. */
  values: Partial<Record<Source, Record<string, string[]>>>;
}

type QueryFn = (sql: string) => Promise<{ rows: (string | number | boolean | null)[][] }>;

export async function buildDataProfile(
  warehouse: Pick<Warehouse, 'queryTrusted' | 'rollupTables'>,
  catalog: Catalog,
) {
  return buildDataProfileWith(
    (sql) => warehouse.queryTrusted(sql, { maxRows: 50_000 }),
    catalog,
    warehouse.rollupTables ?? [],
  );
}

export async function buildDataProfileWith(
  query: QueryFn,
  catalog: Catalog,
  rollupTables: readonly string[] = [],
): Promise<DataProfile> {
  const profile: DataProfile = { dateRanges: {}, values: {} };
  for (const source of SOURCES) {
    const def = catalog.sources[source];
    if (!def) continue;
    const table = quoteIdent(def.table);
    // Rollups of this table, smallest first (as ROLLUPS lists them), present in the database.
    const rollups = ROLLUPS.filter(
      (r) => r.source === def.table && r.dateColumn === def.dateColumn && rollupTables.includes(r.table),
    );
    try {
      if (def.dateColumn) {
        const col = quoteIdent(def.dateColumn);
        const bounds = rollups[0] ? quoteIdent(rollups[0].table) : table;
        const r = await query(
          `SELECT CAST(MIN(${col}) AS VARCHAR), CAST(MAX(${col}) AS VARCHAR) FROM ${bounds}`,
        );
        const [from, to] = r.rows[0] ?? [];
        if (typeof from === 'string' && typeof to === 'string') profile.dateRanges[source] = { from, to };
      }
      const values: Record<string, string[]> = {};
      for (const [id, dim] of Object.entries(catalog.dimensions)) {
        const expr = dim.columns[source];
        if (!dim.profile || !expr || dim.grain) continue;
        const rollup = rollups.find((r) => r.columns.some((c) => c.detailExpr === expr));
        const column = rollup?.columns.find((c) => c.detailExpr === expr)?.name;
        const r = await query(
          rollup && column
            ? `SELECT CAST(${column} AS VARCHAR) AS v, SUM(line_count) AS n FROM ${quoteIdent(rollup.table)} ` +
                `WHERE ${column} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${dim.profileLimit}`
            : `SELECT CAST(${expr} AS VARCHAR) AS v, COUNT(*) AS n FROM ${table} WHERE ${expr} IS NOT NULL ` +
                `GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${dim.profileLimit}`,
        );
        values[id] = r.rows.map((row) => String(row[0])).filter((v) => v.trim() !== '');
      }
      profile.values[source] = values;
    } catch {
      // A source the warehouse does not have (e.g. no price files in DATA_DIR): the planner then refuses
      // questions about it instead of failing at start-up.
      continue;
    }
  }
  return profile;
}
