import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/semantic/catalog.js';
import { compilePlan, type CompileOptions } from '../../../src/semantic/compile-plan.js';
import { parsePlan, type PlanInput } from '../../../src/semantic/plan.js';
import { createFixtureDb, type FixtureDb } from './fixture-db.js';

const catalog = loadCatalog();
let db: FixtureDb;
beforeAll(async () => {
  db = await createFixtureDb();
});
afterAll(() => db.close());

async function run(input: PlanInput, options: CompileOptions = {}) {
  const compiled = compilePlan(parsePlan(input), catalog, options);
  return { ...compiled, rows: await db.query(compiled.sql), names: compiled.columns.map((c) => c.name) };
}

describe('compilePlan: plan → one SELECT with the agreed column names', () => {
  it('computes the catalog metrics over all order lines', async () => {
    const r = await run({
      source: 'amazon_sales',
      metrics: ['revenue', 'orders', 'units', 'net_revenue', 'cancel_rate', 'aov'],
    });
    expect(r.names).toEqual(['revenue', 'orders', 'units', 'net_revenue', 'cancel_rate', 'aov']);
    const [revenue, orders, units, net, cancelRate, aov] = r.rows[0]!;
    expect(revenue).toBe(5850); // gross, cancelled lines included
    expect(orders).toBe(8); // distinct order ids (o1 has two lines)
    expect(units).toBe(10);
    expect(net).toBe(5050); // o7's cancelled 800 excluded
    expect(cancelRate).toBeCloseTo(2 / 9);
    expect(aov).toBeCloseTo(5850 / 8);
    expect(r.definitions[0]).toMatch(/gross/i);
    expect(r.sql).not.toContain(';');
  });

  it('groups, ranks and limits, naming dimension columns by their id', async () => {
    const r = await run({
      source: 'amazon_sales',
      metrics: ['revenue'],
      groupBy: ['category'],
      sort: { by: 'revenue', direction: 'desc' },
      limit: 2,
    });
    expect(r.names).toEqual(['category', 'revenue']);
    expect(r.rows).toEqual([
      ['Set', 3000],
      ['Kurta', 950],
    ]);
  });

  it('returns date grains as DATE values in time order', async () => {
    const r = await run({ source: 'amazon_sales', metrics: ['revenue'], groupBy: ['month'] });
    expect(r.columns[0]).toMatchObject({ name: 'month', format: 'date' });
    expect(r.rows).toEqual([
      ['2022-04-01', 1500],
      ['2022-05-01', 2400],
      ['2022-06-01', 1950],
    ]);
  });

  it('applies inclusive date ranges', async () => {
    const r = await run({
      source: 'amazon_sales',
      metrics: ['revenue'],
      timeRange: { from: '2022-05-01', to: '2022-05-31', label: 'May 2022' },
    });
    expect(r.rows[0]![0]).toBe(2400); // includes 2022-05-31
  });

  it('escapes filter values: quotes are data, never SQL', async () => {
    const quoted = await run({
      source: 'amazon_sales',
      metrics: ['revenue'],
      filters: [{ dimension: 'category', op: 'in', values: ["Men's Kurta"] }],
    });
    expect(quoted.rows[0]![0]).toBe(900);
    const hostile = await run({
      source: 'amazon_sales',
      metrics: ['revenue'],
      filters: [
        { dimension: 'category', op: 'in', values: ["x' OR '1'='1", "'); DROP TABLE amazon_sales; --"] },
      ],
    });
    expect(hostile.rows[0]![0]).toBe(0);
    expect((await db.query('SELECT COUNT(*) FROM amazon_sales'))[0]![0]).toBe(9);
  });

  it('handles not_in (keeping NULLs), boolean and expression dimensions', async () => {
    const notSet = await run({
      source: 'amazon_sales',
      metrics: ['revenue'],
      filters: [{ dimension: 'category', op: 'not_in', values: ['Set'] }],
    });
    expect(notSet.rows[0]![0]).toBe(2850);
    const b2b = await run({
      source: 'amazon_sales',
      metrics: ['revenue'],
      filters: [{ dimension: 'b2b', op: 'in', values: [true] }],
    });
    expect(b2b.rows[0]![0]).toBe(1200);
    const promo = await run({ source: 'amazon_sales', metrics: ['order_lines'], groupBy: ['promotion'] });
    expect(promo.rows.map((r) => r[1]).reduce((a, b) => Number(a) + Number(b), 0)).toBe(9);
  });

  it('groups a yes/no dimension into its value names, and reads those names back as filter values', async () => {
    const byB2b = await run({ source: 'amazon_sales', metrics: ['revenue'], groupBy: ['b2b'] });
    // Rows say "B2B" and "Retail (B2C)" everywhere they are shown (table, chart, CSV), never true/false.
    expect(byB2b.rows).toEqual([
      ['Retail (B2C)', 4650],
      ['B2B', 1200],
    ]);
    const promo = await run({ source: 'amazon_sales', metrics: ['order_lines'], groupBy: ['promotion'] });
    expect(promo.rows.map((r) => r[0]).sort()).toEqual(['With promotion', 'Without promotion']);
    // A follow-up (or the LLM) that echoes a row's name filters on the boolean it stands for.
    for (const values of [['B2B'], ['b2b'], [true], ['yes']]) {
      const r = await run({
        source: 'amazon_sales',
        metrics: ['revenue'],
        filters: [{ dimension: 'b2b', op: 'in', values }],
      });
      expect(r.rows[0]![0], String(values)).toBe(1200);
    }
    const retail = await run({
      source: 'amazon_sales',
      metrics: ['revenue'],
      filters: [{ dimension: 'b2b', op: 'in', values: ['Retail (B2C)'] }],
    });
    expect(retail.rows[0]![0]).toBe(4650);
  });

  it('adds "share" over the whole total, even when the grouped dimension is filtered', async () => {
    const all = await run({
      source: 'amazon_sales',
      metrics: ['revenue'],
      groupBy: ['category'],
      share: true,
    });
    expect(all.names).toEqual(['category', 'revenue', 'share']);
    expect(all.rows.reduce((s, r) => s + Number(r[2]), 0)).toBeCloseTo(1);
    const setOnly = await run({
      source: 'amazon_sales',
      metrics: ['revenue'],
      groupBy: ['category'],
      filters: [{ dimension: 'category', op: 'in', values: ['Set'] }],
      share: true,
    });
    expect(setOnly.rows).toEqual([['Set', 3000, 3000 / 5850]]);
    // Distinct orders are not additive: the total is counted from the rows, not summed over groups.
    const orders = await run({
      source: 'amazon_sales',
      metrics: ['orders'],
      groupBy: ['category'],
      share: true,
    });
    const kurta = orders.rows.find((r) => r[0] === 'Kurta')!;
    expect(kurta[2]).toBeCloseTo(3 / 8); // o1, o2, o6 of 8 orders (summing groups would give 9)
  });

  it('compares with the previous period: <metric>_previous and <metric>_change', async () => {
    const r = await run({
      source: 'amazon_sales',
      metrics: ['revenue'],
      timeRange: { from: '2022-06-01', to: '2022-06-30', label: 'June 2022' },
      compareTo: 'previous_period',
    });
    expect(r.names).toEqual(['revenue', 'revenue_previous', 'revenue_change']);
    expect(r.comparePeriod).toMatchObject({ from: '2022-05-01', to: '2022-05-31' });
    expect(r.rows[0]![0]).toBe(1950);
    expect(r.rows[0]![1]).toBe(2400);
    expect(r.rows[0]![2]).toBeCloseTo((1950 - 2400) / 2400);
    const byCategory = await run({
      source: 'amazon_sales',
      metrics: ['revenue'],
      groupBy: ['category'],
      timeRange: { from: '2022-06-01', to: '2022-06-30', label: 'June 2022' },
      compareTo: { from: '2022-04-01', to: '2022-04-30', label: 'April 2022' },
    });
    expect(byCategory.rows).toContainEqual(['Kurta', 450, 500, -0.1]);
    // Western Dress sold nothing in April, a month with data: its April revenue is ₹0, and its change is no %.
    expect(byCategory.rows).toContainEqual(['Western Dress', 700, 0, null]);
  });

  it('a comparison broken down lists the groups of either period: one sold only before shows 0 now', async () => {
    const r = await run({
      source: 'amazon_sales',
      metrics: ['revenue', 'orders'],
      groupBy: ['category'],
      timeRange: { from: '2022-05-01', to: '2022-05-31', label: 'May 2022' },
      compareTo: { from: '2022-04-01', to: '2022-04-30', label: 'April 2022' },
    });
    // Kurta sold in April (o1's line, ₹500; o2 cancelled) and not in May: the biggest fall, not a missing row.
    const kurta = r.rows.find((row) => row[0] === 'Kurta');
    expect(kurta?.slice(0, 5)).toEqual(['Kurta', 0, 0, 500, -1]);
  });

  it('keeps only the groups that grew, or fell, against the comparison ("which of those grew")', async () => {
    const plan = {
      source: 'amazon_sales' as const,
      metrics: ['revenue'],
      groupBy: ['category'],
      timeRange: { from: '2022-06-01', to: '2022-06-30', label: 'June 2022' },
      compareTo: { from: '2022-04-01', to: '2022-04-30', label: 'April 2022' },
    };
    const grew = await run({ ...plan, changeKept: 'grew' });
    expect(grew.rows.map((r) => r[0])).toEqual(['Western Dress']); // new in June, from ₹0
    expect(grew.definitions.join(' ')).toContain(
      'Kept: each category whose revenue rose against April 2022.',
    );
    const fell = await run({ ...plan, changeKept: 'fell' });
    expect(fell.rows.map((r) => r[0]).sort()).toEqual(['Kurta', 'Set']);
    expect(() =>
      compilePlan(parsePlan({ ...plan, compareTo: undefined, changeKept: 'grew' }), catalog),
    ).toThrow(/needs a comparison/);
  });

  it('compares like for like when the data ends inside the period: 1–29 Jun with 1–29 May, not 29 days with 31', async () => {
    const june = { from: '2022-06-01', to: '2022-06-30', label: 'June 2022' };
    const r = await run(
      { source: 'amazon_sales', metrics: ['revenue'], timeRange: june, compareTo: 'previous_period' },
      { coverage: { from: '2022-04-05', to: '2022-06-29' } },
    );
    expect(r.currentPeriod).toEqual({ from: '2022-06-01', to: '2022-06-29', label: 'Jun 2022 to the 29th' });
    expect(r.comparePeriod).toEqual({ from: '2022-05-01', to: '2022-05-29', label: '1–29 May 2022' });
    // o5 (31 May, ₹900) is past the 29th, so May's like-for-like revenue is 2400 − 900.
    // …and May in full (₹2,400 with o5) rides along, so the figure a person knows for May is there too.
    // …and the other period whole (2400), with the change on it too: the figure a calendar MoM would state.
    expect(r.rows[0]).toEqual([1950, 1500, (1950 - 1500) / 1500, 2400, (1950 - 2400) / 2400]);
    expect(r.columns.at(-2)).toMatchObject({
      name: 'revenue_previous_full',
      role: 'previous',
      ref: 'revenue',
    });
    expect(r.columns.at(-1)).toMatchObject({ name: 'revenue_change_full', role: 'change', ref: 'revenue' });
    expect(r.definitions.join(' ')).toContain('the data ends on 29 Jun 2022');
    // Fully covered: nothing is cut.
    const may = await run(
      {
        source: 'amazon_sales',
        metrics: ['revenue'],
        timeRange: { from: '2022-05-01', to: '2022-05-31', label: 'May 2022' },
        compareTo: 'previous_period',
      },
      { coverage: { from: '2022-04-05', to: '2022-06-29' } },
    );
    expect(may.currentPeriod).toBeUndefined();
    expect(may.comparePeriod).toMatchObject({ from: '2022-04-01', to: '2022-04-30' });
  });

  it('changes of rates are percentage points (current − previous), of amounts relative', async () => {
    const r = await run({
      source: 'amazon_sales',
      metrics: ['revenue', 'cancel_rate'],
      timeRange: { from: '2022-06-01', to: '2022-06-30', label: 'June 2022' },
      compareTo: 'previous_period',
    });
    const col = (name: string) => r.columns.find((c) => c.name === name)!;
    expect(col('revenue_change').format).toBe('change');
    expect(col('cancel_rate_change').format).toBe('points');
    const cell = (name: string) => r.rows[0]![r.names.indexOf(name)] as number;
    const cancelChange = cell('cancel_rate_change');
    expect(cancelChange).toBeCloseTo(cell('cancel_rate') - cell('cancel_rate_previous'));
    expect(r.definitions.join(' ')).toContain('percentage points');
  });

  it('works on the other sources', async () => {
    expect((await run({ source: 'inventory', metrics: ['stock'], groupBy: ['color'] })).rows).toEqual([
      ['Blue', 12],
      ['Red', 3],
    ]);
    expect(
      (
        await run({
          source: 'price_list',
          metrics: ['mrp'],
          filters: [{ dimension: 'marketplace', op: 'in', values: ['Flipkart'] }],
        })
      ).rows,
    ).toEqual([[1000]]);
    expect(
      (await run({ source: 'international_sales', metrics: ['intl_revenue', 'intl_pcs'] })).rows,
    ).toEqual([[1700, 3]]);
  });

  it('rejects what the catalog does not know with PLAN_INVALID', () => {
    const bad: PlanInput[] = [
      { source: 'amazon_sales', metrics: ['profit'] },
      { source: 'amazon_sales', metrics: ['revenue'], groupBy: ['weather'] },
      { source: 'amazon_sales', metrics: ['stock'] },
      { source: 'inventory', metrics: ['stock'], groupBy: ['state'] },
      {
        source: 'inventory',
        metrics: ['stock'],
        timeRange: { from: '2022-01-01', to: '2022-01-31', label: 'x' },
      },
      { source: 'amazon_sales', metrics: ['revenue'], sort: { by: 'amount; DROP', direction: 'desc' } },
      { source: 'amazon_sales', metrics: ['revenue'], compareTo: 'previous_period' },
      {
        source: 'amazon_sales',
        metrics: ['revenue'],
        timeRange: { from: '2022-06-30', to: '2022-06-01', label: 'x' },
      },
      {
        source: 'amazon_sales',
        metrics: ['revenue'],
        filters: [{ dimension: 'b2b', op: 'in', values: ['maybe'] }],
      },
    ];
    for (const input of bad) {
      expect(() => compilePlan(parsePlan(input), catalog), JSON.stringify(input)).toThrow(
        expect.objectContaining({ code: 'PLAN_INVALID' }),
      );
    }
  });
});

