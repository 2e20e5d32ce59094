import type { DuckDBConnection } from '@duckdb/node-api';
import {
  ROLLUPS,
  rollupBuildSql,
  rollupBuildSqlInBuckets,
  type RollupDefinition,
} from './rollup-definitions.js';

/**
 * Order rows one pass of an order-count rollup groups per GiB of memory_limit. Measured at 100M rows, 2 threads,
 * 1 GB: a third of the orders per pass (33M rows) fits, all of them runs out of memory; fewer, larger passes are
 * faster (each pass scans the whole table: 3 passes 108 s, 5 passes 127 s, 10 passes 184 s). 25M leaves headroom.
 */
const ORDER_ROWS_PER_GIB = 25_000_000;
/** On Out of Memory the passes are halved in size, up to this many times, before the rollup is given up. */
const MAX_BUCKET_DOUBLINGS = 3;

export interface RollupBuildReport {
  table: string;
  rows: number;
  elapsedMs: number;
  /** Passes over disjoint sets of orders (order-count rollups). */
  buckets?: number;
  /** Why the rollup was not kept, when it was not. */
  skipped?: string;
}

export interface RollupBuildOptions {
  /** Order rows per pass of an order-count rollup; by default from the connection's memory_limit. */
  orderRowsPerBucket?: number;
}

/**
 * Builds every rollup from the clean amazon_sales table (or view) on a writable connection to the cache database
 * being built. Additive rollups are one pass each; DuckDB spills to its temp directory when a pass outgrows
 * memory_limit. Order-count rollups need one aggregate group per order, which does not spill well enough at
 * 100M rows, so they are built in passes over hash buckets of orders (see rollupBuildSqlInBuckets).
 */
export async function buildRollups(
  conn: DuckDBConnection,
  options: RollupBuildOptions = {},
): Promise<RollupBuildReport[]> {
  const reports: RollupBuildReport[] = [];
  const rowsPerBucket = options.orderRowsPerBucket ?? (await defaultRowsPerBucket(conn));
  let orderRows: number | undefined;
  for (const def of ROLLUPS) {
    const started = performance.now();
    const elapsedMs = () => Math.round(performance.now() - started);
    if (!def.orderCount) {
      await conn.run(rollupBuildSql(def));
      reports.push({ table: def.table, rows: await countRows(conn, def.table), elapsedMs: elapsedMs() });
      continue;
    }
    orderRows ??= await countRows(conn, def.source);
    const verifiedBy = impliedVerification(def, reports);
    const outcome = await buildOrderCountRollup(
      conn,
      def,
      Math.max(1, Math.ceil(orderRows / rowsPerBucket)),
      verifiedBy,
    );
    reports.push({
      table: def.table,
      rows: outcome.skipped ? 0 : await countRows(conn, def.table),
      elapsedMs: elapsedMs(),
      buckets: outcome.buckets,
      ...(outcome.skipped ? { skipped: outcome.skipped } : {}),
    });
  }
  return reports;
}

async function buildOrderCountRollup(
  conn: DuckDBConnection,
  def: RollupDefinition,
  firstBuckets: number,
  verifiedBy: string | undefined,
): Promise<{ buckets: number; skipped?: string }> {
  let buckets = firstBuckets;
  for (let doublings = 0; ; doublings++) {
    try {
      for (const sql of rollupBuildSqlInBuckets(def, buckets)) await conn.run(sql);
      const extra = verifiedBy ? 0 : await extraOrderCounts(conn, def, buckets);
      if (extra === 0) return { buckets };
      await conn.run(`DROP TABLE ${def.table}`);
      return {
        buckets,
        skipped: def.orderSplitColumn
          ? `not built: an order's lines of one ${def.orderSplitColumn} span several of its groups (${extra} extra order counts), so order counts by ${def.orderSplitColumn} read the detail table`
          : `not built: orders span several of its groups (${extra} extra order counts), so order counts read the detail table`,
      };
    } catch (error) {
      if (!/Out of Memory/i.test(String(error))) throw error;
      await conn.run(`DROP TABLE IF EXISTS ${def.table}`);
      await conn.run(`DROP TABLE IF EXISTS ${def.table}__parts`);
      // Smaller passes need less memory; past a few doublings the limit is simply too small for this data.
      // The load still succeeds: order counts then read the detail table.
      if (doublings === MAX_BUCKET_DOUBLINGS)
        return {
          buckets,
          skipped: `not built: counting distinct orders per group ran out of DUCKDB_MEMORY_LIMIT even in ${buckets} passes (raise it to build this rollup), so order counts read the detail table`,
        };
      buckets *= 2;
    }
  }
}

/**
 * A split rollup (order-level columns + one line-level column) needs no check of its own when the order-level
 * rollup over the same columns was kept: every order then has exactly one value of each of those columns, so
 * every (order, split value) pair falls in exactly one group. Returns the rollup that vouches for it.
 */
function impliedVerification(def: RollupDefinition, built: RollupBuildReport[]): string | undefined {
  if (!def.orderSplitColumn) return undefined;
  const others = def.columns.filter((c) => c.name !== def.orderSplitColumn).map((c) => c.detailExpr);
  const base = ROLLUPS.find(
    (r) =>
      r.orderCount &&
      !r.orderSplitColumn &&
      r.source === def.source &&
      r.dateColumn === def.dateColumn &&
      others.every((expr) => r.columns.some((c) => c.detailExpr === expr)),
  );
  const report = base && built.find((b) => b.table === base.table);
  return report && !report.skipped ? base.table : undefined;
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

async function countRows(conn: DuckDBConnection, table: string): Promise<number> {
  return Number((await conn.runAndReadAll(`SELECT COUNT(*) FROM ${table}`)).getRowsJS()[0]![0]);
}

async function defaultRowsPerBucket(conn: DuckDBConnection): Promise<number> {
  const reader = await conn.runAndReadAll("SELECT current_setting('memory_limit')::VARCHAR");
  const bytes = parseByteSize(String(reader.getRowsJS()[0]![0]));
  return Math.max(1_000_000, Math.floor((bytes / 2 ** 30) * ORDER_ROWS_PER_GIB));
}

/** DuckDB's memory_limit as it reports it ("953.6 MiB", "4.0 GiB", "1.0 GB") in bytes; 1 GiB when unreadable. */
export function parseByteSize(text: string): number {
  const m = /^\s*([\d.]+)\s*([KMGT]i?B|bytes?)?\s*$/i.exec(text);
  if (!m) return 2 ** 30;
  const unit = (m[2] ?? 'B').toUpperCase();
  const power = { K: 1, M: 2, G: 3, T: 4 }[unit[0] as 'K' | 'M' | 'G' | 'T'] ?? 0;
  const base = unit.includes('I') ? 1024 : 1000;
  return Number(m[1]) * base ** power;
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
