import type { DuckDBConnection } from '@duckdb/node-api';
import {
  ROLLUPS,
  rollupBuildSql,
  rollupBuildSqlInBuckets,
  type RollupDefinition,
} from './rollup-definitions.js';

/** Order rows per pass of the order-count rollup: about what one pass handles within a 1 GB memory limit. */
const ORDER_ROWS_PER_BUCKET = 20_000_000;

export interface RollupBuildReport {
  table: string;
  rows: number;
  elapsedMs: number;
  /** Why the rollup was not kept, when it was not. */
  skipped?: string;
}

/**
 * Builds every rollup from the clean amazon_sales table (or view) on a writable connection to the cache database
 * being built. One pass per rollup; DuckDB spills the aggregation to its temp directory when it outgrows
 * memory_limit, so this works on order tables larger than memory.
 */
export async function buildRollups(
  conn: DuckDBConnection,
  options: { orderRowsPerBucket?: number } = {},
): Promise<RollupBuildReport[]> {
  const reports: RollupBuildReport[] = [];
  const rowsPerBucket = options.orderRowsPerBucket ?? ORDER_ROWS_PER_BUCKET;
  for (const def of ROLLUPS) {
    const started = performance.now();
    let buckets = 1;
    try {
      if (def.orderCount) {
        const rows = await conn.runAndReadAll(`SELECT COUNT(*) FROM ${def.source}`);
        buckets = Math.max(1, Math.ceil(Number(rows.getRowsJS()[0]![0]) / rowsPerBucket));
        if (buckets === 1) await conn.run(rollupBuildSql(def));
        else for (const sql of rollupBuildSqlInBuckets(def, buckets)) await conn.run(sql);
      } else {
        await conn.run(rollupBuildSql(def));
      }
    } catch (error) {
      // Distinct orders need one aggregate group per order; under a tight DUCKDB_MEMORY_LIMIT on a very large
      // table that can run out of memory. The load still succeeds: order counts then read the detail table.
      if (!def.orderCount || !/Out of Memory/i.test(String(error))) throw error;
      await conn.run(`DROP TABLE IF EXISTS ${def.table}`);
      await conn.run(`DROP TABLE IF EXISTS ${def.table}__parts`);
      reports.push({
        table: def.table,
        rows: 0,
        elapsedMs: Math.round(performance.now() - started),
        skipped:
          'not built: counting distinct orders per group ran out of DUCKDB_MEMORY_LIMIT (raise it to build this rollup), so order counts read the detail table',
      });
      continue;
    }
    if (def.orderCount) {
      const extra = await extraOrderCounts(conn, def, buckets);
      if (extra !== 0) {
        await conn.run(`DROP TABLE ${def.table}`);
        reports.push({
          table: def.table,
          rows: 0,
          elapsedMs: Math.round(performance.now() - started),
          skipped: def.orderSplitColumn
            ? `not built: an order's lines of one ${def.orderSplitColumn} span several of its groups (${extra} extra order counts), so order counts by ${def.orderSplitColumn} read the detail table`
            : `not built: orders span several of its groups (${extra} extra order counts), so order counts read the detail table`,
        });
        continue;
      }
    }
    const count = await conn.runAndReadAll(`SELECT COUNT(*) FROM ${def.table}`);
    reports.push({
      table: def.table,
      rows: Number(count.getRowsJS()[0]![0]),
      elapsedMs: Math.round(performance.now() - started),
    });
  }
  return reports;
}

/**
 * How many order counts the rollup stores beyond the distinct orders (or, with a split column, the distinct
 * (order, split value) pairs) of the detail table; 0 when its counts add up exactly. Every order (pair) lands in
 * at least one group, so the stored counts sum to the distinct count exactly when none lands in two. Counted in
 * the same hash buckets as the build, so no pass holds every order id.
 */
async function extraOrderCounts(
  conn: DuckDBConnection,
  def: RollupDefinition,
  buckets: number,
): Promise<number> {
  const stored = await conn.runAndReadAll(`SELECT COALESCE(SUM(order_count), 0) FROM ${def.table}`);
  const split = def.orderSplitColumn ? def.columns.find((c) => c.name === def.orderSplitColumn) : undefined;
  if (def.orderSplitColumn && !split)
    throw new Error(`rollup ${def.table}: split column ${def.orderSplitColumn} is not among its columns`);
  const pair = split ? `order_id, ${split.detailExpr}` : 'order_id';
  let distinct = 0;
  for (let index = 0; index < buckets; index++) {
    const where = buckets > 1 ? ` AND hash(order_id) % ${buckets} = ${index}` : '';
    const part = await conn.runAndReadAll(
      `SELECT COUNT(*) FROM (SELECT ${pair} FROM ${def.source} WHERE order_id IS NOT NULL${where} GROUP BY ALL)`,
    );
    distinct += Number(part.getRowsJS()[0]![0]);
  }
  return Number(stored.getRowsJS()[0]![0]) - distinct;
}

/** The rollup tables present in an opened cache database (an old cache or ROLLUPS_ENABLED=false has none). */
export async function listRollupTables(conn: DuckDBConnection): Promise<string[]> {
  const names = ROLLUPS.map((r) => `'${r.table}'`).join(', ');
  const reader = await conn.runAndReadAll(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_name IN (${names})`,
  );
  const present = new Set(reader.getRowsJS().map((r) => String(r[0])));
  return ROLLUPS.map((r) => r.table).filter((t) => present.has(t));
}
