import { beforeAll, describe, expect, it } from 'vitest';
import { loadCues } from '../../../src/agent/understanding/cues.js';
import { findTimeMentions } from '../../../src/agent/understanding/dates.js';
import type { Frame } from '../../../src/agent/understanding/frame.js';
import { readFrame } from '../../../src/agent/understanding/grammar.js';
import { buildLexicon, type Lexicon } from '../../../src/agent/understanding/lexicon.js';
import { tag } from '../../../src/agent/understanding/tagging.js';
import { tokenize } from '../../../src/agent/understanding/tokens.js';
import { compilePlan } from '../../../src/semantic/compile-plan.js';
import { catalog, createHarness, LATEST, type Harness } from './fixture.js';

let h: Harness;
let lexicon: Lexicon;
beforeAll(async () => {
  h = await createHarness();
  lexicon = buildLexicon(catalog, h.profile, loadCues());
});

function frameOf(question: string): Frame {
  const tokens = tokenize(question);
  return readFrame(tag(tokens, lexicon, findTimeMentions(question, tokens, LATEST)), lexicon);
}

describe('one unknown word does not sink a clear question', () => {
  it.each([
    ['revenue by category blorf', { metrics: ['revenue'], groupBy: ['category'] }, 'blorf'],
    [
      'what was the zorbly revenue in June',
      { metrics: ['revenue'], timeRange: { from: '2022-06-01' } },
      'zorbly',
    ],
    ['top 5 states by revenue pronto', { groupBy: ['state'], limit: 5 }, 'pronto'],
    ['units by size kthx', { metrics: ['units'], groupBy: ['size'] }, 'kthx'],
  ])('%s is answered, naming the ignored word', (question, expected, word) => {
    const r = h.ask(question);
    expect(r.kind).toBe('plan');
    if (r.kind !== 'plan') return;
    expect(r.plan).toMatchObject(expected);
    expect(r.notes.join(' ')).toContain(`"${word}"`);
    // Less sure than the same question without the word.
    const clean = h.planOf(question.replace(word, '').replace(/\s+/g, ' ').trim());
    expect(r.confidence).toBeLessThan(clean.confidence);
    expect(r.plan).toEqual(clean.plan);
  });

  it('the grammar records the word as unknown but not where a value would stand', () => {
    const frame = frameOf('revenue by category blorf');
    expect(frame.unknown).toEqual([expect.objectContaining({ word: 'blorf', filterLike: false })]);
    expect(frame.metrics.map((m) => m.id)).toEqual(['revenue']);
    expect(frame.groupBy.map((g) => g.id)).toEqual(['category']);
  });

  it('more unknown words lower confidence further, never below asking for a plain question', () => {
    const one = h.planOf('revenue by category blorf');
    const three = h.planOf('revenue by category blorf quux zem');
    expect(three.confidence).toBeLessThan(one.confidence);
    expect(three.notes.join(' ')).toMatch(/blorf.*quux.*zem/);
  });
});

describe('a word where a value would stand is asked about, never answered for everything', () => {
  it.each([
    'revenue in Paris',
    'orders for Acme last month',
    'units from Springfield',
    'revenue by category in Gotham',
  ])('%s', (question) => {
    const r = h.ask(question);
    expect(r.kind).toBe('clarify');
    if (r.kind !== 'clarify') return;
    const word = /(Paris|Acme|Springfield|Gotham)/.exec(question)![1]!;
    expect(r.message).toContain(word);
    expect(r.options.length).toBeGreaterThanOrEqual(2);
    for (const o of r.options) expect(o.plan, o.label).toBeDefined();
  });

  it('the grammar marks it as standing where a value would', () => {
    expect(frameOf('revenue in Paris').unknown).toEqual([
      expect.objectContaining({ word: 'Paris', filterLike: true }),
    ]);
  });

  it('a value that is in the data is answered', () => {
    expect(h.planOf('revenue in Kerala').plan.filters).toEqual([
      { dimension: 'state', op: 'in', values: ['KERALA'] },
    ]);
  });
});

