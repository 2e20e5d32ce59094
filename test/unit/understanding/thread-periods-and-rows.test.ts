import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/semantic/plan.js';
import { createHarness, type Harness, planWith } from './fixture.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

const plan = planWith;

const after = (question: string, previousPlan: Plan, columns: string[], rows: (string | number)[][]) =>
  h.planner.resolveSync({ question, history: [], previousPlan, previousRows: { columns, rows } });

describe('periods named against the thread', () => {
  const bestDay = plan({
    groupBy: ['day'],
    sort: { by: 'revenue', direction: 'desc' },
    limit: 1,
    timeRange: { from: '2022-06-20', to: '2022-06-26', label: 'last week' },
  });

  it('"how many orders that day" after the best day is that one day, not a daily series', () => {
    const r = after('how many orders that day', bestDay, ['day', 'revenue'], [['2022-06-21', 900]]);
    expect(r.kind === 'plan' && r.plan).toMatchObject({
      metrics: ['orders'],
      groupBy: [],
      timeRange: { from: '2022-06-21', to: '2022-06-21' },
    });
  });

  it('"vs the same day the week before" compares with the day seven days earlier', () => {
    const day = plan({
      metrics: ['orders'],
      timeRange: { from: '2022-06-21', to: '2022-06-21', label: '21 Jun' },
    });
    const { plan: p } = h.planOf('vs the same day the week before?', day);
    expect(p.compareTo).toMatchObject({ from: '2022-06-14', to: '2022-06-14' });
  });

  it('"and MoM thru june" after April runs the period on to June, month by month', () => {
    const [, mom] = h.thread('net revenue for april', 'and MoM thru june');
    expect(mom).toMatchObject({ groupBy: ['month'], timeRange: { from: '2022-04-01', to: '2022-06-30' } });
    expect(mom!.compareTo).toBeUndefined();
  });

  it('"whats the avg per day on that" after a daily series is the per-day rate, one figure', () => {
    const daily = plan({
      groupBy: ['day'],
      timeRange: { from: '2022-06-15', to: '2022-06-29', label: 'since' },
    });
    expect(h.planOf('whats the avg per day on that', daily).plan).toMatchObject({
      metrics: ['daily_revenue'],
      groupBy: [],
    });
  });

  it('"apr to may 22" is April to May 2022, not 22 May', () => {
    const { plan: p } = h.planOf('orders apr to may 22, total?');
    expect([p.timeRange?.from, p.timeRange?.to]).toEqual(['2022-04-01', '2022-05-31']);
  });
});

describe('rows of a ranking', () => {
  const top3 = plan({ groupBy: ['category'], sort: { by: 'revenue', direction: 'desc' }, limit: 3 });
  const shown = [
    ['Set', 30],
    ['Kurta', 20],
    ['Western Dress', 10],
  ];

  it('"split those by size" after a top 3 splits the three shown, with no top 3 of the pairs', () => {
    const r = after('split those by size', top3, ['category', 'revenue'], shown);
    expect(r.kind === 'plan' && r.plan.groupBy).toEqual(['category', 'size']);
    expect(r.kind === 'plan' && r.plan.filters).toEqual([
      { dimension: 'category', op: 'in', values: ['Set', 'Kurta', 'Western Dress'] },
    ]);
    expect(r.kind === 'plan' && r.plan.limit).toBeUndefined();
  });

  it('"stock on that one?" after top styles asks which, offering each row; "the first one" then answers it', () => {
    const styles = plan({ groupBy: ['style'], sort: { by: 'revenue', direction: 'desc' }, limit: 2 });
    const rows = {
      columns: ['style', 'revenue'],
      rows: [
        ['JNE3797', 10],
        ['J0341', 5],
      ],
    };
    const ask = (question: string, previousPlan: Plan) =>
      h.planner.resolveSync({ question, history: [], previousPlan, previousRows: rows });
    const which = ask('How much stock do we have on that one?', styles);
    expect(which.kind).toBe('clarify');
    if (which.kind !== 'clarify') return;
    expect(which.options.map((o) => o.label)).toEqual(['JNE3797', 'J0341', 'All of them']);
    const first = ask('The first one.', which.pendingPlan!);
    expect(first.kind === 'plan' && first.plan).toMatchObject({
      source: 'inventory',
      metrics: ['stock'],
      filters: [{ dimension: 'style', op: 'in', values: ['JNE3797'] }],
    });
  });

  it('"what about #2" is the second row; "no. 2" past the rows shown asks instead of guessing', () => {
    const r = after('what about #2', top3, ['category', 'revenue'], shown);
    expect(r.kind === 'plan' && r.plan.filters).toEqual([
      { dimension: 'category', op: 'in', values: ['Kurta'] },
    ]);
    expect(after('and for no. 2?', top3, ['revenue'], [[30]]).kind).toBe('clarify');
  });

  it('"n the 2nd?" after the top state was split by category is the second state, split the same way', () => {
    const states = {
      columns: ['state', 'revenue'],
      rows: [
        ['Maharashtra', 9],
        ['Karnataka', 7],
        ['Telangana', 5],
      ],
    };
    const split = plan({
      groupBy: ['category'],
      filters: [{ dimension: 'state', op: 'in', values: ['Maharashtra'] }],
      sort: { by: 'revenue', direction: 'desc' },
    });
    const categories = {
      columns: ['category', 'revenue'],
      rows: [
        ['Set', 4],
        ['Kurta', 3],
      ],
    };
    const ask = (rankedRows?: typeof states) =>
      h.planner.resolveSync({
        question: 'n the 2nd?',
        history: [],
        previousPlan: split,
        previousRows: categories,
        ...(rankedRows ? { rankedRows } : {}),
      });
    const next = ask(states);
    expect(next.kind === 'plan' && next.plan).toMatchObject({
      groupBy: ['category'],
      filters: [{ dimension: 'state', op: 'in', values: ['Karnataka'] }],
    });
    // Without the ranking the thread drilled into, the second row is the last answer's own.
    const own = ask();
    expect(own.kind === 'plan' && own.plan.filters).toEqual([
      { dimension: 'state', op: 'in', values: ['Maharashtra'] },
      { dimension: 'category', op: 'in', values: ['Kurta'] },
    ]);
  });
});

