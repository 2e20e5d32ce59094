import { titleCase as titleCaseSql } from '../warehouse/csv/sql.js';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CatalogStyle } from './catalog.js';
import { ALIAS_SCALE, createChoiceLists } from './duck-tables.js';
import { createRng } from './prng.js';
import type { SampleProfile } from './sample-profile.js';

/**
 * Amazon order lines, generated in DuckDB SQL so that 10M+ rows take seconds, not minutes. Every random choice
 * is an alias-method draw from `hash(seed, key, salt)` against a one-row table of LISTs (see createChoiceLists):
 * no joins, deterministic for a seed, and the same whether the lines are made in one go or in chunks. Order-level
 * fields (date, channel, status, address, promotion, B2B, order-id prefix) hash the order number; line-level
 * fields (SKU, qty, price) hash the line number.
 */

/** Choice sizes (number of choices) per list table, needed as literals by the draw SQL. */
export type ChoiceSizes = Record<ChoiceTable, number>;

/** A calendar month of the generated period as a range of day choice ids (days are listed in date order). */
export interface MonthDays {
  year: number;
  /** '01'..'12', as the hive partition writes it. */
  month: string;
  firstDayId: number;
  lastDayId: number;
}

export interface ChoiceInfo {
  sizes: ChoiceSizes;
  months: MonthDays[];
}
type ChoiceTable =
  | 'c_day'
  | 'c_k'
  | 'c_chan'
  | 'c_geo'
  | 'c_prod'
  | 'c_qty'
  | 'c_prefix'
  | 'c_promo_amazon'
  | 'c_promo_merchant';