describe('ranking', () => {
  it.each([
    ['top 5 states by revenue', { groupBy: ['state'], limit: 5, sort: { by: 'revenue', direction: 'desc' } }],
    [
      'top three states by revenue',
      { groupBy: ['state'], limit: 3, sort: { by: 'revenue', direction: 'desc' } },
    ],
    [
      'bottom 3 categories by orders',
      { groupBy: ['category'], limit: 3, sort: { by: 'orders', direction: 'asc' } },
    ],
    ['bottom five sizes by units', { groupBy: ['size'], limit: 5, sort: { by: 'units', direction: 'asc' } }],
    ['worst 3 states by orders', { groupBy: ['state'], limit: 3, sort: { by: 'orders', direction: 'asc' } }],
    [
      '3 worst states by revenue',
      { groupBy: ['state'], limit: 3, sort: { by: 'revenue', direction: 'asc' } },
    ],
    ['worst category by revenue', { groupBy: ['category'], sort: { by: 'revenue', direction: 'asc' } }],
    ['state with the least orders', { groupBy: ['state'], sort: { by: 'orders', direction: 'asc' } }],
    ['least orders by state', { groupBy: ['state'], sort: { by: 'orders', direction: 'asc' } }],
    [
      'which category had the lowest revenue',
      { groupBy: ['category'], sort: { by: 'revenue', direction: 'asc' } },
    ],
    ['top categories by revenue', { groupBy: ['category'], sort: { by: 'revenue', direction: 'desc' } }],
    ['top 10 cities by units', { groupBy: ['city'], limit: 10, sort: { by: 'units', direction: 'desc' } }],
  ])('%s', (question, expected) => {
    const plan = h.planOf(question).plan;
    expect(plan).toMatchObject(expected);
    // Ranking words are never read as the category Top or a bottoms category.
    expect(plan.filters).toEqual([]);
  });

  it('the grammar reads direction and count', () => {
    expect(frameOf('top three states by revenue').rank).toMatchObject({ direction: 'desc', n: 3 });
    expect(frameOf('bottom 3 categories by orders').rank).toMatchObject({ direction: 'asc', n: 3 });
    expect(frameOf('worst category by revenue').rank).toMatchObject({ direction: 'asc' });
  });

  it('"tops" is the category Top, "top" ranks, in one question', () => {
    const plan = h.planOf('top 3 states by revenue for tops').plan;
    expect(plan).toMatchObject({ groupBy: ['state'], limit: 3, sort: { direction: 'desc' } });
    expect(plan.filters).toEqual([{ dimension: 'category', op: 'in', values: ['Top'] }]);
  });

  it('ranking combines with filters and periods', () => {
    expect(h.planOf('top 5 sizes by units in May excluding Set').plan).toMatchObject({
      metrics: ['units'],
      groupBy: ['size'],
      limit: 5,
      filters: [{ dimension: 'category', op: 'not_in', values: ['Set'] }],
      timeRange: { from: '2022-05-01', to: '2022-05-31' },
    });
  });
});

describe('two values compared', () => {
  it('"Amazon vs Merchant in June" keeps both values, grouped by fulfilment', () => {
    const r = h.ask('Amazon vs Merchant in June');
    // No measure named: it may ask which, but every reading keeps both sides and the period.
    const plans = r.kind === 'plan' ? [r.plan] : r.kind === 'clarify' ? r.options.map((o) => o.plan) : [];
    expect(plans.length, r.kind).toBeGreaterThan(0);
    for (const plan of plans) {
      expect(plan).toMatchObject({
        groupBy: ['fulfilment'],
        filters: [{ dimension: 'fulfilment', op: 'in', values: ['Amazon', 'Merchant'] }],
        timeRange: { from: '2022-06-01', to: '2022-06-30' },
      });
    }
  });

  it('with a measure it is answered', () => {
    expect(h.planOf('revenue Amazon vs Merchant in June').plan).toMatchObject({
      metrics: ['revenue'],
      groupBy: ['fulfilment'],
      filters: [{ dimension: 'fulfilment', op: 'in', values: ['Amazon', 'Merchant'] }],
    });
    expect(h.planOf('Kurta vs Set revenue in May').plan).toMatchObject({
      groupBy: ['category'],
      filters: [{ dimension: 'category', op: 'in', values: ['Kurta', 'Set'] }],
    });
    expect(h.planOf('revenue for Kurta and Set').plan).toMatchObject({
      groupBy: ['category'],
      filters: [{ dimension: 'category', op: 'in', values: ['Kurta', 'Set'] }],
    });
  });
});