describe('what the data does not hold, and what is no question', () => {
  it('"how much did those promos cost us in discounts" is refused: there are no costs', () => {
    expect(h.ask('how much did those promos cost us in discounts?').kind).toBe('refuse');
  });

  it('a typo in the last word of a name is forgiven; a metric word after a value is not a typo', () => {
    expect(h.planOf('return rate on western dreses in june?').plan.filters).toEqual([
      { dimension: 'category', op: 'in', values: ['Western Dress'] },
    ]);
    expect(h.planOf('kurta sales in may').plan.filters).toEqual([
      { dimension: 'category', op: 'in', values: ['Kurta'] },
    ]);
  });

  it('"which one should we push more?" asks which figure, instead of refusing it as off-topic', () => {
    expect(h.ask('which one should we push more?').kind).toBe('clarify');
  });
});

describe('rows named by their number or rank, and days moved to another month', () => {
  const states = plan({
    groupBy: ['state'],
    sort: { by: 'revenue', direction: 'desc' },
    limit: 5,
    timeRange: { from: '2022-05-01', to: '2022-05-15', label: '1–15 May' },
  });
  const shown: (string | number)[][] = [
    ['Maharashtra', 9],
    ['Karnataka', 7],
    ['Telangana', 5],
    ['Tamil Nadu', 4],
    ['Kerala', 3],
  ];
  const pick = (question: string) => {
    const r = after(question, states, ['state', 'revenue'], shown);
    return r.kind === 'plan' ? r.plan : undefined;
  };

  it.each([
    ['Take the #2 one and break it down by category', 'Karnataka'],
    ['Take the second-highest one and split it by category', 'Karnataka'],
    ['the 2nd lowest state - by category', 'Tamil Nadu'],
    ['That bottom state on the list — by category?', 'Kerala'],
  ])('"%s" is %s, split by category', (question, state) => {
    expect(pick(question)).toMatchObject({
      groupBy: ['category'],
      filters: [{ dimension: 'state', op: 'in', values: [state] }],
    });
  });

  it('"Same days in June?" moves the thread’s 1–15 May to 1–15 June; "vs same days in may" compares with them', () => {
    const [, june, versus] = h.thread(
      'revenue by category May 1-15',
      'Same days in June?',
      'vs same days in may',
    );
    expect(june!.timeRange).toMatchObject({ from: '2022-06-01', to: '2022-06-15' });
    expect(versus!.timeRange).toMatchObject({ from: '2022-06-01', to: '2022-06-15' });
    expect(versus!.compareTo).toMatchObject({ from: '2022-05-01', to: '2022-05-15' });
  });
});

