import { beforeAll, describe, expect, it } from 'vitest';
import { suggestFollowUps } from '../../../src/agent/synthesis/follow-ups.js';
import type { Plan } from '../../../src/semantic/plan.js';
import { catalog, createHarness, type Harness } from '../understanding/fixture.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

/** A plan without its period's label: the planner may word a period differently ("May 2022 (…)"). */
const withoutLabel = (p: Plan) => ({ ...p, timeRange: p.timeRange && { ...p.timeRange, label: '' } });

describe('follow-up suggestions', () => {
  it.each([
    'revenue in May 2022',
    'top 5 states by orders for Kurta in April 2022',
    'cancellation rate by category in June 2022',
    'units by month',
    'international revenue in May 2022',
  ])('after "%s" each carries the plan its words say', (question) => {
    const answered = h.planOf(question).plan;
    const suggestions = suggestFollowUps(answered, catalog, h.profile.dateRanges[answered.source]?.from);
    expect(suggestions.length).toBeGreaterThan(0);
    for (const s of suggestions) {
      expect(s.plan, s.label).toBeDefined();
      // Its words, asked afresh, are its plan: choosing it answers what the button says.
      expect(withoutLabel(s.plan!), s.question).toEqual(withoutLabel(h.planOf(s.question).plan));
    }
  });

  it('keeps the dates, not the filters or the ranking, as the words do', () => {
    const answered = h.planOf('top 5 states by orders for Kurta in April 2022').plan;
    const byCategory = suggestFollowUps(answered, catalog).find((s) => s.label === 'By category')!;
    expect(byCategory.question).toBe('Orders by category in April 2022');
    expect(byCategory.plan).toEqual({
      source: 'amazon_sales',
      metrics: ['orders'],
      groupBy: ['category'],
      filters: [],
      timeRange: answered.timeRange,
      share: false,
      chart: 'auto',
    });
  });

  it('offers no comparison with a period the data does not reach back to', () => {
    const labels = (q: string) =>
      suggestFollowUps(h.planOf(q).plan, catalog, '2022-04-05').map((s) => s.label);
    expect(labels('revenue by category in April 2022')).not.toContain('Compare with previous period');
    expect(labels('revenue by category in May 2022')).toContain('Compare with previous period');
  });
});