describe('negation', () => {
  it.each([
    ['revenue excluding Kerala', [{ dimension: 'state', op: 'not_in', values: ['KERALA'] }]],
    ['revenue by state excluding Kerala', [{ dimension: 'state', op: 'not_in', values: ['KERALA'] }]],
    [
      'revenue by state except Kerala and Karnataka',
      [{ dimension: 'state', op: 'not_in', values: ['KERALA', 'KARNATAKA'] }],
    ],
    ['revenue not Set', [{ dimension: 'category', op: 'not_in', values: ['Set'] }]],
    ['revenue by category not Set', [{ dimension: 'category', op: 'not_in', values: ['Set'] }]],
    ['revenue without Kurta', [{ dimension: 'category', op: 'not_in', values: ['Kurta'] }]],
    ["orders that weren't cancelled", [{ dimension: 'status', op: 'not_in', values: ['Cancelled'] }]],
    ['orders not cancelled by state', [{ dimension: 'status', op: 'not_in', values: ['Cancelled'] }]],
    ['revenue excluding B2B', [{ dimension: 'b2b', op: 'in', values: [false] }]],
    ['revenue for non-B2B orders', [{ dimension: 'b2b', op: 'in', values: [false] }]],
  ])('%s', (question, filters) => {
    expect(h.planOf(question).plan.filters).toEqual(filters);
  });

  it('"revenue excluding returns" is revenue with a status filter, not a second measure', () => {
    const plan = h.planOf('revenue excluding returns').plan;
    expect(plan.metrics).toEqual(['revenue']);
    expect(plan.filters).toHaveLength(1);
    expect(plan.filters[0]).toMatchObject({ dimension: 'status', op: 'not_in' });
    expect(plan.filters[0]!.values).toEqual(
      expect.arrayContaining(['Shipped - Returned to Seller', 'Shipped - Rejected by Buyer']),
    );
    expect(() => compilePlan(plan, catalog)).not.toThrow();
  });

  it('"revenue excluding cancelled orders" names one measure (revenue net of cancellations)', () => {
    const plan = h.planOf('revenue excluding cancelled orders').plan;
    expect(plan.metrics).toHaveLength(1);
    expect(plan.metrics).not.toContain('orders');
    const net = plan.metrics[0] === 'net_revenue';
    const filtered = plan.filters.some(
      (f) => f.dimension === 'status' && f.op === 'not_in' && f.values.includes('Cancelled'),
    );
    expect(net || filtered).toBe(true);
  });

  it('negation stops at the next measure or breakdown', () => {
    expect(h.planOf('revenue excluding Kerala by category in May').plan).toMatchObject({
      groupBy: ['category'],
      filters: [{ dimension: 'state', op: 'not_in', values: ['KERALA'] }],
      timeRange: { from: '2022-05-01' },
    });
  });
});

describe('a count word inside a filter phrase names no measure', () => {
  it.each([
    ['revenue for B2B orders', ['revenue'], [{ dimension: 'b2b', op: 'in', values: [true] }]],
    ['revenue for Kurta orders', ['revenue'], [{ dimension: 'category', op: 'in', values: ['Kurta'] }]],
    ['units just for Kurta orders', ['units'], [{ dimension: 'category', op: 'in', values: ['Kurta'] }]],
    ['units for B2B orders in May', ['units'], [{ dimension: 'b2b', op: 'in', values: [true] }]],
    [
      'revenue from cancelled orders',
      ['revenue'],
      [{ dimension: 'status', op: 'in', values: ['Cancelled'] }],
    ],
  ])('%s', (question, metrics, filters) => {
    const plan = h.planOf(question).plan;
    expect(plan.metrics).toEqual(metrics);
    expect(plan.filters).toEqual(filters);
  });

  it('a count word standing alone is still the measure', () => {
    expect(h.planOf('orders from B2B customers').plan.metrics).toEqual(['orders']);
    expect(h.planOf('how many orders in Kerala').plan).toMatchObject({
      metrics: ['orders'],
      filters: [{ dimension: 'state', values: ['KERALA'] }],
    });
  });
});