describe('compilePlan: the top N combined', () => {
  it('sums the ranked rows into one, listing the groups in rank order', async () => {
    const r = await run({
      source: 'amazon_sales',
      metrics: ['revenue'],
      groupBy: ['category'],
      sort: { by: 'revenue', direction: 'desc' },
      limit: 2,
      share: true,
      combined: true,
    });
    expect(r.names).toEqual(['category', 'revenue', 'share']);
    expect(r.rows).toHaveLength(1);
    const [names, revenue, share] = r.rows[0]!;
    expect(names).toBe('Set, Kurta');
    expect(revenue).toBe(3950);
    expect(share).toBeCloseTo(3950 / 5850);
    expect(r.definitions.join(' ')).toMatch(/added together/);
  });

  it('refuses a measure whose groups do not add up, and a combination without a ranking', () => {
    const base = { source: 'amazon_sales', groupBy: ['category'], combined: true } as const;
    expect(() =>
      compilePlan(
        parsePlan({ ...base, metrics: ['aov'], sort: { by: 'aov', direction: 'desc' }, limit: 2 }),
        catalog,
      ),
    ).toThrow(/not their sum/);
    expect(() => compilePlan(parsePlan({ ...base, metrics: ['revenue'] }), catalog)).toThrow(/ranking/);
  });
});

