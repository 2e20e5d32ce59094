import { beforeAll, describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/semantic/compile-plan.js';
import type { Plan } from '../../../src/semantic/plan.js';
import { catalog, createHarness, type Harness } from './fixture.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

const thread = (...questions: string[]): Plan[] => h.thread(...questions);

const MAY = { from: '2022-05-01', to: '2022-05-31' };
const JUNE = { from: '2022-06-01', to: '2022-06-30' };
const APRIL = { from: '2022-04-01', to: '2022-04-30' };

describe('measures', () => {
  it('"units too" adds a measure and keeps the rest', () => {
    const [first, next] = thread('revenue by state in May', 'units too');
    expect(next).toEqual({ ...first, metrics: ['revenue', 'units'] });
  });

  it('"also orders" adds another', () => {
    const [, , third] = thread('revenue by category in June', 'units too', 'also orders');
    expect(third!.metrics).toEqual(['revenue', 'units', 'orders']);
    expect(third).toMatchObject({ groupBy: ['category'], timeRange: JUNE });
  });

  it('"orders instead" replaces the measure and keeps the rest', () => {
    const [first, next] = thread('revenue by state in May', 'orders instead');
    expect(next).toEqual({ ...first, metrics: ['orders'] });
  });

  it('"orders instead" on a ranking ranks by orders', () => {
    const [, next] = thread('top 5 states by revenue in April', 'orders instead');
    expect(next).toMatchObject({ metrics: ['orders'], groupBy: ['state'], limit: 5, sort: { by: 'orders' } });
  });
});

describe('measures turned away from', () => {
  it('"rank by orders not rev" replaces revenue with orders, and ranks by it', () => {
    const [, next] = thread('top 5 states by revenue in April', 'rank by orders not rev');
    expect(next).toMatchObject({ metrics: ['orders'], limit: 5, sort: { by: 'orders' } });
  });

  it('"the same on net revenue rather than AOV" keeps the comparison and swaps the measure', () => {
    const [first, , third] = thread('AOV in May', 'MoM?', 'same comparison on net revenue rather than AOV');
    expect(third).toMatchObject({ metrics: ['net_revenue'], timeRange: first!.timeRange });
    expect(third!.compareTo).toBeDefined();
  });

  it('"as a return rate instead of raw counts" changes the measure and keeps the weekly series', () => {
    const [, next] = thread('returns by week in May', 'as a return rate instead of raw counts');
    expect(next).toMatchObject({ metrics: ['return_rate'], groupBy: ['week'] });
  });
});

describe('values added, swapped and counted', () => {
  it('"add Karnataka too" after one state shows both side by side', () => {
    const [, next] = thread('orders from Maharashtra in May', 'add Karnataka too');
    expect(next!.groupBy).toEqual(['state']);
    expect(next!.filters).toEqual([{ dimension: 'state', op: 'in', values: ['MAHARASHTRA', 'KARNATAKA'] }]);
  });

  it('"now do kurta instead of set" swaps Set out for Kurta, and keeps the ranking', () => {
    const [, , third] = thread(
      'revenue by size for sets in april',
      'top 3 only',
      'now do kurta instead of set',
    );
    expect(third!.filters).toEqual([{ dimension: 'category', op: 'in', values: ['Kurta'] }]);
    expect(third).toMatchObject({ limit: 3, groupBy: ['size'] });
  });

  it('"low stock instead" after out-of-stock counts swaps one stock threshold for the other', () => {
    const [, second] = thread('how many kurta SKUs are out of stock', 'what about low stock instead?');
    const dims = second!.filters.map((f) => f.dimension).sort();
    expect(dims).toEqual(['category', 'low_stock']);
  });

  it('"how many of those SKUs are out of stock" after a top 5 by colour is one count', () => {
    const [, , third] = thread(
      'stock we hold in Kurta',
      'split by colour, top 5',
      'how many of the kurta SKUs are out of stock?',
    );
    expect(third).toMatchObject({ metrics: ['sku_count'], groupBy: [] });
    expect(third!.limit).toBeUndefined();
  });

  it('"what share of gross revenue" after net revenue drops the cancellation exclusion and shares revenue', () => {
    const [, third] = thread(
      'net revenue excluding cancellations by month',
      'and what share of gross revenue was B2B each month?',
    );
    expect(third!.metrics).toEqual(['revenue']);
    expect(third!.filters.some((f) => f.dimension === 'status')).toBe(false);
  });
});

describe('a share, then "for every X"', () => {
  it('keeps the share and takes it within each category', () => {
    const [, next] = thread(
      'what share of Kurta revenue in May came from promoted lines?',
      'show that for every category',
    );
    expect(next).toMatchObject({ share: true, shareWithin: ['category'] });
    expect(next!.groupBy[0]).toBe('category');
    expect(next!.filters.some((f) => f.dimension === 'category')).toBe(false);
  });
});

describe('edits of a threshold, a rate and a filter by its dimension', () => {
  it('"make it 30 lakh" replaces the threshold\'s number', () => {
    const [, next] = thread('which states did more than 50L rev in May', 'make it 30 lakh');
    expect(next!.threshold).toEqual([{ metric: 'revenue', op: 'gt', value: 3_000_000 }]);
  });

  it('"the cancellation rate instead of counts" after cancelled orders spans every status', () => {
    const [first, , third] = thread(
      'how many orders got cancelled in June?',
      'split by FBA / merchant',
      'show the cancellation rate instead of counts',
    );
    expect(first!.filters.some((f) => f.dimension === 'status')).toBe(true);
    expect(third!.metrics).toEqual(['cancel_rate']);
    expect(third!.filters.some((f) => f.dimension === 'status')).toBe(false);
    expect(third!.groupBy).toEqual(['fulfilment']);
  });

  it('"remove the size filter" takes that filter off and keeps the rest', () => {
    const [, next] = thread('Kurta revenue in size M by state', 'remove the size filter');
    expect(next!.filters).toEqual([{ dimension: 'category', op: 'in', values: ['Kurta'] }]);
    expect(next!.groupBy).toEqual(['state']);
  });
});

describe('filters', () => {
  it('"redo top 5 w/o MH" excludes Maharashtra and keeps the ranking', () => {
    const [, next] = thread('top 5 states by revenue in May', 'redo top 5 w/o MH');
    expect(next!.filters).toEqual([{ dimension: 'state', op: 'not_in', values: ['MAHARASHTRA'] }]);
    expect(next).toMatchObject({ limit: 5, sort: { by: 'revenue' } });
  });

  it('"take the Kurta filter off" removes the filter and keeps the rest', () => {
    const [first, next] = thread('Kurta returns by week in May', 'take the Kurta filter off');
    expect(next!.filters).toEqual([]);
    expect(next).toMatchObject({ metrics: first!.metrics, groupBy: ['week'], timeRange: first!.timeRange });
  });

  it('"strip out B2B from both months" keeps the comparison and excludes B2B', () => {
    const [, second, third] = thread('AOV in May', 'MoM?', 'strip out B2B from both months and redo it');
    expect(third).toMatchObject({ metrics: ['aov'], compareTo: second!.compareTo });
    expect(third!.filters).toEqual([{ dimension: 'b2b', op: 'in', values: [false] }]);
  });

  it('"drop Kerala" after a by-state ranking excludes Kerala and keeps the ranking', () => {
    const [first, next] = thread('top 5 states by revenue in May', 'drop Kerala');
    expect(next).toEqual({
      ...first,
      filters: [{ dimension: 'state', op: 'not_in', values: ['KERALA'] }],
    });
  });

  it('"drop Kerala" is a removal, not a question about a fall: no period or comparison appears', () => {
    const [first, next] = thread('top 5 states by revenue', 'drop Kerala');
    expect(next!.filters).toEqual([{ dimension: 'state', op: 'not_in', values: ['KERALA'] }]);
    expect(next!.filters).not.toContainEqual(expect.objectContaining({ op: 'in', values: ['KERALA'] }));
    expect(next!.timeRange).toEqual(first!.timeRange);
    expect(next!.compareTo).toBeUndefined();
    expect(next).toMatchObject({ groupBy: ['state'], limit: 5, sort: { by: 'revenue', direction: 'desc' } });
  });

  it.each(['remove Kerala', 'exclude Kerala', 'without Kerala'])(
    '"%s" after revenue by state excludes it',
    (reply) => {
      const [first, next] = thread('revenue by state in May', reply);
      expect(next).toEqual({ ...first, filters: [{ dimension: 'state', op: 'not_in', values: ['KERALA'] }] });
    },
  );

  it('"drop Kerala" when Kerala was one of the chosen values takes it out of the list', () => {
    const [, next] = thread('revenue for Kerala and Karnataka', 'drop Kerala');
    expect(next!.filters).toEqual([{ dimension: 'state', op: 'in', values: ['KARNATAKA'] }]);
  });

  it('"only Kurta" replaces the category filter', () => {
    const [first, next] = thread('revenue for Set in May', 'only Kurta');
    expect(next).toEqual({ ...first, filters: [{ dimension: 'category', op: 'in', values: ['Kurta'] }] });
  });

  it('"only Kurta" keeps filters on other dimensions', () => {
    const [, next] = thread('revenue in Maharashtra by category', 'only Kurta');
    expect(next!.filters).toEqual(
      expect.arrayContaining([
        { dimension: 'state', op: 'in', values: ['MAHARASHTRA'] },
        { dimension: 'category', op: 'in', values: ['Kurta'] },
      ]),
    );
    expect(next!.filters).toHaveLength(2);
  });

  it('"only Kurta" after an exclusion of Kurta keeps Kurta, not the exclusion', () => {
    const [, next] = thread('revenue excluding Kurta', 'only Kurta');
    expect(next!.filters).toEqual([{ dimension: 'category', op: 'in', values: ['Kurta'] }]);
  });

  it('"what about Karnataka?" swaps the state and keeps the period', () => {
    const [first, next] = thread('units in Maharashtra last month', 'what about Karnataka?');
    expect(next).toEqual({ ...first, filters: [{ dimension: 'state', op: 'in', values: ['KARNATAKA'] }] });
  });
});

describe('breakdowns and limits', () => {
  it('"split that by size" adds a breakdown', () => {
    const [first, next] = thread('revenue by category in June', 'split that by size');
    expect(next).toEqual({ ...first, groupBy: ['category', 'size'] });
  });

  it('"break it down by state" after a single-value filter adds state and keeps the filter', () => {
    const [, next] = thread('revenue for Set in May', 'break it down by state');
    expect(next).toMatchObject({
      groupBy: ['state'],
      filters: [{ dimension: 'category', op: 'in', values: ['Set'] }],
      timeRange: MAY,
    });
  });

  it.each(['top three only', 'just the top three', 'top 3'])(
    '"%s" limits the previous breakdown to 3',
    (reply) => {
      const [first, next] = thread('revenue by state in May', reply);
      expect(next).toEqual({ ...first, limit: 3, sort: { by: 'revenue', direction: 'desc' } });
    },
  );

  it('"for Kurta, split by size" after a top 3 lists every size: the limit ranked the categories', () => {
    const [, , third] = thread(
      'revenue by category in May',
      'just the top three',
      'for Kurta, how does that split by size?',
    );
    expect(third).toMatchObject({
      groupBy: ['size'],
      filters: [{ dimension: 'category', values: ['Kurta'] }],
    });
    expect(third!.limit).toBeUndefined();
    const [, , ranked] = thread('revenue by category in May', 'just the top three', 'for Kurta, top 2 sizes');
    expect(ranked).toMatchObject({ groupBy: ['size'], limit: 2 });
  });

  it.each(['swap size for category', 'by category rather than size'])(
    '"%s" replaces the breakdown shown',
    (reply) => {
      const [, next] = thread('units per order by size for may', reply);
      expect(next!.groupBy).toEqual(['category']);
    },
  );

  it('"only the top one" cuts the ranking to its first row, named; "what about units" ranks by units', () => {
    const [, top, units] = thread('revenue by category in may', 'only the top one', 'what about units');
    expect(top).toMatchObject({
      groupBy: ['category'],
      limit: 1,
      sort: { by: 'revenue', direction: 'desc' },
    });
    expect(top!.filters).toEqual([]);
    expect(units).toMatchObject({
      metrics: ['units'],
      groupBy: ['category'],
      limit: 1,
      sort: { by: 'units' },
    });
  });

  it('"its top cities" is a top 5, said in the reading; "top city" stays the ranking', () => {
    expect(h.planOf('top cities by revenue in may').plan).toMatchObject({ groupBy: ['city'], limit: 5 });
    expect(h.planOf('top city by revenue in may').plan.limit).toBeUndefined();
  });

  it('"that state\'s share … is Hyderabad" after a state\'s cities, then "the bottom 5 states instead"', () => {
    const [, , share, bottom] = thread(
      'revenue by city for telangana in q2',
      'top 3 only',
      "what share of that state's q2 revenue is hyderabad?",
      'now the bottom 5 states instead',
    );
    expect(share).toMatchObject({ groupBy: ['city'], share: true });
    expect(share!.filters.map((f) => f.dimension).sort()).toEqual(['city', 'state']);
    expect(bottom).toMatchObject({ groupBy: ['state'], limit: 5, sort: { direction: 'asc' }, share: false });
    expect(bottom!.filters).toEqual([]);
  });

  it('"top 3 cats for b2b" after the B2B share ranks B2B revenue: a share filtered to its own part is 100% everywhere', () => {
    const [, next] = thread('b2b share of may rev?', 'top 3 cats for b2b');
    expect(next).toMatchObject({
      metrics: ['revenue'],
      groupBy: ['category'],
      limit: 3,
      sort: { by: 'revenue' },
    });
  });

  it('"2nd one - top cities?" is the second row\'s top 5 cities: "one" across the dash is no count', () => {
    const [, ranked] = thread('top 5 states by gmv last month', 'orders instead');
    const rows = {
      columns: ['state', 'orders'],
      rows: [
        ['MAHARASHTRA', 9],
        ['KARNATAKA', 8],
        ['DELHI', 7],
      ],
    };
    const r = h.planner.resolveSync({
      question: '2nd one - top cities?',
      history: [],
      previousPlan: ranked!,
      previousRows: rows,
    });
    expect(r.kind).toBe('plan');
    if (r.kind === 'plan') {
      expect(r.plan).toMatchObject({ groupBy: ['city'], limit: 5 });
      expect(r.plan.filters).toContainEqual({ dimension: 'state', op: 'in', values: ['KARNATAKA'] });
    }
  });

  it('"what share did the leader account for" after a top 3 is the first row\'s share', () => {
    const [, ranked] = thread('revenue by category in may', 'just the top three');
    const rows = {
      columns: ['category', 'revenue'],
      rows: [
        ['Set', 9],
        ['Kurta', 8],
        ['Top', 7],
      ],
    };
    const r = h.planner.resolveSync({
      question: "what share of may's total did the leader account for?",
      history: [],
      previousPlan: ranked!,
      previousRows: rows,
    });
    expect(r.kind).toBe('plan');
    if (r.kind === 'plan') {
      expect(r.plan.share).toBe(true);
      expect(r.plan.filters).toContainEqual({ dimension: 'category', op: 'in', values: ['Set'] });
    }
  });

  it('"bottom 2" after a ranking turns it round', () => {
    const [, next] = thread('top 5 states by revenue', 'bottom 2');
    expect(next).toMatchObject({ groupBy: ['state'], limit: 2, sort: { by: 'revenue', direction: 'asc' } });
  });
});

describe('periods', () => {
  it('"stretch that to the whole month" after 1–15 June is all of June, the breakdown kept', () => {
    const [, next] = thread(
      'orders fba vs merchant in the first half of june',
      'stretch that to the whole month',
    );
    expect(next).toMatchObject({
      groupBy: ['fulfilment'],
      timeRange: { from: '2022-06-01', to: '2022-06-30' },
    });
  });

  it('"vs same day last wk" after yesterday compares with the day a week earlier', () => {
    const [, next] = thread('rev yday', 'vs same day last wk');
    expect(next!.timeRange).toMatchObject({ from: '2022-06-28', to: '2022-06-28' });
    expect(next!.compareTo).toMatchObject({ from: '2022-06-21', to: '2022-06-21' });
  });

  it('"put last week next to the week before" after a weekly series compares the two weeks named', () => {
    const [, next] = thread('weekly revenue for june', 'put last week next to the week before');
    expect(next!.groupBy).toEqual([]);
    expect(next).toMatchObject({ timeRange: { from: '2022-06-20', to: '2022-06-26' } });
    expect(next!.compareTo).toBeDefined();
  });

  it('"put May next to it" after June shows both months; "add this wk so far" after two weeks, week by week', () => {
    const [, months] = thread('what share of june units did each size take?', 'put may next to it');
    expect(months!.groupBy).toEqual(['month', 'size']);
    expect(months!.timeRange).toMatchObject({ from: '2022-05-01', to: '2022-06-30' });
    const [, , weeks] = thread('orders last wk vs the wk before', 'aov for both?', 'add this wk so far too');
    expect(weeks!.groupBy).toEqual(['week']);
    expect(weeks!.timeRange?.from).toBe('2022-06-13');
    expect(weeks!.compareTo).toBeUndefined();
  });

  it('"gmv ka vs tn", then "mom gmv growth for each?": both states, each against the month before', () => {
    const [first, , third] = thread('gmv ka vs tn last month', 'orders too pls', 'mom gmv growth for each?');
    expect(first!.filters).toContainEqual({
      dimension: 'state',
      op: 'in',
      values: expect.arrayContaining(['KARNATAKA', 'TAMIL NADU']),
    });
    expect(third).toMatchObject({ groupBy: ['state'], timeRange: MAY, compareTo: 'previous_period' });
    expect(third!.filters).toEqual(first!.filters);
  });

  it('"can you put April and May side by side?" shows each month, however many words open the question', () => {
    const [, next] = thread('net revenue by category for april', 'can you put April and May side by side?');
    expect(next!.groupBy).toEqual(['month', 'category']);
    expect(next!.timeRange).toMatchObject({ from: '2022-04-01', to: '2022-05-31' });
  });

  it('"between april and june" stays one span of time', () => {
    expect(h.planOf('revenue between april and june').plan.groupBy).toEqual([]);
  });

  it('"vs april" keeps the thread’s period and adds April as the comparison', () => {
    const [first, next] = thread('revenue by category in May', 'vs april');
    expect(next).toMatchObject({ ...first, timeRange: MAY, compareTo: APRIL });
  });

  it('"compare with april" does the same', () => {
    const [, next] = thread('orders by category in June', 'compare with april');
    expect(next).toMatchObject({ metrics: ['orders'], timeRange: JUNE, compareTo: APRIL });
  });

  it('"vs last wk" after this week keeps this week and compares it with last week, not last week with its past', () => {
    const [first, next] = thread('blr orders this wk', 'vs last wk');
    expect(next!.timeRange).toEqual(first!.timeRange);
    expect(next!.compareTo).toMatchObject({ from: '2022-06-20', to: '2022-06-26' });
    // Asked first, the same words compare the last complete week with the one before.
    const [alone] = thread('blr orders vs last wk');
    expect(alone!.timeRange).toMatchObject({ from: '2022-06-20', to: '2022-06-26' });
    expect(alone!.compareTo).toMatchObject({ from: '2022-06-13', to: '2022-06-19' });
  });

  it('"and in May?" replaces the period and keeps the rest', () => {
    const [first, next] = thread('revenue by category in June', 'and in May?');
    expect(next).toEqual({ ...first, timeRange: expect.objectContaining(MAY) });
  });

  it('"and in May?" after a comparison drops the old comparison', () => {
    const [, next] = thread('revenue June vs April', 'and in May?');
    expect(next!.timeRange).toMatchObject(MAY);
    expect(next!.compareTo).toBeUndefined();
  });

  it('"what about last 7 days?" replaces the period', () => {
    const [, next] = thread('top 5 states by revenue in April', 'what about the last 7 days?');
    expect(next).toMatchObject({
      groupBy: ['state'],
      limit: 5,
      timeRange: { from: '2022-06-23', to: '2022-06-29' },
    });
  });
});

describe('presentation and explanation', () => {
  it('"as a pie" is presentation only: the same plan, drawn as a pie', () => {
    const first = h.planOf('revenue by category in June').plan;
    const r = h.planOf('as a pie', first);
    expect(r.presentationOnly).toBe(true);
    expect(r.plan).toEqual({ ...first, chart: 'pie' });
  });

  it('"show it as a bar chart" too', () => {
    const first = h.planOf('orders by state in May').plan;
    const r = h.planOf('show it as a bar chart', first);
    expect(r.presentationOnly).toBe(true);
    expect(r.plan).toEqual({ ...first, chart: 'bar' });
  });

  it('"why?" explains: same measure and period, a driver breakdown against the period before', () => {
    const first = h.planOf('revenue in June').plan;
    const r = h.planOf('why?', first);
    expect(r.explain).toBe(true);
    expect(r.presentationOnly).toBeFalsy();
    expect(r.plan).toMatchObject({
      metrics: ['revenue'],
      timeRange: first.timeRange,
      compareTo: 'previous_period',
    });
    expect(r.plan.groupBy).toHaveLength(1);
    expect(() => compilePlan(r.plan, catalog)).not.toThrow();
  });

  it('"why?" breaks down by something not already used', () => {
    const first = h.planOf('revenue by category in May').plan;
    const r = h.planOf('why?', first);
    expect(r.explain).toBe(true);
    expect(r.plan.groupBy).not.toContain('category');
    expect(r.plan.groupBy).toHaveLength(1);
  });
});

describe('follow-up plans stay valid', () => {
  it('every step of a long thread compiles', () => {
    const plans = thread(
      'top 5 states by revenue in May',
      'drop Kerala',
      'units too',
      'only Kurta',
      'vs april',
      'and in June?',
      'split that by size',
      'orders instead',
    );
    for (const p of plans) expect(() => compilePlan(p, catalog), JSON.stringify(p)).not.toThrow();
    expect(plans.at(-1)).toMatchObject({ metrics: ['orders'] });
  });

  it('a new full question is not read as a follow-up', () => {
    const [, next] = thread('revenue in Maharashtra by category', 'units by size in May');
    expect(next).toMatchObject({ metrics: ['units'], groupBy: ['size'], filters: [], timeRange: MAY });
  });
});

describe('"net of", and a value put next to the one shown', () => {
  it('"net revenue, net of cancellations" excludes them rather than adding a measure', () => {
    const [first] = thread('net revenue for Q2, net of cancellations');
    expect(first!.metrics).toEqual(['net_revenue']);
  });

  it('"put B2C next to it for comparison" after B2B only shows both', () => {
    const [, , third] = thread(
      'revenue by month',
      'only the B2B invoices',
      'put B2C next to it for comparison',
    );
    expect(third!.groupBy).toEqual(expect.arrayContaining(['month', 'b2b']));
  });
});

describe('"that whole week" after a day', () => {
  it('is the Monday-to-Sunday week around the thread\'s day, and "day wise" splits it', () => {
    const [, second, third] = thread('revenue on 26th june', 'orders for that whole week pls', 'day wise');
    expect(second!.timeRange).toMatchObject({ from: '2022-06-20', to: '2022-06-26' });
    expect(second!.metrics).toEqual(['orders']);
    expect(third).toMatchObject({ groupBy: ['day'], timeRange: { from: '2022-06-20', to: '2022-06-26' } });
  });
});

describe('a ranking "by" a measure already shown', () => {
  it('"just the three strongest by revenue" ranks by revenue and keeps units beside it', () => {
    const [, , third] = thread(
      'units by category in May',
      'put revenue next to the units',
      'just the three strongest categories by revenue',
    );
    expect(third).toMatchObject({ limit: 3, sort: { by: 'revenue', direction: 'desc' } });
    expect(third!.metrics).toEqual(expect.arrayContaining(['units', 'revenue']));
  });
});

describe('a number word that names a row', () => {
  it('"the first one" after a ranking is not a lone number: it does not re-answer the thread unchanged', () => {
    const first = h.planOf('top 2 styles by revenue in May').plan;
    const r = h.ask('the first one.', first);
    expect(r.kind === 'plan' && JSON.stringify(r.plan) === JSON.stringify(first)).toBe(false);
  });
});

describe('widening a thread again', () => {
  it('"all states again, but orders not rev" lifts the state filter and keeps the period', () => {
    const [, , state, all] = thread(
      'revenue last wk',
      'vs the week before',
      'only MH',
      'all states again, but orders not rev',
    );
    expect(state!.filters).toHaveLength(1);
    expect(all!.filters).toEqual([]);
    expect(all!.groupBy).toEqual([]);
    expect(all!.metrics).toEqual(['orders']);
    expect(all!.timeRange).toEqual(state!.timeRange);
  });

  it('"what about the whole quarter?" after May is Q2; "add June too" after April vs May runs month by month', () => {
    const [, quarter] = thread('revenue by state for May', 'What about the whole quarter?');
    expect(quarter!.timeRange).toMatchObject({ from: '2022-04-01', to: '2022-06-30' });
    const [, months, all] = thread(
      'Compare April and May revenue for Kurta.',
      'Add June too.',
      'And across all categories combined?',
    );
    expect(months!.groupBy).toEqual(['month']);
    expect(months!.timeRange).toMatchObject({ from: '2022-04-01', to: '2022-06-30' });
    expect(months!.compareTo).toBeUndefined();
    expect(all!.filters).toEqual([]);
  });

  it('"as a rate, please" after cancelled lines is the cancellation rate', () => {
    const [, rate] = thread(
      'How many lines got cancelled per fulfilment type last month?',
      'As a rate, please.',
    );
    expect(rate!.metrics).toEqual(['cancel_rate']);
  });
});

describe('percent, trims and the one before', () => {
  it('"as %" after cancelled lines by day is the cancellation rate by day, not each day\'s share', () => {
    const [, rate] = thread('cancelled lines by day, last week', 'as %');
    expect(rate!.metrics).toEqual(['cancel_rate']);
    expect(rate!.share).toBe(false);
  });

  it('"drop june, its one day" after a monthly series over all dates (the fixture\'s April–June) ends it in May', () => {
    const [, trimmed] = thread('revenue by month', 'drop june, its one day');
    expect(trimmed!.groupBy).toEqual(['month']);
    expect(trimmed!.timeRange?.to).toBe('2022-05-31');
    // A month inside the period cannot be cut out: the period stays, never that month alone.
    const [q2, inside] = thread('revenue by month in q2', 'drop may');
    expect(inside!.timeRange).toEqual(q2!.timeRange);
  });

  it('"gmv last fortnight vs the one before?" compares with the fortnight before', () => {
    const [p] = thread('gmv last fortnight vs the one before?');
    expect(p!.compareTo).toBeDefined();
  });
});

describe('going back in a thread', () => {
  it('"show all categories again" after "only Kurta by size" is the breakdown by category the thread had', () => {
    const plans = thread(
      'Net revenue by category for last week, please.',
      'Just Maharashtra.',
      'Split the Kurta number by size.',
      'OK, remove the size split and show all categories again.',
    );
    expect(plans[3]!.groupBy).toEqual(['category']);
    expect(plans[3]!.filters.map((f) => f.dimension)).toEqual(['state']);
  });

  it('"the count instead of the rate" is the count', () => {
    const [, count] = thread(
      'cancellation rate by category',
      'Show me the number of cancelled orders instead of the rate',
    );
    expect(count!.metrics).toEqual(['cancelled_orders']);
  });
});

describe('edits that narrow the rows and keep the measure', () => {
  it('"only the cancelled ones, by state" after a status breakdown keeps counting lines, of cancelled ones', () => {
    const [, next] = thread(
      'status breakdown of merchant-fulfilled lines this week',
      'only the cancelled ones, by state',
    );
    expect(next!.metrics).toEqual(['order_lines']);
    expect(next!.groupBy).toEqual(['state']);
    expect(next!.filters).toContainEqual({ dimension: 'status', op: 'in', values: ['Cancelled'] });
  });

  it('"low stock rather than OOS" replaces the out-of-stock filter instead of adding to it', () => {
    const [, , low] = thread(
      'out of stock sku count by colour',
      'just Kurta',
      'same but low stock rather than OOS',
    );
    expect(low!.filters.map((f) => f.dimension)).not.toContain('stock_level');
    expect(low!.filters).toContainEqual({ dimension: 'category', op: 'in', values: ['Kurta'] });
  });

  it('"only states w 1000+ orders" after AOV by state keeps AOV and bounds the orders', () => {
    const [, bounded] = thread('aov by state may', 'only states w 1000+ orders');
    expect(bounded!.metrics).toEqual(['aov', 'orders']);
    expect(bounded!.threshold).toEqual([{ metric: 'orders', op: 'gte', value: 1000 }]);
  });

  it('"out-of-stock SKU count by category, worst first" ranks the most out of stock first', () => {
    expect(h.planOf('out-of-stock SKU count by category, worst first').plan.sort).toMatchObject({
      direction: 'desc',
    });
    expect(h.planOf('worst 3 categories by revenue').plan.sort).toMatchObject({ direction: 'asc' });
  });

  it('"how many returned lines did it have in June?" after "which is worst" is about the top row', () => {
    const [rates, worst] = thread('return rate by category for Q2', 'which one is the worst?');
    const r = h.planner.resolveSync({
      question: 'How many returned lines did it have in June?',
      history: [],
      previousPlan: worst!,
      priorPlan: rates!,
      previousRows: {
        columns: ['category', 'return_rate'],
        rows: [
          ['Western Dress', 0.026],
          ['Set', 0.019],
        ],
      },
    });
    expect(r.kind === 'plan' && r.plan.filters).toEqual([
      { dimension: 'category', op: 'in', values: ['Western Dress'] },
    ]);
  });
});

describe('thread words from weekly reviews', () => {
  it('"put April alongside it" compares the thread\'s May with April, side by side', () => {
    const [, next] = thread('units by size for kurta in may', 'Put April alongside it');
    expect(next!.timeRange).toMatchObject({ from: '2022-05-01', to: '2022-05-31' });
    expect(next!.compareTo).toMatchObject({ from: '2022-04-01', to: '2022-04-30' });
  });

  it('"stick with the merchant side" keeps merchant orders: "stick" is no typo of stock', () => {
    const [, next] = thread(
      'cancellation rate by fulfilment for june',
      'stick with the merchant side and split that by category',
    );
    expect(next).toMatchObject({ source: 'amazon_sales', groupBy: ['category'] });
    expect(next!.filters).toEqual([{ dimension: 'fulfilment', op: 'in', values: ['Merchant'] }]);
  });

  it('"pull the usual for the review" asks which figures; it is no off-topic message', () => {
    expect(h.ask('pull the usual for the review pls').kind).toBe('clarify');
    expect(h.ask('Can you cut it the usual way for the Monday deck?').kind).toBe('clarify');
  });
});

describe('cancellations inside a thread that counts lines', () => {
  it('"just the cancellations - which categories?" after a status breakdown counts cancelled lines', () => {
    const [, cancelled, prior] = thread(
      'status breakdown of order lines for last week',
      'Just the cancellations - which categories are they in?',
      'Same cut for the week prior',
    );
    expect(cancelled).toMatchObject({ metrics: ['order_lines'], groupBy: ['category'] });
    expect(cancelled!.filters).toEqual([{ dimension: 'status', op: 'in', values: ['Cancelled'] }]);
    expect(prior!.timeRange).toMatchObject({ from: '2022-06-13', to: '2022-06-19' });
  });

  it('"which category saw cancellations climb the most between those two weeks" ranks the change', () => {
    const plans = thread(
      'cancelled lines by category last week',
      'same for the week before',
      'Which category saw cancellations climb the most, in % terms, between those two weeks?',
    );
    const last = plans[2]!;
    expect(last.metrics).toEqual(['order_lines']);
    expect(last.timeRange).toMatchObject({ from: '2022-06-20', to: '2022-06-26' });
    expect(last.compareTo).toMatchObject({ from: '2022-06-13', to: '2022-06-19' });
    expect(last.sort).toMatchObject({ by: 'order_lines_change', direction: 'desc' });
    expect(last.limit).toBeUndefined();
  });
});

describe('a rate back to its count', () => {
  it('"count pls not %" after return rates is the returned lines, no share of a rate', () => {
    const [, , counts] = thread('return rate by category in june', 'top 3 only', 'count pls not %');
    expect(counts).toMatchObject({ metrics: ['returns'], groupBy: ['category'], share: false, limit: 3 });
    const [, cancelled] = thread('cancellation rate by state', 'the count instead of the rate');
    expect(cancelled!.metrics).toEqual(['cancelled_orders']);
  });
});

describe('all of a dimension, and a breakdown instead of another', () => {
  it('"now all categories" after "top 5 states for Kurta" lifts the filter and keeps the states', () => {
    const [, all] = h.thread('Top 5 states for Kurta revenue over the last 10 days', 'Now all categories');
    expect(all).toMatchObject({ groupBy: ['state'], filters: [], limit: 5 });
  });

  it('"show that for every category" after Tops is one row per category', () => {
    const [, every] = h.thread('Kurta revenue in May', 'Show that for every category.');
    expect(every!.groupBy).toEqual(['category']);
  });

  it('"split by fulfilment instead of month" replaces the month breakdown', () => {
    const [, , instead] = h.thread(
      'B2B share of revenue by month, Q2 so far',
      'Only for Set',
      'Now all categories, split by fulfilment instead of month',
    );
    expect(instead).toMatchObject({ groupBy: ['fulfilment'], filters: [] });
  });
});

describe("a noun heading a filter phrase keeps the thread's measure", () => {
  it('"leave out cancelled orders" after top cities by revenue keeps revenue, without the cancelled lines', () => {
    const [, left] = h.thread(
      'Which five cities generated the most revenue in May?',
      'Leave out cancelled orders',
    );
    expect(left!.metrics).toEqual(['revenue']);
    expect(left!.filters).toContainEqual({ dimension: 'status', op: 'not_in', values: ['Cancelled'] });
  });

  it('"only the June orders" after order lines by fulfilment keeps order lines, for June', () => {
    const [, , june] = h.thread(
      'How many order lines are still Pending or waiting for pick-up?',
      'Split by fulfilment',
      'Only the June orders',
    );
    expect(june).toMatchObject({
      metrics: ['order_lines'],
      groupBy: ['fulfilment'],
      timeRange: { from: '2022-06-01' },
    });
  });

  it('"what does that look like as a cancellation rate?" is the thread\'s breakdown and period, as a rate', () => {
    const [, , rate] = h.thread(
      'How many orders got cancelled last week?',
      'Break that down by fulfilment',
      'What does that look like as a cancellation rate?',
    );
    expect(rate).toMatchObject({
      metrics: ['cancel_rate'],
      groupBy: ['fulfilment'],
      timeRange: { from: '2022-06-20' },
    });
  });
});
