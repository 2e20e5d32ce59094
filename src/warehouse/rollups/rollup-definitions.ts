/**
 * Pre-aggregated copies of amazon_sales (rollups), built into the cache database at load time. The plan→SQL path
 * answers from a rollup when every metric, dimension and filter of the plan is covered (src/semantic/rollup-router.ts)
 * and from the detail table otherwise, with identical numbers.
 *
 * Additive measures only: a rollup row holds sums and counts over the detail rows of one group, and sums of sums
 * are exact (DECIMAL amounts, integer counts). Distinct counts are not additive in general: an order with a Kurta
 * line and a Set line is one order in total but one in each category. So distinct orders are stored only where
 * the build verified on the data that they add up:
 *   - amazon_orders_daily groups by order-level attributes only, and no order spans two of its groups, so any sum
 *     of its order counts is exact;
 *   - amazon_orders_daily_category and _size add one line-level attribute (the "split" column). An order with a
 *     Kurta and a Set line is counted once under each, so their order counts add up only within one value of that
 *     column: exact for "orders by category" or "orders of Kurta", never for a total across categories. The build
 *     verifies that no (order, split value) pair spans two groups; the router uses them only when the plan pins
 *     the split column (groups by it, or filters it to one value).
 * Other distinct counts (SKUs, customers) read the detail table.
 *
 * Bump ROLLUP_VERSION when a definition changes: it is part of the cache fingerprint, so old caches are rebuilt.
 */
export const ROLLUP_VERSION = 'rollups-v4';

export interface RollupColumn {
  /** Column name in the rollup table. */
  name: string;
  /** The detail-table expression it groups by, exactly as the catalog's dimension column for amazon_sales. */
  detailExpr: string;
}

export interface RollupMeasure {
  name: string;
  /** Aggregate over the detail rows of one group. */
  detailAggregate: string;
}

export interface RollupDefinition {
  /** Table name in the cache database (main schema, hidden from schema()). */
  table: string;
  source: 'amazon_sales';
  /** The detail date column, kept at day grain under the same name (day/week/month grains roll up from it). */
  dateColumn: 'order_date';
  columns: RollupColumn[];
  /**
   * Also store COUNT(DISTINCT order_id) per group. Only exact when no order spans two groups, which holds for
   * order-level attributes (date, state, status, fulfilment, channel, service level, B2B) but not for line-level
   * ones (category, size: an order can hold a Kurta and a Set). buildRollups checks it on the data (the groups'
   * order counts must add up to the distinct orders) and drops the table when it does not hold.
   */
  orderCount?: boolean;
  /**
   * With orderCount: the one line-level column among the keys (category, size). Order counts are then exact per
   * value of this column only, and the build checks (order, value) pairs instead of orders.
   */
  orderSplitColumn?: string;
}

/** The measures every amazon_sales rollup stores; a metric's rollup form (metric-translations.ts) uses only these. */
export const ROLLUP_MEASURES: RollupMeasure[] = [
  { name: 'line_count', detailAggregate: 'COUNT(*)' },
  { name: 'amount_sum', detailAggregate: 'SUM(amount)' },
  { name: 'qty_sum', detailAggregate: 'SUM(qty)' },
  // avg_price divides by the units of lines that have an amount; that sum must be stored separately.
  { name: 'qty_with_amount_sum', detailAggregate: 'SUM(qty) FILTER (WHERE amount IS NOT NULL)' },
];

/** The distinct orders of a group, stored only by rollups with orderCount (see orderCountSelect). */
export const ORDER_COUNT_MEASURE: RollupMeasure = {
  name: 'order_count',
  detailAggregate: 'COUNT(DISTINCT order_id)',
};

const col = (name: string, detailExpr = name): RollupColumn => ({ name, detailExpr });

/** Shared by both rollups: the order-status and channel attributes most questions filter or group by. */
const COMMON = [
  col('category'),
  col('status'),
  col('courier_status'),
  col('fulfilment'),
  col('sales_channel'),
  col('ship_service_level'),
  col('is_b2b'),
];

/** The order-level attributes: amazon_orders_daily verifies on the data that no order spans two of their values. */
const ORDER_LEVEL = [
  col('ship_state'),
  col('status'),
  col('fulfilment'),
  col('sales_channel'),
  col('ship_service_level'),
  col('is_b2b'),
];

/**
 * Smallest first: the router picks the first rollup that covers a plan. Geography (day × state × …) and product
 * (day × size × promotion × …) are separate tables because one table with both would have nearly as many rows
 * as the detail table at the sizes where rollups matter. City, SKU and style are too fine-grained to roll up.
 */