describe('compilePlan: shares within groups', () => {
  it('a share within each category divides by that category’s own total', async () => {
    const r = await run({
      source: 'amazon_sales',
      metrics: ['revenue'],
      groupBy: ['category', 'b2b'],
      share: true,
      shareWithin: ['category'],
    });
    const rows = r.rows.map((row) => Object.fromEntries(r.names.map((n, i) => [n, row[i]])));
    const sums = new Map<unknown, number>();
    for (const row of rows) sums.set(row.category, (sums.get(row.category) ?? 0) + Number(row.share));
    for (const total of sums.values()) expect(total).toBeCloseTo(1);
    expect(r.definitions.join(' ')).toMatch(/of its category/);
  });

  it('refuses a share within a breakdown the plan does not have', () => {
    expect(() =>
      compilePlan(
        parsePlan({
          source: 'amazon_sales',
          metrics: ['revenue'],
          groupBy: ['category'],
          share: true,
          shareWithin: ['category'],
        }),
        catalog,
      ),
    ).toThrow(/one breakdown more/);
  });
});

describe('compilePlan: thresholds keep groups, and can count them', () => {
  it('keeps only the groups whose metric passes, and says so in the definitions', async () => {
    const all = await run({ source: 'amazon_sales', metrics: ['revenue'], groupBy: ['category'] });
    const kept = await run({
      source: 'amazon_sales',
      metrics: ['revenue'],
      groupBy: ['category'],
      threshold: [{ metric: 'revenue', op: 'gt', value: 1000 }],
    });
    const expected = all.rows.filter((r) => Number(r[1]) > 1000);
    expect(kept.rows).toHaveLength(expected.length);
    expect(kept.rows.length).toBeLessThan(all.rows.length);
    expect(kept.definitions.join(' ')).toMatch(/Kept: each category whose revenue is over 1,000/);
  });

  it('counts the groups that pass into one row with a count column', async () => {
    const all = await run({ source: 'amazon_sales', metrics: ['revenue'], groupBy: ['category'] });
    const counted = await run({
      source: 'amazon_sales',
      metrics: ['revenue'],
      groupBy: ['category'],
      threshold: [{ metric: 'revenue', op: 'lte', value: 1000 }],
      countGroups: true,
    });
    expect(counted.names).toEqual(['category_count']);
    expect(counted.columns[0]).toMatchObject({
      role: 'metric',
      format: 'count',
      label: 'Number of categories',
    });
    expect(counted.rows).toEqual([[all.rows.filter((r) => Number(r[1]) <= 1000).length]]);
  });

  it('refuses a threshold on a metric that is not measured, or with no breakdown', () => {
    const base = { source: 'amazon_sales' as const, metrics: ['revenue'] };
    expect(() =>
      compilePlan(
        parsePlan({ ...base, groupBy: ['state'], threshold: [{ metric: 'orders', op: 'gt', value: 1 }] }),
        catalog,
      ),
    ).toThrow(/not measured/);
    expect(() =>
      compilePlan(parsePlan({ ...base, threshold: [{ metric: 'revenue', op: 'gt', value: 1 }] }), catalog),
    ).toThrow(/breakdown/);
  });
});

