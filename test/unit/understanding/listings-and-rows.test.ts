import { beforeAll, describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/semantic/compile-plan.js';
import { catalog, createHarness, type Harness, planWith } from './fixture.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

describe('listings', () => {
  it('"which kurta SKUs are OOS?" lists the SKUs with their stock, not a count of 1 per row', () => {
    const { plan } = h.planOf('which kurta SKUs are OOS?');
    expect(plan).toMatchObject({ source: 'inventory', metrics: ['stock'], groupBy: ['sku'] });
    expect(plan.filters.map((f) => f.dimension).sort()).toEqual(['category', 'stock_level']);
  });

  it('"Kurta SKUs running low", with no word asking for the list, is how many there are', () => {
    const { plan } = h.planOf('Kurta SKUs running low — fewer than 5 units in stock?');
    expect(plan).toMatchObject({ source: 'inventory', metrics: ['sku_count'], groupBy: [] });
  });

  it('"list the M ones" after a count of SKUs lists them, keeping every filter and adding the size', () => {
    const [count, listed] = h.thread('how many kurta SKUs are OOS?', 'list the M ones');
    expect(count).toMatchObject({ metrics: ['sku_count'], groupBy: [] });
    expect(listed).toMatchObject({ metrics: ['stock'], groupBy: ['sku'] });
    expect(listed!.filters.map((f) => f.dimension).sort()).toEqual(['category', 'size', 'stock_level']);
  });

  it('"top wholesale acct last month" stays a ranking by revenue', () => {
    const { plan } = h.planOf('top wholesale acct last month?');
    expect(plan).toMatchObject({
      source: 'international_sales',
      metrics: ['intl_revenue'],
      groupBy: ['customer'],
    });
    expect(plan.sort?.direction).toBe('desc');
  });
});

describe('rows of the previous answer', () => {
  const topStates = planWith({ groupBy: ['state'], sort: { by: 'revenue', direction: 'desc' }, limit: 5 });
  const shown = {
    columns: ['state', 'revenue'],
    rows: [
      ['Maharashtra', 10],
      ['Karnataka', 8],
      ['Telangana', 5],
    ],
  };
  const ask = (question: string, rows = shown) =>
    h.planner.resolveSync({ question, history: [], previousPlan: topStates, previousRows: rows });

  it('"the second one - top 5 cities there" filters to the second row and breaks it down by city', () => {
    const r = ask('the second one - top 5 cities there');
    expect(r.kind).toBe('plan');
    if (r.kind !== 'plan') return;
    expect(r.plan).toMatchObject({ groupBy: ['city'], limit: 5 });
    expect(r.plan.filters).toEqual([{ dimension: 'state', op: 'in', values: ['Karnataka'] }]);
    expect(r.notes.join(' ')).toContain('Karnataka');
  });

  it('"zoom into the one in third place" is the third row, not a question back', () => {
    const r = ask('Zoom into the one in third place - what are its top 5 cities?');
    expect(r.kind === 'plan' && r.plan.filters).toEqual([
      { dimension: 'state', op: 'in', values: ['Telangana'] },
    ]);
  });

  it('"#2 by size" is the second row broken down by size', () => {
    const r = ask('#2 by size');
    expect(r.kind === 'plan' && r.plan).toMatchObject({ groupBy: ['size'] });
    expect(r.kind === 'plan' && r.plan.filters).toEqual([
      { dimension: 'state', op: 'in', values: ['Karnataka'] },
    ]);
  });

  it('"wat did #2 buy? top 5 styles" keeps the ranking said after the pick', () => {
    const r = ask('wat did #2 buy? top 5 styles');
    expect(r.kind === 'plan' && r.plan).toMatchObject({ groupBy: ['style'], limit: 5 });
  });

  it('"the last one" is the last row shown', () => {
    const r = ask('the last one');
    expect(r.kind === 'plan' && r.plan.filters).toEqual([
      { dimension: 'state', op: 'in', values: ['Telangana'] },
    ]);
  });

  it('past the rows shown, or with no rows, it asks which one instead of guessing', () => {
    expect(ask('the fifth one').kind).toBe('clarify');
    const r = h.planner.resolveSync({ question: 'the second one', history: [], previousPlan: topStates });
    expect(r.kind).toBe('clarify');
  });

  it('"for the top one, by month" is the first row broken down by month, with no ranking left over', () => {
    const r = ask('for the top one, give me revenue month by month');
    expect(r.kind === 'plan' && r.plan).toMatchObject({ groupBy: ['month'] });
    expect(r.kind === 'plan' && r.plan.filters).toEqual([
      { dimension: 'state', op: 'in', values: ['Maharashtra'] },
    ]);
    expect(r.kind === 'plan' && r.plan.limit).toBeUndefined();
  });

  it('"the second one - split by size" is a whole split, not the thread\'s top 5 sizes', () => {
    const r = ask('the second one - how does it split by size?');
    expect(r.kind === 'plan' && r.plan).toMatchObject({ groupBy: ['size'] });
    expect(r.kind === 'plan' && r.plan.limit).toBeUndefined();
  });

  it('"the state with the most - top 5 cities there" picks the row with the highest value, in any order shown', () => {
    const unsorted = {
      columns: ['state', 'revenue'],
      rows: [
        ['Telangana', 5],
        ['Karnataka', 12],
        ['Kerala', 3],
      ],
    };
    const r = ask('the state with the most - top 5 cities there', unsorted);
    expect(r.kind === 'plan' && r.plan.filters).toEqual([
      { dimension: 'state', op: 'in', values: ['Karnataka'] },
    ]);
    expect(r.kind === 'plan' && r.plan).toMatchObject({ groupBy: ['city'], limit: 5 });
    const least = ask('the state with the least - top 5 cities there', unsorted);
    expect(least.kind === 'plan' && least.plan.filters[0]?.values).toEqual(['Kerala']);
  });

  it('"the state with the most orders" on its own is still a ranking', () => {
    const r = h.planner.resolveSync({ question: 'the state with the most orders in May', history: [] });
    expect(r.kind === 'plan' && r.plan).toMatchObject({ groupBy: ['state'], metrics: ['orders'] });
    expect(r.kind === 'plan' && r.plan.sort?.direction).toBe('desc');
  });

  it('"the first week of May" is a date, not a row', () => {
    const r = ask('revenue in the first week of May');
    expect(r.kind === 'plan' && r.plan.filters).toEqual([]);
  });
});

describe('numbers, rates and shares', () => {
  it('"over a thousand orders" is a threshold of 1,000', () => {
    const { plan } = h.planOf('list the states with over a thousand orders in june');
    expect(plan.threshold).toEqual([{ metric: 'orders', op: 'gt', value: 1000 }]);
  });

  it('a rate bounded by "5%" or a bare 5 means 0.05, and the % sign is no share', () => {
    for (const q of ['states with return rate above 5%', 'states with return rate above 5']) {
      const { plan } = h.planOf(q);
      expect(plan.share).toBe(false);
      expect(plan.threshold).toEqual([{ metric: 'return_rate', op: 'gt', value: 0.05 }]);
    }
  });

  it('"at least 500 shipped lines" bounds the shipped lines, not the rate being ranked', () => {
    const { plan } = h.planOf('worst 5 states on return rate — only ones with at least 500 shipped lines');
    expect(plan.threshold).toEqual([{ metric: 'shipped_lines', op: 'gte', value: 500 }]);
    expect(plan.metrics[0]).toBe('return_rate');
  });

  it('"net rev" is net revenue, from the catalog\'s "net sales" and revenue\'s words', () => {
    expect(h.planOf('MH net rev?').plan.metrics).toEqual(['net_revenue']);
    expect(h.planOf('net gmv last week').plan.metrics).toEqual(['net_revenue']);
  });

  it('"what share … do the top five states account for" is their share together', () => {
    expect(h.planOf('What share of total revenue do the top five states account for?').plan.combined).toBe(
      true,
    );
    expect(h.planOf('top 5 states and their share of revenue').plan.combined).toBeUndefined();
  });

  it('"redo it on net revenue" after a daily run rate stays per day', () => {
    const [, next] = h.thread(
      "What's the daily GMV run rate over the last 30 days?",
      'redo it on net revenue',
    );
    expect(next!.metrics).toEqual(['daily_net_revenue']);
  });

  it("a share compared with another period carries that period's share", () => {
    const [, compared] = h.thread(
      'What share of Western Dress revenue in June carried a promotion?',
      'vs april',
    );
    const compiled = compilePlan(compared!, catalog, { coverage: { from: '2022-03-31', to: '2022-06-29' } });
    const shares = compiled.columns.filter((c) => c.role === 'share').map((c) => c.name);
    expect(shares).toEqual(['share', 'share_previous', 'share_previous_full']);
  });
});

describe('questions about a figure the words do not name', () => {
  it('asks back rather than refusing as off-topic', () => {
    for (const q of ['is it better or worse than before?', 'ok now compare it with the other one'])
      expect(h.ask(q).kind).toBe('clarify');
    expect(h.ask('how many employees do we have').kind).toBe('refuse');
  });
});

describe('the thread before the last answer, and its rows on another report', () => {
  it('"both side by side" after "and KA?" shows the swapped-out value beside the new one', () => {
    const prior = planWith({
      groupBy: ['month'],
      filters: [{ dimension: 'state', op: 'in', values: ['Maharashtra'] }],
    });
    const previous = planWith({
      groupBy: ['month'],
      filters: [{ dimension: 'state', op: 'in', values: ['Karnataka'] }],
    });
    const r = h.planner.resolveSync({
      question: 'both side by side pls',
      history: [],
      previousPlan: previous,
      priorPlan: prior,
    });
    expect(r.kind === 'plan' && r.plan).toMatchObject({
      groupBy: ['month', 'state'],
      filters: [{ dimension: 'state', op: 'in', values: ['Maharashtra', 'Karnataka'] }],
    });
  });

  it('"put the two side by side with Kerala, for every month" adds the third value and drops the one-month period', () => {
    const april = { from: '2022-04-01', to: '2022-04-30', label: 'April 2022' };
    const prior = planWith({
      timeRange: april,
      filters: [{ dimension: 'state', op: 'in', values: ['Maharashtra'] }],
    });
    const previous = planWith({
      timeRange: april,
      filters: [{ dimension: 'state', op: 'in', values: ['Karnataka'] }],
    });
    const r = h.planner.resolveSync({
      question: 'put the two side by side with kerala, for every month',
      history: [],
      previousPlan: previous,
      priorPlan: prior,
    });
    if (r.kind !== 'plan') throw new Error(r.kind);
    expect(r.plan.filters).toEqual([
      { dimension: 'state', op: 'in', values: ['Maharashtra', 'Karnataka', 'KERALA'] },
    ]);
    expect([...r.plan.groupBy].sort()).toEqual(['month', 'state']);
    expect(r.plan.timeRange).toBeUndefined();
  });

  it('"stock on those skus" after top SKUs by units filters the inventory to the SKUs shown', () => {
    const previous = planWith({
      metrics: ['units'],
      groupBy: ['sku'],
      sort: { by: 'units', direction: 'desc' },
      limit: 2,
    });
    const rows = {
      columns: ['sku', 'units'],
      rows: [
        ['A-1', 9],
        ['B-2', 7],
      ],
    };
    const r = h.planner.resolveSync({
      question: 'how much stock do we have on those skus',
      history: [],
      previousPlan: previous,
      previousRows: rows,
    });
    expect(r.kind === 'plan' && r.plan).toMatchObject({
      source: 'inventory',
      metrics: ['stock'],
      filters: [{ dimension: 'sku', op: 'in', values: ['A-1', 'B-2'] }],
    });
  });

  it('"which is worst + how many returned lines" ranks the thread\'s breakdown and adds the measure', () => {
    const [, , worst] = h.thread(
      'return rate by category?',
      'only merchant fulfilled',
      'which is worst + how many returned lines does it have',
    );
    expect(worst).toMatchObject({ metrics: ['return_rate', 'returns'], groupBy: ['category'] });
    expect(worst!.sort).toEqual({ by: 'return_rate', direction: 'desc' });
    expect(worst!.filters).toEqual([{ dimension: 'fulfilment', op: 'in', values: ['Merchant'] }]);
  });

  it('"1000+ orders" is at least 1,000', () => {
    expect(h.planOf('aov by state, top 5, only states with 1000+ orders').plan.threshold).toEqual([
      { metric: 'orders', op: 'gte', value: 1000 },
    ]);
  });
});

describe('a row picked at the start of a terse follow-up', () => {
  it('"top one, day by day" after revenue by city is the first city by day, not a top-1 ranking', () => {
    const byCity = h.planOf('TN rev by city this month').plan;
    const r = h.planner.resolveSync({
      question: 'top one, day by day',
      history: [],
      previousPlan: byCity,
      previousRows: {
        columns: ['city', 'revenue'],
        rows: [
          ['CHENNAI', 9],
          ['MADURAI', 2],
        ],
      },
    });
    expect(r.kind === 'plan' && r.plan).toMatchObject({ groupBy: ['day'] });
    expect(r.kind === 'plan' && r.plan.limit).toBeUndefined();
    expect(r.kind === 'plan' && r.plan.filters).toContainEqual({
      dimension: 'city',
      op: 'in',
      values: ['CHENNAI'],
    });
  });

  it('"orders still waiting on the courier to come and collect them" are the ones waiting for pick-up', () => {
    const { plan } = h.planOf('How many orders are still waiting on the courier to come and collect them?');
    expect(plan.groupBy).toEqual([]);
    expect(plan.filters).toEqual([
      { dimension: 'status', op: 'in', values: ['Pending - Waiting for Pick Up'] },
    ]);
  });
});

describe('what a count counts', () => {
  it('"how many XL sets went to TN" counts the products, units; "how many kurtas are OOS?" counts SKUs', () => {
    expect(h.planOf('how many XL sets went to TN').plan).toMatchObject({
      source: 'amazon_sales',
      metrics: ['units'],
    });
    expect(h.planOf('how many kurtas are OOS?').plan).toMatchObject({
      source: 'inventory',
      metrics: ['sku_count'],
    });
  });

  it('"Kurta SKUs running low, by size" is how many SKUs per size, not a listing of SKUs', () => {
    expect(h.planOf('Kurta SKUs running low, by size').plan).toMatchObject({
      source: 'inventory',
      metrics: ['sku_count'],
      groupBy: ['size'],
    });
  });

  it('"SKUs we are completely out of" are the out-of-stock ones; "stock position" is stock on hand', () => {
    const out = h.planOf('How many SKUs are we completely out of right now?').plan;
    expect(out.filters).toContainEqual({ dimension: 'stock_level', op: 'in', values: ['Out of stock'] });
    expect(h.planOf('stock position by category').plan).toMatchObject({
      metrics: ['stock'],
      groupBy: ['category'],
    });
  });

  it('"basket value between business and consumer orders" is one row per buyer type', () => {
    const { plan } = h.planOf('How does basket value compare between business and consumer orders?');
    expect(plan.metrics[0]).toBe('aov');
    expect(plan.groupBy).toEqual(['b2b']);
    expect(plan.filters).toEqual([]);
  });

  it('"what did we book" is revenue', () => {
    expect(h.planOf('What did we book on the 4th of June?').plan.metrics).toEqual(['revenue']);
  });
});

describe('one order, by its ID', () => {
  it('"status of order 405-8750647-4224357?" is that order alone, by status', () => {
    const { plan } = h.planOf('status of order 405-8750647-4224357?');
    expect(plan.groupBy).toEqual(['status']);
    expect(plan.filters).toEqual([{ dimension: 'order_id', op: 'in', values: ['405-8750647-4224357'] }]);
  });

  it('"where has that order got to?" with no ID asks for it, never totals every order', () => {
    for (const question of ['Can you check where that order has got to?', "where's my order"]) {
      const r = h.ask(question);
      expect(r.kind).toBe('clarify');
      expect(r.kind === 'clarify' && r.message).toMatch(/order ID/);
    }
    // Once the thread has named it, "that order" is the one named.
    const named = h.planOf('status of order 405-8750647-4224357?').plan;
    expect(h.ask('where has that order got to?', named).kind).toBe('plan');
    // Counts of orders are no single order.
    expect(h.ask('what is the order count by state?').kind).toBe('plan');
  });
});

describe('breakdowns named by what they show', () => {
  it('"what did the status mix look like for merchant lines" is a breakdown by status', () => {
    expect(
      h.planOf('What did the status mix look like for merchant-fulfilled lines last week?').plan.groupBy,
    ).toEqual(['status']);
  });

  it('"with a promotion applied versus without" is one row with and one without', () => {
    expect(h.planOf('May revenue with a promotion applied versus without').plan).toMatchObject({
      groupBy: ['promotion'],
      filters: [],
    });
  });

  it('"which style gets sent back the most" ranks styles by returns (no colleague is quoted)', () => {
    const { plan } = h.planOf('Which style gets sent back the most?');
    expect(plan).toMatchObject({ metrics: ['returns'], groupBy: ['style'] });
  });
});

describe('SKUs counted where the question is about them', () => {
  it('"how many SKUs did we sell in May" counts SKUs sold; "how many SKUs" alone counts the stock report', () => {
    expect(h.planOf('how many skus did we sell in may').plan).toMatchObject({
      source: 'amazon_sales',
      metrics: ['skus_sold'],
    });
    expect(h.planOf('how many SKUs').plan).toMatchObject({ source: 'inventory', metrics: ['sku_count'] });
  });

  it('"may rev statewise" is revenue by state; "ka share of gmv" is Karnataka\'s share', () => {
    expect(h.planOf('may rev statewise').plan.groupBy).toEqual(['state']);
    const ka = h.planOf('ka share of gmv in june?').plan;
    expect(ka.filters.find((f) => f.dimension === 'state')?.values).toEqual(['KARNATAKA']);
  });
});