const titleCase = (s: string): string =>
  s.toLowerCase().replace(/(^|[\s\-/(])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase());

/** One choice list: its table, typed columns, the choices and their weights (see createChoiceLists). */
interface ChoiceList {
  table: ChoiceTable;
  columns: Parameters<typeof createChoiceLists>[2];
  rows: (string | number | null)[][];
  weights: number[];
}

/** The pairs of a profile list ([value, weight]) as a one-column choice list. */
function weightedList<T extends string | number>(
  table: ChoiceTable,
  column: Parameters<typeof createChoiceLists>[2][number],
  pairs: readonly (readonly [T, number])[],
): ChoiceList {
  return { table, columns: [column], rows: pairs.map(([v]) => [v]), weights: pairs.map(([, w]) => w) };
}

export async function createOrderChoiceTables(
  conn: DuckDBConnection,
  profile: SampleProfile,
  catalog: CatalogStyle[],
  seed: number,
): Promise<ChoiceInfo> {
  const days = dayChoices(profile);
  const lists: ChoiceList[] = [
    days,
    weightedList('c_k', ['k', 'INTEGER'], profile.linesPerOrder),
    weightedList('c_prefix', ['prefix', 'VARCHAR'], profile.orderIdPrefixes),
    channelChoices(profile),
    geoChoices(profile),
    productChoices(catalog),
    weightedList('c_qty', ['q', 'INTEGER'], profile.amounts.qty),
  ];
  for (const list of lists) await createChoiceLists(conn, list.table, list.columns, list.rows, list.weights);
  const promotions = promotionChoices(profile, seed);
  // Both promotion lists share one ENUM type, so the CASE choosing between them stays an ENUM (with two types it
  // would fall back to VARCHAR and copy the 2 KB PLCC lists through the query).
  const promoValues = [...new Set(promotions.flatMap((t) => t.rows.map(([v]) => v)))].filter(
    (v): v is string => typeof v === 'string',
  );
  await conn.run(`CREATE TYPE promo_t AS ENUM (${promoValues.map(sqlText).join(', ')})`);
  for (const { table, rows, weights } of promotions)
    await createChoiceLists(conn, table, [['promo', 'VARCHAR', 'promo_t']], rows, weights);
  const sizes = Object.fromEntries(
    [...lists, ...promotions].map((l) => [l.table, l.rows.length]),
  ) as ChoiceSizes;
  return { sizes, months: monthsOf(days.rows.map(([d]) => String(d))) };
}

/** Days: 7-day blocks from 1 April × day-of-week factor; the first and last days are partial. */
function dayChoices(profile: SampleProfile): ChoiceList {
  const rows: string[][] = [];
  const weights: number[] = [];
  const first = Date.parse(`${profile.firstDate}T00:00:00Z`);
  const last = Date.parse(`${profile.lastDate}T00:00:00Z`);
  const april = Date.parse('2022-04-01T00:00:00Z');
  for (let t = first; t <= last; t += 86_400_000) {
    const d = new Date(t);
    const block = Math.min(
      profile.weeklyLinesPerDay.length - 1,
      Math.max(0, Math.floor((t - april) / (7 * 86_400_000))),
    );
    const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
    const w =
      t === first
        ? profile.firstDayLines
        : t === last
          ? profile.lastDayLines
          : profile.weeklyLinesPerDay[block]! * profile.dayOfWeekFactor[dow]!;
    rows.push([d.toISOString().slice(0, 10)]);
    weights.push(w);
  }
  return { table: 'c_day', columns: [['d', 'VARCHAR', 'DATE']], rows, weights };
}

/** The calendar months of the days (listed in date order) as ranges of day ids. */
function monthsOf(days: readonly string[]): MonthDays[] {
  const months: MonthDays[] = [];
  days.forEach((d, id) => {
    const year = Number(d.slice(0, 4));
    const month = d.slice(5, 7);
    const last = months.at(-1);
    if (last && last.year === year && last.month === month) last.lastDayId = id;
    else months.push({ year, month, firstDayId: id, lastDayId: id });
  });
  return months;
}

/** Channel × status: the status mix depends on who fulfils. */
function channelChoices(profile: SampleProfile): ChoiceList {
  const rows: (string | null)[][] = [];
  const weights: number[] = [];
  for (const ch of profile.channels) {
    const statuses = profile.statusByFulfilment[ch.fulfilment as 'Amazon' | 'Merchant'];
    for (const [status, courier, share] of statuses) {
      // Empty fulfilled-by / courier status are blank cells: NULL in the lists.
      rows.push([
        ch.fulfilment,
        ch.salesChannel,
        ch.serviceLevel,
        ch.fulfilledBy || null,
        status,
        courier || null,
      ]);
      weights.push(ch.share * share);
    }
  }
  const columns = [
    'fulfilment',
    'sales_channel',
    'service_level',
    'fulfilled_by',
    'status',
    'courier_status',
  ];
  return { table: 'c_chan', columns: columns.map((c) => [c, 'VARCHAR'] as const), rows, weights };
}

/** State × spelling × city × casing, as the raw export writes addresses. */
function geoChoices(profile: SampleProfile): ChoiceList {
  const rows: string[][] = [];
  const weights: number[] = [];
  for (const st of profile.states) {
    const cityTotal = st.cities.reduce((a, [, w]) => a + w, 0);
    for (const [spelling, spellingShare] of st.spellings) {
      for (const [city, cityShare, pc3] of st.cities) {
        for (const [casing, casingShare] of profile.cityCasing) {
          const raw = casing === 'upper' ? city : casing === 'lower' ? city.toLowerCase() : titleCase(city);
          rows.push([st.state, spelling, raw, city, pc3]);
          weights.push(st.sharePct * spellingShare * (cityShare / cityTotal) * casingShare);
        }
      }
    }
  }
  const columns = ['state', 'state_raw', 'city_raw', 'city', 'pc3'];
  return { table: 'c_geo', columns: columns.map((c) => [c, 'VARCHAR'] as const), rows, weights };
}

/** One choice per SKU of the generated catalog, weighted by its sales. */
function productChoices(catalog: CatalogStyle[]): ChoiceList {
  const rows: (string | number)[][] = [];
  const weights: number[] = [];
  for (const style of catalog) {
    for (const sku of style.skus) {
      const c = style.category.name;
      rows.push([style.style, sku.sku, c, titleCase(c), sku.size, sku.asin, style.price]);
      weights.push(sku.weight);
    }
  }
  const text = ['style', 'sku', 'category_raw', 'category', 'size', 'asin'].map(
    (c) => [c, 'VARCHAR'] as const,
  );
  return { table: 'c_prod', columns: [...text, ['price', 'DOUBLE']], rows, weights };
}

/** The promotion-ids cell per fulfilment: none, the core promotion, or ids from the generated vocabulary. */
function promotionChoices(profile: SampleProfile, seed: number): ChoiceList[] {
  const promo = promotionVocabulary(profile, seed);
  return (['Amazon', 'Merchant'] as const).map((fulfilment) => {
    const rows: (string | null)[][] = [];
    const weights: number[] = [];
    for (const [kind, share] of profile.promotions[fulfilment]) {
      const values = kind === 'none' ? [null] : kind === 'core' ? [profile.corePromotion] : promo[kind];
      for (const v of values) {
        rows.push([v]);
        weights.push(share / values.length);
      }
    }
    const table = fulfilment === 'Amazon' ? 'c_promo_amazon' : 'c_promo_merchant';
    return { table, columns: [['promo', 'VARCHAR', 'promo_t']], rows, weights };
  });
}

const sqlText = (v: string): string => `'${v.replace(/'/g, "''")}'`;

/** The 64-bit draw for (seed, key, salt); hashed twice so that draws with different salts do not correlate. */
const hashSql = (seed: number, key: string, salt: string): string => `hash(hash(${seed}, ${key}, '${salt}'))`;

/**
 * The 14 digits of an order id: (o × M + C) mod 10^14, a bijection on order numbers (M is odd and not a multiple
 * of 5), so ids never repeat. Computed in BIGINT by splitting M into 7-digit halves (o × M itself would overflow;
 * HUGEINT arithmetic made this the costliest column), exact for o < 9·10^11.
 */
function orderDigitsSql(o: string, seed: number): string {
  const mHi = Math.floor(ORDER_MULTIPLIER / 1e7);
  const mLo = ORDER_MULTIPLIER % 1e7;
  const c = 12_345_678_901_234 + (seed % 1_000_000) * 7919;
  return `((${o} * ${mLo}) % 100000000000000 + ((${o} * ${mHi}) % 10000000) * 10000000 + ${c}) % 100000000000000`;
}
const ORDER_MULTIPLIER = 37_139_213_876_543;

/**
 * SQL for a 0-based choice id of `table` from the UBIGINT hash column `h`: the low part picks the alias bucket,
 * the high part (h // n) is the uniform that decides between the bucket and its alias.
 */
function pickSql(table: ChoiceTable, sizes: ChoiceSizes, h: string): string {
  const n = sizes[table];
  const bucket = `CAST(${h} % ${n} AS BIGINT)`;
  return `CASE WHEN CAST((${h} // ${n}) % ${ALIAS_SCALE} AS BIGINT) < ${table}.thr[1 + ${bucket}] THEN ${bucket} ELSE ${table}.alias[1 + ${bucket}] END`;
}

/** Made-up promotion ids in the shapes of the real ones (PLCC lists, coupons, 'Duplicated …'). */
function promotionVocabulary(
  profile: SampleProfile,
  seed: number,
): Record<'plcc' | 'coupon' | 'duplicated', string[]> {
  const rng = createRng(seed, 'promotions');
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const code = (n: number): string => Array.from({ length: n }, () => chars[rng.int(0, 35)]).join('');
  const digits = (n: number): string => Array.from({ length: n }, () => String(rng.int(0, 9))).join('');
  const pool = Array.from({ length: 40 }, () => `AAT-${code(13)}`);
  const merchant = 'Amazon PLCC Free-Financing Universal Merchant';
  const plcc = Array.from({ length: profile.plccListVariants }, () => {
    const n = Math.max(8, Math.min(36, Math.round(profile.plccIdsMean + 4 * rng.normal())));
    const ids = [...pool].sort(() => rng.next() - 0.5).slice(0, n);
    return [...ids, `#MP-${code(6).toLowerCase()}-${digits(13)}`].map((id) => `${merchant} ${id}`).join(',');
  });
  const coupon = Array.from({ length: profile.couponVariants }, () => `VPC-${digits(5)}-${digits(8)} Coupon`);
  const duplicated = Array.from(
    { length: profile.duplicatedVariants },
    () => `Duplicated A${code(13)} ${digits(13)}`,
  );
  return { plcc, coupon, duplicated };
}

/**
 * SQL selecting the order lines with source_row below `totalRows` from the orders in `ordersTable`
 * (o, k, start, day_id), optionally only those of one month: every field the raw and the clean projection need.
 * Streams: no join, no window, no sort. The month filter applies to the orders table before lines are made.
 */
export function orderLinesSql(
  profile: SampleProfile,
  sizes: ChoiceSizes,
  seed: number,
  ordersTable: string,
  totalRows: number,
  month?: MonthDays,
): string {
  const s = Math.trunc(seed);
  const inMonth = month ? `WHERE day_id BETWEEN ${month.firstDayId} AND ${month.lastDayId}` : '';
  const h = (key: string, salt: string, mod: number): string =>
    `CAST(${hashSql(s, key, salt)} % ${mod} AS BIGINT)`;
  const u = (key: string, salt: string): string => `(${h(key, salt, 1_000_000)} / 1000000.0)`;
  const pick = (table: ChoiceTable, col: string): string => pickSql(table, sizes, col);
  const a = profile.amounts;
  const u22 = profile.unnamed22;
  const lists = `c_chan, c_geo, c_prod, c_qty, c_prefix, c_promo_amazon, c_promo_merchant`;
  return `
WITH l AS (
  SELECT o, day_id, start + j AS i FROM (SELECT o, day_id, start, unnest(range(k)) AS j FROM ${ordersTable} ${inMonth})
  WHERE start + j < ${totalRows}
), hashed AS (
  SELECT i, o, day_id,
    ${hashSql(s, 'o', 'chan')} AS h_chan, ${hashSql(s, 'o', 'geo')} AS h_geo,
    ${hashSql(s, 'o', 'promo')} AS h_promo, ${hashSql(s, 'o', 'prefix')} AS h_prefix,
    ${hashSql(s, 'i', 'prod')} AS h_prod, ${hashSql(s, 'i', 'qty')} AS h_qty
  FROM l
), picked AS (
  SELECT i, o, day_id, ${pick('c_chan', 'h_chan')} AS chan_id, ${pick('c_geo', 'h_geo')} AS geo_id,
    ${pick('c_promo_amazon', 'h_promo')} AS promo_a_id, ${pick('c_promo_merchant', 'h_promo')} AS promo_m_id,
    ${pick('c_prefix', 'h_prefix')} AS prefix_id, ${pick('c_prod', 'h_prod')} AS prod_id,
    ${pick('c_qty', 'h_qty')} AS qty_id
  FROM hashed, ${lists}
), base AS (
  SELECT i, o, c_day.d[1 + day_id] AS order_date,
    c_chan.fulfilment[1 + chan_id] AS fulfilment, c_chan.sales_channel[1 + chan_id] AS sales_channel,
    c_chan.service_level[1 + chan_id] AS service_level, c_chan.fulfilled_by[1 + chan_id] AS fulfilled_by,
    c_chan.status[1 + chan_id] AS status, c_chan.courier_status[1 + chan_id] AS courier_status,
    c_geo.state[1 + geo_id] AS state, c_geo.state_raw[1 + geo_id] AS state_raw,
    c_geo.city_raw[1 + geo_id] AS city_raw, c_geo.city[1 + geo_id] AS city, c_geo.pc3[1 + geo_id] AS pc3,
    CASE WHEN c_chan.fulfilment[1 + chan_id] = 'Amazon' THEN c_promo_amazon.promo[1 + promo_a_id]
      ELSE c_promo_merchant.promo[1 + promo_m_id] END AS promo,
    c_prod.style[1 + prod_id] AS style, c_prod.sku[1 + prod_id] AS sku,
    c_prod.category_raw[1 + prod_id] AS category_raw, c_prod.category[1 + prod_id] AS category,
    c_prod.size[1 + prod_id] AS size, c_prod.asin[1 + prod_id] AS asin, c_prod.price[1 + prod_id] AS price,
    c_qty.q[1 + qty_id] AS qty_draw,
    ${u('o', 'addr')} < ${profile.missingAddressShare} AS no_address,
    ${u('o', 'b2b')} < ${profile.b2bShare} AS is_b2b,
    ${u('i', 'blank')} AS r_blank, ${u('i', 'qty0')} AS r_qty0, ${u('i', 'zero')} AS r_zero,
    ${u('i', 'list')} AS r_list, ${u('i', 'disc')} AS r_disc, ${u('i', 'u22')} AS r_u22,
    ${h('i', 'qty2', 1000)} AS r_qty2,
    c_prefix.prefix[1 + prefix_id] AS order_prefix, ${orderDigitsSql('o', s)} AS order_digits,
    lpad(CAST(${h('o', 'pin', 120)} + 1 AS VARCHAR), 3, '0') AS pin_tail
  FROM picked, c_day, ${lists}
), priced AS (
  SELECT *,
    CASE
      WHEN status = 'Cancelled' AND fulfilment = 'Merchant' THEN 0
      WHEN status = 'Cancelled' THEN CASE WHEN r_qty0 < ${a.cancelledAmazonQtyZero} THEN 0 WHEN r_qty2 < 5 THEN 2 ELSE 1 END
      WHEN r_blank < ${a.otherBlank} AND r_qty0 < ${a.otherBlankQtyZero} THEN 0
      ELSE qty_draw
    END AS qty,
    price * CASE WHEN r_list < ${a.listPriceShare} THEN 1 ELSE 1 - r_disc * ${a.maxDiscount} END AS unit_price
  FROM base
)
SELECT *,
  CASE
    WHEN status = 'Cancelled' AND fulfilment = 'Amazon' THEN qty = 0
    WHEN status = 'Cancelled' THEN r_blank < ${a.cancelledMerchantBlank}
    ELSE r_blank < ${a.otherBlank}
  END AS amount_blank,
  CAST(order_prefix AS VARCHAR) || '-' || lpad(CAST(order_digits // 10000000 AS VARCHAR), 7, '0') || '-' ||
    lpad(CAST(order_digits % 10000000 AS VARCHAR), 7, '0') AS order_id,
  CASE
    WHEN order_date >= DATE '${u22.allFalseFrom}' THEN 'False'
    WHEN order_date = DATE '${u22.partialDay}' AND r_u22 < ${u22.partialDayShare} THEN 'False'
  END AS unnamed_22,
  CAST(round(CASE WHEN status <> 'Cancelled' AND r_zero < ${a.otherZeroAmount} THEN 0
    ELSE unit_price * greatest(qty, 1) END, 2) AS DECIMAL(18,2)) AS amount_value
FROM priced`;
}

/**
 * The raw 'Amazon Sale Report.csv' columns, in the export's order and text formats. No ORDER BY: the caller runs
 * the COPY on one DuckDB thread with insertion order preserved, so lines come out in line-number order (the orders
 * table is sorted and unnest keeps each order's lines together). Sorting 0.5 KB rows, or DuckDB's order-preserving
 * parallel CSV writer, cost 5-8× more than the whole single-threaded write.
 */
export function rawProjection(inner: string): string {
  return `
SELECT i AS "index", order_id AS "Order ID", strftime(order_date, '%m-%d-%y') AS "Date", status AS "Status",
  fulfilment AS "Fulfilment", sales_channel AS "Sales Channel ", service_level AS "ship-service-level",
  style AS "Style", sku AS "SKU", category_raw AS "Category", size AS "Size", asin AS "ASIN",
  courier_status AS "Courier Status", qty AS "Qty",
  CASE WHEN NOT amount_blank THEN 'INR' END AS "currency",
  CASE WHEN amount_blank THEN NULL
    WHEN amount_value = trunc(amount_value) THEN CAST(CAST(amount_value AS BIGINT) AS VARCHAR) || '.0'
    ELSE rtrim(CAST(amount_value AS VARCHAR), '0') END AS "Amount",
  CASE WHEN NOT no_address THEN city_raw END AS "ship-city",
  CASE WHEN NOT no_address THEN state_raw END AS "ship-state",
  CASE WHEN NOT no_address THEN CAST(pc3 AS VARCHAR) || pin_tail || '.0' END AS "ship-postal-code",
  CASE WHEN NOT no_address THEN 'IN' END AS "ship-country",
  promo AS "promotion-ids", CASE WHEN is_b2b THEN 'True' ELSE 'False' END AS "B2B",
  fulfilled_by AS "fulfilled-by", unnamed_22 AS "Unnamed: 22"
FROM (${inner})`;
}

/** The clean amazon_sales schema (src/warehouse/types.ts), plus year/month for hive partitioning. */
export function cleanProjection(inner: string): string {
  return `
SELECT CAST(i AS INTEGER) AS source_row, order_id, order_date, status, fulfilment, sales_channel,
  service_level AS ship_service_level, style, sku, category, size, asin, courier_status,
  CAST(qty AS INTEGER) AS qty, CASE WHEN NOT amount_blank THEN 'INR' END AS currency,
  CASE WHEN NOT amount_blank THEN amount_value END AS amount,
  -- The generator's cities are canonical names in upper case: in title case they are what the CSV loader's
  -- canonicalCity() makes of them, and the raw spelling is what the raw CSV would hold.
  CASE WHEN NOT no_address THEN ${titleCaseSql('city')} END AS ship_city,
  CASE WHEN NOT no_address THEN state END AS ship_state,
  CASE WHEN NOT no_address THEN CAST(pc3 AS VARCHAR) || pin_tail END AS ship_postal_code,
  CASE WHEN NOT no_address THEN 'IN' END AS ship_country,
  promo AS promotion_ids, is_b2b, fulfilled_by,
  CASE WHEN NOT no_address THEN NULLIF(TRIM(city_raw), '') END AS ship_city_raw,
  year(order_date) AS year, lpad(CAST(month(order_date) AS VARCHAR), 2, '0') AS month
FROM (${inner})`;
}

/**
 * Fills `ordersTable` with orders [fromOrder, toOrder): lines per order, the order's day (drawn here so that a
 * month's lines can be selected before they are made) and where each order starts, carrying the
 * running line count from earlier chunks. The running sum is a window over this chunk only, so memory is bounded
 * by the chunk size. Returns the line count after this chunk.
 */
export async function createOrdersChunk(
  conn: DuckDBConnection,
  sizes: ChoiceSizes,
  seed: number,
  ordersTable: string,
  fromOrder: number,
  toOrder: number,
  startOffset: number,
  /** Store the orders sorted by order number (the CSV path writes lines in that order; the sort costs 30-40 %). */
  sorted: boolean,
): Promise<number> {
  const s = Math.trunc(seed);
  await conn.run(`
    CREATE OR REPLACE TABLE ${ordersTable} AS
    SELECT o, k, day_id,
      ${startOffset} + sum(k) OVER (ORDER BY o ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - k AS start
    FROM (
      SELECT o, c_k.k[1 + ${pickSql('c_k', sizes, 'h')}] AS k, ${pickSql('c_day', sizes, 'h_day')} AS day_id
      FROM (
        SELECT range AS o, ${hashSql(s, 'range', 'k')} AS h, ${hashSql(s, 'range', 'day')} AS h_day
        FROM range(${fromOrder}, ${toOrder})
      ), c_k, c_day
    )
    ${sorted ? 'ORDER BY o' : ''}`);
  const reader = await conn.runAndReadAll(`SELECT CAST(coalesce(sum(k), 0) AS BIGINT) FROM ${ordersTable}`);
  return startOffset + Number(reader.getRows()[0]![0]);
}
