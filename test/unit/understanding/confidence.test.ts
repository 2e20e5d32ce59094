import { beforeAll, describe, expect, it } from 'vitest';
import type { Suggestion } from '../../../src/agent/answer.js';
import type { Resolution } from '../../../src/agent/resolver/resolver.js';
import { compilePlan } from '../../../src/semantic/compile-plan.js';
import { PlanSchema, type Plan } from '../../../src/semantic/plan.js';
import { catalog, createHarness, type Harness } from './fixture.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

function clarification(question: string, previousPlan?: Plan): Extract<Resolution, { kind: 'clarify' }> {
  const r = h.ask(question, previousPlan);
  if (r.kind !== 'clarify')
    throw new Error(`"${question}" → ${r.kind}, expected a clarification: ${JSON.stringify(r)}`);
  return r;
}

/** Words that leak from code into text a person reads. */
const LEAKS = /\b(undefined|null|true|false|NaN)\b|\[object/;

describe('the plan’s confidence is its weakest slot', () => {
  it('a clear question is answered with high confidence', () => {
    for (const q of [
      'revenue by category in May',
      'top 5 states by units',
      'orders in Maharashtra last month',
    ]) {
      expect(h.planOf(q).confidence, q).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('each doubt lowers it: a typo, an unknown word', () => {
    const clean = h.planOf('sales in Maharashtra').confidence;
    const typo = h.planOf('sales in maharastra').confidence;
    const unknown = h.planOf('sales in Maharashtra blorf').confidence;
    expect(typo).toBeLessThan(clean);
    expect(unknown).toBeLessThan(clean);
  });

  it('two doubts give the weaker of the two, not their product', () => {
    const typo = h.planOf('sales in maharastra').confidence;
    const unknown = h.planOf('sales in Maharashtra blorf').confidence;
    const both = h.planOf('sales in maharastra blorf').confidence;
    expect(both).toBeCloseTo(Math.min(typo, unknown), 6);
  });

  it('the weakest slot decides even when the doubts are on different slots', () => {
    // A typo in the filter and an alias in another filter: the typo is the weaker.
    const typoOnly = h.planOf('revenue in maharastra').confidence;
    const withAlias = h.planOf('FBA revenue in maharastra').confidence;
    const aliasOnly = h.planOf('FBA revenue in Maharashtra').confidence;
    expect(aliasOnly).toBeGreaterThan(typoOnly);
    expect(withAlias).toBeCloseTo(typoOnly, 6);
  });

  it('a doubt the answer carries is said in a note', () => {
    const r = h.planOf('sales in maharastra');
    expect(r.notes.join(' ')).toMatch(/maharastra.*MAHARASHTRA/);
  });

  it('a sure follow-up is as sure as a sure question', () => {
    const first = h.planOf('revenue by state in May').plan;
    expect(h.planOf('units too', first).confidence).toBeGreaterThanOrEqual(0.9);
  });
});

describe('no measure named: ask which, with options that are plans', () => {
  it.each([
    [
      'Kurta in May',
      { filters: [{ dimension: 'category', values: ['Kurta'] }], timeRange: { from: '2022-05-01' } },
    ],
    ['by state', { groupBy: ['state'] }],
    ['Kerala', { filters: [{ dimension: 'state', values: ['KERALA'] }] }],
    ['top 5 states', { groupBy: ['state'], limit: 5 }],
    ['B2B in May', { filters: [{ dimension: 'b2b', values: [true] }], timeRange: { from: '2022-05-01' } }],
  ])('%s', (question, scope) => {
    const r = clarification(question);
    expect(r.options.length).toBeGreaterThanOrEqual(2);
    expect(r.options.length).toBeLessThanOrEqual(4);
    const metrics = new Set<string>();
    for (const o of r.options) {
      // Chosen, an option is answered as it is: it carries a whole plan, not only English.
      expect(o.plan, o.label).toBeDefined();
      const plan = PlanSchema.parse(o.plan);
      expect(plan, o.label).toMatchObject(scope);
      expect(plan.metrics).toHaveLength(1);
      metrics.add(plan.metrics[0]!);
      expect(() => compilePlan(plan, catalog), o.label).not.toThrow();
    }
    // One option per measure: they differ in what they measure and nothing else.
    expect(metrics.size).toBe(r.options.length);
  });

  it('a vague question gets concrete plans as options too', () => {
    for (const question of ['how are we doing', 'anything interesting?']) {
      const r = clarification(question);
      expect(r.options.length).toBeGreaterThanOrEqual(2);
      for (const o of r.options) expect(o.plan, `${question}: ${o.label}`).toBeDefined();
    }
  });

  it('a value not in the data gets plans as options, none of which pretends the value was found', () => {
    const r = clarification('revenue in Paris');
    for (const o of r.options) {
      expect(o.plan, o.label).toBeDefined();
      for (const f of o.plan!.filters) expect(f.values.map(String)).not.toContain('Paris');
    }
  });

  it('a period outside the data gets months it has as options', () => {
    const r = clarification('revenue in January');
    expect(r.options.length).toBeGreaterThan(0);
    for (const o of r.options) {
      expect(o.plan?.timeRange, o.label).toBeDefined();
      expect(o.plan!.metrics).toEqual(['revenue']);
    }
  });
});

describe('clarification text reads as English', () => {
  const questions = [
    'Kurta in May',
    'B2B in May',
    'numbers for B2B last month',
    'without promotion by state',
    'promo by category',
    'retail orders share',
    'by state',
    'top 5 states',
    'best performing category',
    'how are we doing',
    'revenue in Paris',
    'orders for Acme last month',
    'revenue in January',
    'revenue and stock by category',
    'stock by state',
    'OOS by category',
    'Amazon vs Merchant in June',
  ];

  function optionsOf(question: string): Suggestion[] {
    const r = h.ask(question);
    return r.kind === 'clarify' ? r.options : [];
  }

  it.each(questions)('%s: option labels contain no undefined/true/false', (question) => {
    const r = h.ask(question);
    if (r.kind === 'clarify') expect(r.message).not.toMatch(LEAKS);
    for (const o of optionsOf(question)) {
      expect(o.label.trim(), question).not.toBe('');
      expect(o.label, question).not.toMatch(LEAKS);
    }
  });

  it.each(questions)('%s: the question behind each option contains no undefined/true/false', (question) => {
    for (const o of optionsOf(question)) expect(o.question, `${question}: ${o.label}`).not.toMatch(LEAKS);
  });

  it('at least the yes/no questions are asked about (so the label checks above mean something)', () => {
    expect(optionsOf('B2B in May').length).toBeGreaterThan(0);
    expect(optionsOf('without promotion by state').length).toBeGreaterThan(0);
  });

  it('option labels are distinct', () => {
    for (const question of questions) {
      const labels = optionsOf(question).map((o) => o.label);
      expect(new Set(labels).size, question).toBe(labels.length);
    }
  });
});