describe('compilePlan: a ranking lists named groups', () => {
  it('leaves out the blank group of a ranked breakdown and says so; a plain breakdown keeps it', async () => {
    const plain = await run({ source: 'amazon_sales', metrics: ['orders'], groupBy: ['state'] });
    const ranked = await run({
      source: 'amazon_sales',
      metrics: ['orders'],
      groupBy: ['state'],
      sort: { by: 'orders', direction: 'asc' },
      limit: 50,
    });
    // The fixture has no blank state: the same states come back, and only the ranking's SQL drops blanks.
    expect(ranked.rows).toHaveLength(plain.rows.length);
    expect(ranked.sql).toContain('cur."state" IS NOT NULL');
    expect(plain.sql).not.toContain('IS NOT NULL');
    expect(ranked.definitions.join(' ')).toMatch(/leaves out rows with no state/);
  });
});

describe('compilePlan: each bucket against the one before (WoW, MoM)', () => {
  it('carries the previous bucket and the change; the first bucket has no change, never 0', async () => {
    const r = await run({
      source: 'amazon_sales',
      metrics: ['revenue'],
      groupBy: ['month'],
      stepChange: true,
    });
    expect(r.names).toEqual(['month', 'revenue', 'revenue_previous', 'revenue_change']);
    const [first, ...rest] = r.rows;
    expect(first![2]).toBeNull();
    expect(first![3]).toBeNull();
    for (const [i, row] of rest.entries()) {
      const before = Number(r.rows[i]![1]);
      expect(row[2]).toBe(r.rows[i]![1]);
      expect(Number(row[3])).toBeCloseTo((Number(row[1]) - before) / Math.abs(before));
    }
    expect(r.columns.find((c) => c.name === 'revenue_change')).toMatchObject({
      role: 'change',
      format: 'change',
    });
  });

  it('a rate changes in points, and each other breakdown has its own series', async () => {
    const r = await run({
      source: 'amazon_sales',
      metrics: ['cancel_rate'],
      groupBy: ['month', 'fulfilment'],
      stepChange: true,
    });
    expect(r.columns.find((c) => c.name === 'cancel_rate_change')?.format).toBe('points');
    const firsts = new Set<unknown>();
    for (const row of r.rows) if (row[3] === null) firsts.add(row[1]);
    expect(firsts.size).toBe(new Set(r.rows.map((row) => row[1])).size);
  });
});
