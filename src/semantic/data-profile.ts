import type { Warehouse } from '../warehouse/types.js';
import type { Catalog } from './catalog.js';
import { SOURCES, type Source } from './plan.js';
import { quoteIdent } from './sql-literal.js';

/**
 * What the data actually holds, read once at start-up: the date coverage of each source (relative time is
 * resolved against the data's latest date, not today) and the distinct values of each profiled dimension, most
 * frequent first, so the planner matches "kurtas" against the real spelling.
 */
export interface DataProfile {
  dateRanges: Partial<Record<Source, { from: string; to: string }>>;
  /** values[source][dimensionId] = distinct non-null values, most frequent first. */
  values: Partial<Record<Source, Record<string, string[]>>>;
}

type QueryFn = (sql: string) => Promise<{ rows: (string | number | boolean | null)[][] }>;

export async function buildDataProfile(warehouse: Pick<Warehouse, 'queryTrusted'>, catalog: Catalog) {
  return buildDataProfileWith((sql) => warehouse.queryTrusted(sql, { maxRows: 50_000 }), catalog);
}

export async function buildDataProfileWith(query: QueryFn, catalog: Catalog): Promise<DataProfile> {
  const profile: DataProfile = { dateRanges: {}, values: {} };
  for (const source of SOURCES) {
    const def = catalog.sources[source];
    if (!def) continue;
    const table = quoteIdent(def.table);
    try {
      if (def.dateColumn) {
        const col = quoteIdent(def.dateColumn);
        const r = await query(
          `SELECT CAST(MIN(${col}) AS VARCHAR), CAST(MAX(${col}) AS VARCHAR) FROM ${table}`,
        );
        const [from, to] = r.rows[0] ?? [];
        if (typeof from === 'string' && typeof to === 'string') profile.dateRanges[source] = { from, to };
      }
      const values: Record<string, string[]> = {};
      for (const [id, dim] of Object.entries(catalog.dimensions)) {
        const expr = dim.columns[source];
        if (!dim.profile || !expr || dim.grain) continue;
        const r = await query(
          `SELECT CAST(${expr} AS VARCHAR) AS v, COUNT(*) AS n FROM ${table} WHERE ${expr} IS NOT NULL ` +
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
