import type { DuckDBConnection } from '@duckdb/node-api';
import type { CatalogStyle } from './catalog.js';
import { createChoiceTable } from './duck-tables.js';
import { createRng } from './prng.js';
import type { SampleProfile } from './sample-profile.js';

/**
 * Amazon order lines, generated in DuckDB SQL so that 10M+ rows take seconds, not minutes. Every random choice
 * is `hash(seed, key, salt)` joined to a slot table (see createChoiceTable): deterministic for a seed, and the
 * same whether the lines are made in one go or in chunks. Order-level fields (date, channel, status, address,
 * promotion, B2B) hash the order number; line-level fields (SKU, qty, price) hash the line number.
 */
const SMALL = 65_536;
const LARGE = 262_144;

const titleCase = (s: string): string =>
  s.toLowerCase().replace(/(^|[\s\-/(])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase());

export async function createOrderChoiceTables(
  conn: DuckDBConnection,
  profile: SampleProfile,
  catalog: CatalogStyle[],
  seed: number,
): Promise<void> {
  // Days: 7-day blocks from 1 April × day-of-week factor; the first and last days are partial.
  const days: string[] = [];
  const dayWeights: number[] = [];
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
    days.push(d.toISOString().slice(0, 10));
    dayWeights.push(w);
  }
  await createChoiceTable(
    conn,
    'c_day',
    [['d', 'VARCHAR']],
    days.map((d) => [d]),
    dayWeights,
    SMALL,
  );

  await createChoiceTable(
    conn,
    'c_k',
    [['k', 'INTEGER']],
    profile.linesPerOrder.map(([k]) => [k]),
    profile.linesPerOrder.map(([, w]) => w),
    SMALL,
  );

  const chanRows: string[][] = [];
  const chanWeights: number[] = [];
  for (const ch of profile.channels) {
    const statuses = profile.statusByFulfilment[ch.fulfilment as 'Amazon' | 'Merchant'];
    for (const [status, courier, share] of statuses) {
      chanRows.push([ch.fulfilment, ch.salesChannel, ch.serviceLevel, ch.fulfilledBy, status, courier]);
      chanWeights.push(ch.share * share);
    }
  }
  await createChoiceTable(
    conn,
    'c_chan',
    [
      ['fulfilment', 'VARCHAR'],
      ['sales_channel', 'VARCHAR'],
      ['service_level', 'VARCHAR'],
      ['fulfilled_by', 'VARCHAR'],
      ['status', 'VARCHAR'],
      ['courier_status', 'VARCHAR'],
    ],
    chanRows,
    chanWeights,
    SMALL,
  );

  const geoRows: string[][] = [];
  const geoWeights: number[] = [];
  for (const st of profile.states) {
    const cityTotal = st.cities.reduce((a, [, w]) => a + w, 0);
    for (const [spelling, spellingShare] of st.spellings) {
      for (const [city, cityShare, pc3] of st.cities) {
        for (const [casing, casingShare] of profile.cityCasing) {
          const raw = casing === 'upper' ? city : casing === 'lower' ? city.toLowerCase() : titleCase(city);
          geoRows.push([st.state, spelling, raw, city, pc3]);
          geoWeights.push(st.sharePct * spellingShare * (cityShare / cityTotal) * casingShare);
        }
      }
    }
  }
  await createChoiceTable(
    conn,
    'c_geo',
    [
      ['state', 'VARCHAR'],
      ['state_raw', 'VARCHAR'],
      ['city_raw', 'VARCHAR'],
      ['city', 'VARCHAR'],
      ['pc3', 'VARCHAR'],
    ],
    geoRows,
    geoWeights,
    LARGE,
  );

  const prodRows: (string | number)[][] = [];
  const prodWeights: number[] = [];
  for (const style of catalog) {
    for (const sku of style.skus) {
      prodRows.push([
        style.style,
        sku.sku,
        style.category.name,
        titleCase(style.category.name),
        sku.size,
        sku.asin,
        style.price,
      ]);
      prodWeights.push(sku.weight);
    }
  }
  await createChoiceTable(
    conn,
    'c_prod',
    [
      ['style', 'VARCHAR'],
      ['sku', 'VARCHAR'],
      ['category_raw', 'VARCHAR'],
      ['category', 'VARCHAR'],
      ['size', 'VARCHAR'],
      ['asin', 'VARCHAR'],
      ['price', 'DOUBLE'],
    ],
    prodRows,
    prodWeights,
    LARGE,
  );

  await createChoiceTable(
    conn,
    'c_qty',
    [['q', 'INTEGER']],
    profile.amounts.qty.map(([q]) => [q]),
    profile.amounts.qty.map(([, w]) => w),
    SMALL,
  );

  const promo = promotionVocabulary(profile, seed);
  for (const fulfilment of ['Amazon', 'Merchant'] as const) {
    const rows: (string | null)[][] = [];
    const weights: number[] = [];
    for (const [kind, share] of profile.promotions[fulfilment]) {
      const values = kind === 'none' ? [null] : kind === 'core' ? [profile.corePromotion] : promo[kind];
      for (const v of values) {
        rows.push([fulfilment, v]);
        weights.push(share / values.length);
      }
    }
    await createChoiceTable(
      conn,
      `c_promo_${fulfilment.toLowerCase()}`,
      [
        ['fulfilment', 'VARCHAR'],
        ['promo', 'VARCHAR'],
      ],
      rows,
      weights,
      SMALL,
    );
  }
  await conn.run(
    `CREATE OR REPLACE TABLE c_promo AS
     SELECT choice_id, fulfilment, promo FROM c_promo_amazon
     UNION ALL SELECT choice_id, fulfilment, promo FROM c_promo_merchant`,
  );
  await conn.run(
    `CREATE OR REPLACE TABLE c_promo_slots AS
     SELECT 'Amazon' AS fulfilment, slot, choice_id FROM c_promo_amazon_slots
     UNION ALL SELECT 'Merchant' AS fulfilment, slot, choice_id FROM c_promo_merchant_slots`,
  );
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
 * SQL selecting the order lines with source_row in [fromRow, toRow) from the orders in [fromOrder, toOrder):
 * every field the raw and the clean projection need. `ordersTable` holds (o, k, start).
 */
export function orderLinesSql(
  profile: SampleProfile,
  seed: number,
  ordersTable: string,
  totalRows: number,
): string {
  const s = Math.trunc(seed);
  const h = (key: string, salt: string, mod: number): string =>
    `CAST(hash(hash(${s}, ${key}, '${salt}')) % ${mod} AS BIGINT)`;
  const u = (key: string, salt: string): string => `(${h(key, salt, 1_000_000)} / 1000000.0)`;
  const a = profile.amounts;
  const prefixes = profile.orderIdPrefixes.map(([p]) => `'${p}'`).join(', ');
  const u22 = profile.unnamed22;
  return `
WITH l AS (
  SELECT o, start + j AS i FROM (SELECT o, start, unnest(range(k)) AS j FROM ${ordersTable})
  WHERE start + j < ${totalRows}
), base AS (
  SELECT l.i, l.o, CAST(d.d AS DATE) AS order_date,
    ch.fulfilment, ch.sales_channel, ch.service_level, NULLIF(ch.fulfilled_by, '') AS fulfilled_by, ch.status,
    NULLIF(ch.courier_status, '') AS courier_status,
    g.state, g.state_raw, g.city_raw, g.city, g.pc3,
    pr.promo, p.style, p.sku, p.category_raw, p.category, p.size, p.asin, p.price, qd.q AS qty_draw,
    ${u('l.o', 'addr')} < ${profile.missingAddressShare} AS no_address,
    ${u('l.o', 'b2b')} < ${profile.b2bShare} AS is_b2b,
    ${u('l.i', 'blank')} AS r_blank, ${u('l.i', 'qty0')} AS r_qty0, ${u('l.i', 'zero')} AS r_zero,
    ${u('l.i', 'list')} AS r_list, ${u('l.i', 'disc')} AS r_disc, ${u('l.i', 'u22')} AS r_u22,
    ${h('l.i', 'qty2', 1000)} AS r_qty2,
    [${prefixes}][1 + ${h('l.o', 'prefix', profile.orderIdPrefixes.length)}] || '-' ||
      lpad(CAST((CAST(l.o AS HUGEINT) * 37139213876543 + ${12_345_678_901_234 + (s % 1_000_000) * 7919}) % 100000000000000 AS VARCHAR), 14, '0')
      AS order_digits,
    lpad(CAST(${h('l.o', 'pin', 120)} + 1 AS VARCHAR), 3, '0') AS pin_tail
  FROM l
  JOIN c_day_slots ds ON ds.slot = ${h('l.o', 'day', SMALL)} JOIN c_day d ON d.choice_id = ds.choice_id
  JOIN c_chan_slots chs ON chs.slot = ${h('l.o', 'chan', SMALL)} JOIN c_chan ch ON ch.choice_id = chs.choice_id
  JOIN c_geo_slots gs ON gs.slot = ${h('l.o', 'geo', LARGE)} JOIN c_geo g ON g.choice_id = gs.choice_id
  JOIN c_promo_slots prs ON prs.fulfilment = ch.fulfilment AND prs.slot = ${h('l.o', 'promo', SMALL)}
  JOIN c_promo pr ON pr.fulfilment = prs.fulfilment AND pr.choice_id = prs.choice_id
  JOIN c_prod_slots ps ON ps.slot = ${h('l.i', 'prod', LARGE)} JOIN c_prod p ON p.choice_id = ps.choice_id
  JOIN c_qty_slots qs ON qs.slot = ${h('l.i', 'qty', SMALL)} JOIN c_qty qd ON qd.choice_id = qs.choice_id
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
  substr(order_digits, 1, 3) || '-' || substr(order_digits, 5, 7) || '-' || substr(order_digits, 12, 7) AS order_id,
  CASE
    WHEN order_date >= DATE '${u22.allFalseFrom}' THEN 'False'
    WHEN order_date = DATE '${u22.partialDay}' AND r_u22 < ${u22.partialDayShare} THEN 'False'
  END AS unnamed_22,
  CAST(round(CASE WHEN status <> 'Cancelled' AND r_zero < ${a.otherZeroAmount} THEN 0
    ELSE unit_price * greatest(qty, 1) END, 2) AS DECIMAL(18,2)) AS amount_value
FROM priced`;
}

/** The raw 'Amazon Sale Report.csv' columns, in the export's order and text formats. */
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
  CASE WHEN NOT no_address THEN pc3 || pin_tail || '.0' END AS "ship-postal-code",
  CASE WHEN NOT no_address THEN 'IN' END AS "ship-country",
  promo AS "promotion-ids", CASE WHEN is_b2b THEN 'True' ELSE 'False' END AS "B2B",
  fulfilled_by AS "fulfilled-by", unnamed_22 AS "Unnamed: 22"
FROM (${inner}) ORDER BY i`;
}

/** The clean amazon_sales schema (src/warehouse/types.ts), plus year/month for hive partitioning. */
export function cleanProjection(inner: string): string {
  return `
SELECT CAST(i AS INTEGER) AS source_row, order_id, order_date, status, fulfilment, sales_channel,
  service_level AS ship_service_level, style, sku, category, size, asin, courier_status,
  CAST(qty AS INTEGER) AS qty, CASE WHEN NOT amount_blank THEN 'INR' END AS currency,
  CASE WHEN NOT amount_blank THEN amount_value END AS amount,
  CASE WHEN NOT no_address THEN city END AS ship_city,
  CASE WHEN NOT no_address THEN state END AS ship_state,
  CASE WHEN NOT no_address THEN pc3 || pin_tail END AS ship_postal_code,
  CASE WHEN NOT no_address THEN 'IN' END AS ship_country,
  promo AS promotion_ids, is_b2b, fulfilled_by,
  year(order_date) AS year, lpad(CAST(month(order_date) AS VARCHAR), 2, '0') AS month
FROM (${inner})`;
}

/**
 * Fills `ordersTable` with orders [fromOrder, toOrder): lines per order and where each starts, carrying the
 * running line count from earlier chunks. Returns the line count after this chunk.
 */
export async function createOrdersChunk(
  conn: DuckDBConnection,
  seed: number,
  ordersTable: string,
  fromOrder: number,
  toOrder: number,
  startOffset: number,
): Promise<number> {
  const s = Math.trunc(seed);
  await conn.run(`
    CREATE OR REPLACE TABLE ${ordersTable} AS
    SELECT o, k, ${startOffset} + coalesce(sum(k) OVER (ORDER BY o ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS start
    FROM (SELECT range AS o, hash(hash(${s}, range, 'k')) % ${SMALL} AS sk FROM range(${fromOrder}, ${toOrder})) x
    JOIN c_k_slots ks ON ks.slot = x.sk JOIN c_k ON c_k.choice_id = ks.choice_id`);
  const reader = await conn.runAndReadAll(
    `SELECT coalesce(max(start + k), ${startOffset}) FROM ${ordersTable}`,
  );
  return Number(reader.getRows()[0]![0]);
}