describe('weekends and days said against the thread', () => {
  it('"gmv last wknd?" is Saturday and Sunday of last week; "vs the wknd before" compares with the one a week earlier', () => {
    const [weekend, versus] = h.thread('gmv last wknd?', 'vs the wknd before');
    expect(weekend!.timeRange).toMatchObject({ from: '2022-06-25', to: '2022-06-26' });
    expect(versus!.timeRange).toMatchObject({ from: '2022-06-25', to: '2022-06-26' });
    expect(versus!.compareTo).toMatchObject({ from: '2022-06-18', to: '2022-06-19' });
  });

  it('"n the 5th?" after one day is the 5th of that month; "whole wknd vs the wknd before" is its weekend', () => {
    const [, fifth, weekend] = h.thread('orders on jun 4?', 'n the 5th?', 'whole wknd vs the wknd before');
    expect(fifth!.timeRange).toMatchObject({ from: '2022-06-05', to: '2022-06-05' });
    expect(weekend!.timeRange).toMatchObject({ from: '2022-06-04', to: '2022-06-05' });
    expect(weekend!.compareTo).toMatchObject({ from: '2022-05-28', to: '2022-05-29' });
  });
});

describe('the period before, and both periods side by side', () => {
  it('"and the week before?" moves to the week before; "vs the week before" compares with it', () => {
    const [, before] = h.thread('gmv last wk', 'and the week before?');
    expect(before!.timeRange).toMatchObject({ from: '2022-06-13', to: '2022-06-19' });
    expect(before!.compareTo).toBeUndefined();
    const [, versus] = h.thread('gmv last wk', 'vs the week before');
    expect(versus!.compareTo).toBeDefined();
  });

  it('"compare the two fortnights\' totals" sets the thread\'s two periods side by side, as totals', () => {
    const [, , both] = h.thread(
      'daily orders last fortnight',
      'Same for the fortnight before.',
      "Now compare the two fortnights' totals.",
    );
    expect(both!.groupBy).toEqual([]);
    expect(both!.timeRange).toMatchObject({ from: '2022-06-16', to: '2022-06-29' });
    expect(both!.compareTo).toMatchObject({ from: '2022-06-02', to: '2022-06-15' });
  });

  it('"put em side by side" after swapping one city for another shows both', () => {
    const [, , both] = h.thread('ordrs in blr last 2 weeks', 'hyd?', 'put em side by side');
    expect(both!.groupBy).toEqual(['city']);
    const cities = both!.filters
      .find((f) => f.dimension === 'city')!
      .values.join(' ')
      .toLowerCase();
    expect(cities).toContain('bengaluru');
    expect(cities).toContain('hyderabad');
  });
});

describe('the rows that moved ("which of those grew")', () => {
  it('"which of those grew" keeps the categories that grew; "the ones that shrank" those that fell', () => {
    const [, byCategory, grew, shrank] = h.thread(
      'rev wow? last wk vs the one before',
      'break that down by category',
      'which of those grew',
      'only show me the ones that shrank',
    );
    expect(byCategory).toMatchObject({ groupBy: ['category'], compareTo: 'previous_period' });
    expect(grew).toMatchObject({ groupBy: ['category'], changeKept: 'grew' });
    expect(grew!.limit).toBeUndefined();
    expect(shrank).toMatchObject({ groupBy: ['category'], changeKept: 'fell' });
  });

  it('"only the ones up on last week", last week being the period shown, keeps the comparison and the risers', () => {
    const [, byState, up] = h.thread(
      'orders wow? last wk vs the wk before',
      'split by state',
      'only the ones up on last week',
    );
    expect(up).toMatchObject({ groupBy: ['state'], changeKept: 'grew', compareTo: byState!.compareTo });
    // No period is ever compared with itself.
    expect(up!.compareTo).toBe('previous_period');
  });

  it('"which one grew the most" is still a ranking by the change, not a filter', () => {
    const [, , most] = h.thread(
      'rev wow? last wk vs the one before',
      'break that down by category',
      'which one grew the most',
    );
    expect(most!.changeKept).toBeUndefined();
    expect(most!.sort).toEqual({ by: 'revenue_change', direction: 'desc' });
  });

  it('"which of those grew vs april" after a top 5 keeps those five states, then the ones that grew', () => {
    const top5 = plan({
      groupBy: ['state'],
      sort: { by: 'revenue', direction: 'desc' },
      limit: 5,
      timeRange: { from: '2022-05-01', to: '2022-05-31', label: 'May 2022' },
    });
    const states = ['Maharashtra', 'Karnataka', 'Telangana', 'Uttar Pradesh', 'Tamil Nadu'];
    const r = after(
      'which of those grew vs april',
      top5,
      ['state', 'revenue'],
      states.map((s, i) => [s, 100 - i]),
    );
    expect(r.kind === 'plan' && r.plan).toMatchObject({
      changeKept: 'grew',
      compareTo: { from: '2022-04-01' },
    });
    const plan_ = r.kind === 'plan' ? r.plan : undefined;
    expect(plan_?.limit).toBeUndefined();
    expect(plan_?.filters).toContainEqual({ dimension: 'state', op: 'in', values: states });
  });
});
