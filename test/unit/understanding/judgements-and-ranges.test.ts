import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/semantic/plan.js';
import { createHarness, planWith, type Harness } from './fixture.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

const thread = (...questions: string[]): Plan[] => h.thread(...questions);

describe('"worst" and "best" are judgements: they turn for a measure where lower is better', () => {
  it.each([
    ['which state has the worst cancel rate?', 'cancel_rate', 'desc'],
    ['the weakest 3 categories by returns', 'returns', 'desc'],
    ['best state for cancellation rate', 'cancel_rate', 'asc'],
    ['worst 3 categories by revenue', 'revenue', 'asc'],
  ])('%s sorts %s %s', (question, by, direction) => {
    expect(h.planOf(question).plan.sort).toEqual({ by, direction });
  });

  it('"bottom" and "lowest" stay literal whatever the measure', () => {
    expect(h.planOf('bottom 3 states by cancellation rate').plan.sort).toEqual({
      by: 'cancel_rate',
      direction: 'asc',
    });
  });

  it('"only the worst four" on a returns ranking keeps the most returned', () => {
    const [, worst] = thread('returned lines by category in Q2', 'only the worst four');
    expect(worst).toMatchObject({ sort: { by: 'returns', direction: 'desc' }, limit: 4 });
  });
});

describe('ranges over ordered values', () => {
  it('"L and up" is every size from L on that the data holds', () => {
    const plan = h.planOf('revenue from L and up').plan;
    expect(plan.filters).toEqual([{ dimension: 'size', op: 'in', values: ['L', 'XL'] }]);
  });

  it('"M or smaller" runs the other way, and the range words are understood', () => {
    const r = h.planOf('kurta units for M or smaller');
    const size = r.plan.filters.find((f) => f.dimension === 'size');
    expect(size?.values).toContain('M');
    expect(size?.values).toContain('S');
    expect(size?.values).not.toContain('L');
    expect(r.notes.join(' ')).not.toMatch(/didn't use/);
  });
});

describe('a count word heading a filter phrase is not a new measure', () => {
  it('"fba orders only" after a revenue series keeps revenue', () => {
    const [, next] = thread('revenue by day in the last 14 days', 'fba orders only');
    expect(next).toMatchObject({ metrics: ['revenue'], groupBy: ['day'] });
    expect(next!.filters).toEqual([{ dimension: 'fulfilment', op: 'in', values: ['Amazon'] }]);
  });

  it('"only orders that weren\'t cancelled" keeps the measure and excludes cancellations', () => {
    const [, next] = thread('units per order by category', "only orders that weren't cancelled");
    expect(next).toMatchObject({ metrics: ['units_per_order'], groupBy: ['category'] });
    expect(next!.filters).toEqual([{ dimension: 'status', op: 'not_in', values: ['Cancelled'] }]);
  });

  it('"revenue for orders not shipped to MH" is one measure with an exclusion', () => {
    const plan = h.planOf('revenue for orders not shipped to MH').plan;
    expect(plan.metrics).toEqual(['revenue']);
    expect(plan.filters).toEqual([expect.objectContaining({ dimension: 'state', op: 'not_in' })]);
  });
});

describe('negation scope', () => {
  it('"non-B2B Kurta orders" negates B2B only', () => {
    const plan = h.planOf('how many non-B2B Kurta orders went to TN?').plan;
    expect(plan.filters).toEqual(
      expect.arrayContaining([
        { dimension: 'b2b', op: 'in', values: [false] },
        { dimension: 'category', op: 'in', values: ['Kurta'] },
      ]),
    );
  });
});

describe('follow-ups that add or only re-show', () => {
  it('"and how many customers each month" adds the count of customers', () => {
    const [, , next] = thread(
      'wholesale revenue by month in 2022',
      'pieces too',
      'and how many customers each month',
    );
    expect(next).toMatchObject({
      metrics: ['intl_revenue', 'intl_pcs', 'intl_customers'],
      groupBy: ['month'],
    });
  });

  it('"show the money in crores" re-shows the same plan', () => {
    const first = h.planOf('revenue by category in May').plan;
    const r = h.planOf('can you show the money in crores', first);
    expect(r.plan).toEqual(first);
    expect(r.presentationOnly).toBe(true);
  });

  it('"put Tops next to it, split by category" adds Top and the category breakdown', () => {
    const [, next] = thread('Kurta units by size in Q2', 'put Tops next to it, split by category');
    expect(next!.groupBy).toEqual(['size', 'category']);
    expect(next!.filters).toEqual([{ dimension: 'category', op: 'in', values: ['Kurta', 'Top'] }]);
  });

  it('two months named together are one span, labelled as a span', () => {
    const plan = h.planOf('revenue by week in May and June').plan;
    expect(plan.timeRange).toMatchObject({ from: '2022-05-01', label: 'May 2022 to June 2022' });
  });
});

describe('the top N combined', () => {
  it('"what share do the top 2 categories account for combined" is one combined share', () => {
    const plan = h.planOf('what share of revenue do the top 2 categories account for combined?').plan;
    expect(plan).toMatchObject({
      metrics: ['revenue'],
      groupBy: ['category'],
      limit: 2,
      share: true,
      combined: true,
    });
  });

  it('"which two are those?" lists the groups again', () => {
    const [, next] = thread('top 2 categories by revenue together, as a share', 'which two are those?');
    expect(next).toMatchObject({ groupBy: ['category'], limit: 2 });
    expect(next!.combined).toBeUndefined();
  });

  it('a measure that does not add up across groups is asked about, not summed', () => {
    expect(h.ask('average order value of the top 3 states combined').kind).toBe('clarify');
  });
});

describe('counting what a report holds', () => {
  it('"how many Kurtas are OOS?" counts SKUs: the inventory report counts SKUs', () => {
    const plan = h.planOf('how many Kurtas are OOS?').plan;
    expect(plan).toMatchObject({ source: 'inventory', metrics: ['sku_count'] });
  });

  it('"which category has the most out-of-stock SKUs?" ranks categories by their SKU count', () => {
    const plan = h.planOf('Which category has the most out-of-stock SKUs?').plan;
    expect(plan).toMatchObject({ metrics: ['sku_count'], groupBy: ['category'] });
    expect(plan.sort).toEqual({ by: 'sku_count', direction: 'desc' });
  });

  it('"how many diff wholesale customers have we billed?" is the customer count alone', () => {
    const plan = h.planOf('how many diff wholesale customers have we billed?').plan;
    expect(plan).toMatchObject({ metrics: ['intl_customers'], groupBy: [] });
  });
});

describe('questions the data cannot answer as asked', () => {
  it('"how many kurtas did we sell on flipkart" is refused: Flipkart appears only in the price lists', () => {
    const r = h.ask('how many kurtas did we sell on flipkart');
    expect(r.kind).toBe('refuse');
    if (r.kind === 'refuse') expect(r.message).toMatch(/Flipkart appears only in/);
  });

  it('"flipkart mrp for kurtas" is still a price question', () => {
    expect(h.planOf('flipkart mrp for kurtas').plan).toMatchObject({
      source: 'price_list',
      metrics: ['mrp'],
    });
  });

  it('"that one" after a list asks which one rather than answering for everything', () => {
    const list = h.planOf('top 2 categories by revenue').plan;
    expect(h.ask('how much stock do we have on that one?', list).kind).toBe('clarify');
  });
});

describe('two periods offered as a choice', () => {
  it('"more orders in May or April?" compares the two months', () => {
    const plan = h.planOf('did we get more orders in may or april?').plan;
    expect(plan.timeRange).toMatchObject({ from: '2022-05-01', to: '2022-05-31' });
    expect(plan.compareTo).toMatchObject({ from: '2022-04-01', to: '2022-04-30' });
  });
});

describe('shares within groups', () => {
  it('"what fraction of revenue in each category came from promoted lines" is the promoted part of each category', () => {
    const r = h.planOf('what fraction of revenue in each category came from promoted lines?');
    expect(r.plan).toMatchObject({
      groupBy: ['category', 'promotion'],
      share: true,
      shareWithin: ['category'],
    });
  });

  it('"mumbai\'s cut of MH rev": the value right before the share word is the part, the one after it the whole', () => {
    for (const q of ["mumbai's cut of MH rev?", 'mumbai share of MH revenue']) {
      const { plan } = h.planOf(q);
      expect(plan).toMatchObject({ groupBy: ['city'], share: true });
      expect(plan.filters).toContainEqual({ dimension: 'city', op: 'in', values: ['MUMBAI'] });
      expect(plan.filters).toContainEqual({ dimension: 'state', op: 'in', values: ['MAHARASHTRA'] });
    }
    // Opening with "of": the value there is the whole.
    const { plan } = h.planOf('of kurta revenue, what fraction was fulfilled by amazon?');
    expect(plan.groupBy).toEqual(['fulfilment']);
  });

  it('"by month" on a share of Amazon-fulfilled revenue is Amazon’s part of each month', () => {
    const [, monthly] = thread('what share of revenue was fulfilled by Amazon?', 'by month');
    expect(monthly).toMatchObject({ share: true, shareWithin: ['month'] });
    expect(monthly!.groupBy).toEqual(expect.arrayContaining(['fulfilment', 'month']));
  });
});

describe('follow-ups that point back at the rows or periods shown', () => {
  it('"the return rate for those two" keeps the two rows the ranking chose', () => {
    const [, , next] = thread(
      'top 5 states by returns',
      'narrow it to the top two',
      "what's the return rate for those two?",
    );
    expect(next).toMatchObject({ limit: 2, sort: { by: 'returns', direction: 'desc' } });
    expect(next!.metrics).toEqual(['returns', 'return_rate']);
  });

  it('"AOV for the same two months" keeps the comparison rather than breaking down by month', () => {
    const [, , next] = thread(
      'net revenue in May',
      'how does that compare to April?',
      'and AOV for the same two months?',
    );
    expect(next!.groupBy).toEqual([]);
    expect(next!.compareTo).toMatchObject({ from: '2022-04-01' });
    expect(next!.metrics).toContain('aov');
  });

  it('"split fba vs merchant" breaks the answer down by fulfilment', () => {
    const [, next] = thread('b2b orders last month', 'split fba vs merchant');
    expect(next!.groupBy).toEqual(['fulfilment']);
  });
});

describe('the measure a ranking is by', () => {
  it('"which state cancels the most (by cancellation rate)" ranks by the rate', () => {
    const plan = h.planOf('which state cancels the most (by cancellation rate)?').plan;
    expect(plan.metrics[0]).toBe('cancel_rate');
    expect(plan.sort).toEqual({ by: 'cancel_rate', direction: 'desc' });
  });
});

describe('"amazon" alone is the marketplace the report is from', () => {
  it('"how many orders in total on amazon?" has no fulfilment filter', () => {
    expect(h.planOf('how many orders have we done in total on amazon?').plan.filters).toEqual([]);
  });

  it('"fulfilled by amazon" and "Amazon vs Merchant" still mean fulfilment', () => {
    expect(h.planOf('revenue fulfilled by amazon').plan.filters).toEqual([
      { dimension: 'fulfilment', op: 'in', values: ['Amazon'] },
    ]);
    const plan = h.planOf('revenue Amazon vs Merchant in June').plan;
    expect(plan.filters[0]).toMatchObject({ dimension: 'fulfilment', values: ['Amazon', 'Merchant'] });
  });
});

describe('counts asked as rates, and bounds that exclude', () => {
  it('"cancelling more on FBA or merchant? Rates please." is the cancellation rate of each', () => {
    const p = h.planOf('Are we cancelling more on FBA or on merchant this month? Rates please.').plan;
    expect(p.metrics).toEqual(['cancel_rate']);
    expect(p.groupBy).toEqual(['fulfilment']);
  });

  it('"ignore states with under 500 lines" keeps the states with 500 or more', () => {
    const p = h.planOf(
      'Worst 3 states for cancellations in May by rate, ignore states with under 500 lines',
    ).plan;
    expect(p.metrics[0]).toBe('cancel_rate');
    expect(p.threshold).toMatchObject([{ op: 'gte', value: 500 }]);
    const kept = h.planOf('revenue for states with under 500 lines in May').plan.threshold;
    expect(kept).toMatchObject([{ op: 'lt', value: 500 }]);
  });
});

describe('phrases that read as something else', () => {
  it('"how much of Maharashtra\'s revenue is coming out of Mumbai" is a share, never "excluding Maharashtra"', () => {
    const p = h.planOf("Roughly how much of Maharashtra's revenue is coming out of Mumbai?").plan;
    expect(p.filters.every((f) => f.op === 'in')).toBe(true);
    expect(p.share).toBe(true);
  });

  it('"monthly count of cancelled lines from April through June" is cancelled lines by month, April to June', () => {
    const p = h.planOf('Monthly count of cancelled lines from April through June.').plan;
    expect(p.groupBy).toEqual(['month']);
    expect(p.timeRange).toMatchObject({ from: '2022-04-01', to: '2022-06-30' });
  });

  it('"june run rate per day" is one figure; "rev by shipping tier (std/expedited)" is by service level', () => {
    expect(h.planOf('june run rate per day, kurta only').plan.groupBy).toEqual([]);
    expect(h.planOf('rev by shipping tier for q2').plan.groupBy).toEqual(['service_level']);
  });

  it('"what did we take in" is revenue; "all categories lumped together" is one figure', () => {
    expect(h.planOf('On the 4th of June, what did we take in?').plan.metrics).toEqual(['revenue']);
    expect(
      h.planOf("Size M, all categories lumped together - what's the stock on hand?").plan.groupBy,
    ).toEqual([]);
  });
});

describe('small words that changed a reading', () => {
  it('"orders going out Expedited" are not "excluding" anything; "cxl rate" is the cancellation rate', () => {
    const p = h.planOf('Are any merchant-fulfilled orders going out Expedited? How many?').plan;
    expect(p.filters.every((f) => f.op === 'in')).toBe(true);
    expect(h.planOf('cxl rate last week').plan.metrics).toEqual(['cancel_rate']);
  });

  it('"order lines shipped Expedited" keeps "order lines" whole; "weekly order trend for the qtr" is Q2', () => {
    expect(h.planOf('What fraction of order lines shipped Expedited last month?').plan.metrics).toEqual([
      'order_lines',
    ]);
    expect(h.planOf('weekly order trend for the qtr').plan.timeRange).toMatchObject({
      from: '2022-04-01',
      to: '2022-06-30',
    });
  });
});

describe('codes and values set against each other', () => {
  it('"ka western dress rev in may" is Karnataka\'s Western Dress revenue; "last week ka total" has no state', () => {
    const p = h.planOf('ka western dress rev in may').plan;
    expect(p.filters.map((f) => f.dimension).sort()).toEqual(['category', 'state']);
    expect(h.planOf('last week ka total revenue').plan.filters).toEqual([]);
  });

  it('"plain Shipped versus Delivered to Buyer" is one row per status, not the two as one', () => {
    const p = h.planOf(
      'First week of May: how many lines were plain Shipped versus Delivered to Buyer?',
    ).plan;
    expect(p.groupBy).toEqual(['status']);
  });
});

describe('idioms of ranking', () => {
  it('"Which size came out on top?" ranks the thread\'s sizes; it is no filter on the category Top', () => {
    const byKurtaSize = planWith({
      groupBy: ['size'],
      filters: [{ dimension: 'category', op: 'in', values: ['Kurta'] }],
    });
    const p = h.planOf('Which size came out on top?', byKurtaSize).plan;
    expect(p.filters).toEqual(byKurtaSize.filters);
    expect(p.sort).toMatchObject({ by: 'revenue', direction: 'desc' });
  });
});