export const ROLLUPS: RollupDefinition[] = [
  {
    table: 'amazon_orders_daily',
    source: 'amazon_sales',
    dateColumn: 'order_date',
    orderCount: true,
    columns: ORDER_LEVEL,
  },
  {
    table: 'amazon_orders_daily_category',
    source: 'amazon_sales',
    dateColumn: 'order_date',
    orderCount: true,
    orderSplitColumn: 'category',
    columns: [...ORDER_LEVEL, col('category')],
  },
  {
    table: 'amazon_orders_daily_size',
    source: 'amazon_sales',
    dateColumn: 'order_date',
    orderCount: true,
    orderSplitColumn: 'size',
    columns: [...ORDER_LEVEL, col('size')],
  },
  {
    table: 'amazon_sales_daily',
    source: 'amazon_sales',
    dateColumn: 'order_date',
    columns: [...COMMON, col('ship_state')],
  },
  {
    table: 'amazon_sales_daily_product',
    source: 'amazon_sales',
    dateColumn: 'order_date',
    columns: [
      ...COMMON,
      col('size'),
      col('has_promotion', "(promotion_ids IS NOT NULL AND promotion_ids <> '')"),
    ],
  },
];

export const ROLLUP_TABLES = ROLLUPS.map((r) => r.table);

/** CREATE TABLE … AS SELECT for one rollup over the detail table (amazon_sales, a table or a view). */
export function rollupBuildSql(def: RollupDefinition): string {
  const sql = rollupSqlParts(def);
  if (!def.orderCount)
    return `CREATE OR REPLACE TABLE ${def.table} AS SELECT ${[...sql.keys, ...sql.measures].join(', ')} FROM ${def.source} GROUP BY ALL`;
  // Distinct orders per group in two plain aggregations (group by order + keys, then count the orders of each
  // group) instead of COUNT(DISTINCT) per group: DuckDB spills plain hash aggregates to DUCKDB_TEMP_DIR, while
  // per-group DISTINCT sets must fit in memory (they ran out of a 1 GB limit at 100M rows).
  return `CREATE OR REPLACE TABLE ${def.table} AS ${orderCountSelect(def, sql)}`;
}

/** The SELECT fragments of a rollup: keys and measures over the detail rows, key names and re-sums over parts. */
function rollupSqlParts(def: RollupDefinition) {
  return {
    keys: [`${def.dateColumn}`, ...def.columns.map((c) => `${c.detailExpr} AS ${c.name}`)],
    measures: ROLLUP_MEASURES.map((m) => `${m.detailAggregate} AS ${m.name}`),
    keyNames: [def.dateColumn, ...def.columns.map((c) => c.name)],
    outer: ROLLUP_MEASURES.map((m) => `SUM(${m.name}) AS ${m.name}`),
  };
}

function orderCountSelect(
  def: RollupDefinition,
  sql: ReturnType<typeof rollupSqlParts>,
  bucket?: { index: number; count: number },
): string {
  const where = bucket ? ` WHERE hash(order_id) % ${bucket.count} = ${bucket.index}` : '';
  return `SELECT ${sql.keyNames.join(', ')}, ${sql.outer.join(', ')}, COUNT(order_id) AS ${ORDER_COUNT_MEASURE.name}
    FROM (SELECT order_id, ${[...sql.keys, ...sql.measures].join(', ')} FROM ${def.source}${where} GROUP BY ALL)
    GROUP BY ALL`;
}

/**
 * The same order-count rollup built in `count` passes, each over the orders whose id hashes to one bucket, so one
 * pass holds only 1/count of the orders' groups (one pass over 100M rows ran out of a 1 GB limit). Buckets are
 * disjoint sets of orders, so summing the parts per group gives exactly the distinct counts of a single pass.
 * One bucket is the single-pass statement.
 */
export function rollupBuildSqlInBuckets(def: RollupDefinition, count: number): string[] {
  if (count <= 1) return [rollupBuildSql(def)];
  const sql = rollupSqlParts(def);
  const parts = `${def.table}__parts`;
  const statements = [`DROP TABLE IF EXISTS ${parts}`];
  for (let index = 0; index < count; index++) {
    const select = orderCountSelect(def, sql, { index, count });
    statements.push(index === 0 ? `CREATE TABLE ${parts} AS ${select}` : `INSERT INTO ${parts} ${select}`);
  }
  statements.push(
    `CREATE OR REPLACE TABLE ${def.table} AS SELECT ${sql.keyNames.join(', ')}, ${sql.outer.join(', ')}, SUM(${ORDER_COUNT_MEASURE.name}) AS ${ORDER_COUNT_MEASURE.name} FROM ${parts} GROUP BY ALL`,
    `DROP TABLE ${parts}`,
  );
  return statements;
}
