import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { draftEvalCases } from '../../../src/feedback/draft-eval-cases.js';
import { createFeedbackStore } from '../../../src/feedback/feedback-store.js';
import { createMetrics } from '../../../src/observability/metrics.js';
import { MemoryKvStore } from '../../../src/state/memory-kv-store.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('feedback store', () => {
  it('counts feedback per day and verdict, and /metrics shows the counts from the store', async () => {
    let now = Date.parse('2022-07-01T10:00:00Z');
    const kv = new MemoryKvStore({ now: () => now });
    const store = createFeedbackStore(kv, { now: () => now });
    const base = { answerId: 'a1', threadKey: 'T:C:1', question: 'revenue in May' };
    await store.record({ ...base, verdict: 'up' });
    await store.record({ ...base, verdict: 'down', reason: 'number' });
    now += DAY_MS;
    await store.record({ ...base, verdict: 'down', reason: 'chart' });
    await store.record({ ...base, verdict: 'down', reason: 'other' });
    expect(await store.countsByDay()).toEqual([
      { day: '2022-07-01', verdict: 'down', count: 1 },
      { day: '2022-07-01', verdict: 'up', count: 1 },
      { day: '2022-07-02', verdict: 'down', count: 2 },
    ]);
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.feedbackSource.countsByDay = () => store.countsByDay();
    const text = await metrics.registry.metrics();
    expect(text).toContain('retail_insights_feedback_by_day{day="2022-07-02",verdict="down"} 2');
    expect(text).toContain('retail_insights_feedback_by_day{day="2022-07-01",verdict="up"} 1');
  });

  it('exports only 👎 as draft eval cases with gold left empty, and says so when there is none', async () => {
    const records = [
      {
        id: '11111111-x',
        at: '2022-07-01T10:00:00.000Z',
        verdict: 'up' as const,
        answerId: 'a',
        threadKey: 't',
        question: 'fine',
      },
      {
        id: '22222222-y',
        at: '2022-07-01T11:00:00.000Z',
        verdict: 'down' as const,
        reason: 'number' as const,
        answerId: 'b',
        threadKey: 't',
        question: 'orders in June',
        sql: 'SELECT COUNT(DISTINCT order_id)\\n FROM amazon_sales',
      },
    ];
    const items = parse(draftEvalCases(records)) as Record<string, unknown>[];
    expect(items).toEqual([
      { id: 'feedback-2022-07-01-22222222', category: 'simple', question: 'orders in June', gold: null },
    ]);
    expect(parse(draftEvalCases(records.slice(0, 1)))).toEqual([]);
  });
});
