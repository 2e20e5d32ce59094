import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadState } from '../../../src/agent/answer.js';
import { buildAgentGraph, runAgentGraph } from '../../../src/agent/graph.js';
import { buildSummaryGraph, runSummaryGraph } from '../../../src/agent/summary/summary-graph.js';
import type { Resolution } from '../../../src/agent/resolver/resolver.js';
import { alternativeId } from '../../../src/agent/understanding/reading.js';
import { loadConfig } from '../../../src/config/config.js';
import type { Plan } from '../../../src/semantic/plan.js';
import { MemoryKvStore } from '../../../src/state/memory-kv-store.js';
import { graphDeps, MAY_2022, silentLogger, testCatalog } from './helpers/deps.js';
import { ScriptedResolver } from './helpers/scripted-resolver.js';
import { openTinyWarehouse, type TinyWarehouse } from './helpers/tiny-warehouse.js';
import { buildAssistant } from '../../../src/main.js';

/** Every answered result says how the question was read, on the planner and the LLM path; alternatives travel. */
let wh: TinyWarehouse;
beforeAll(async () => {
  wh = await openTinyWarehouse();
});
afterAll(async () => {
  await wh.close();
});

function plan(p: Partial<Plan>): Plan {
  return {
    source: 'amazon_sales',
    metrics: ['revenue'],
    groupBy: [],
    filters: [],
    share: false,
    chart: 'auto',
    ...p,
  };
}

const byCategoryInMay = plan({ groupBy: ['category'], timeRange: MAY_2022 });
const ordersByCategoryInMay = plan({ metrics: ['orders'], groupBy: ['category'], timeRange: MAY_2022 });
const byStateInMay = plan({ groupBy: ['state'], timeRange: MAY_2022 });

const withAlternatives: Resolution = {
  kind: 'plan',
  plan: byCategoryInMay,
  confidence: 0.8,
  notes: [],
  resolvedBy: 'planner',
  alternatives: [
    { label: 'orders · by category · May 2022', plan: ordersByCategoryInMay },
    { label: '', plan: byStateInMay },
  ],
};

async function graphAnswer(resolution: Resolution | Resolution[], input: Record<string, unknown> = {}) {
  const resolver = new ScriptedResolver(Array.isArray(resolution) ? resolution : [resolution]);
  const graph = buildAgentGraph(graphDeps(wh, resolver));
  const out = await runAgentGraph(graph, {
    userQuery: 'q',
    schemaInfo: wh.schema(),
    ...input,
  });
  return { out, answer: out.finalResponse!, resolver };
}

describe('the reading on answers', () => {
  it('states the reading of the plan and carries the resolver alternatives with ids', async () => {
    const { answer } = await graphAnswer(withAlternatives);
    expect(answer.status).toBe('answered');
    expect(answer.reading).toBe('revenue · by category · May 2022');
    expect(answer.alternatives).toEqual([
      {
        id: alternativeId(ordersByCategoryInMay),
        label: 'orders · by category · May 2022',
        plan: ordersByCategoryInMay,
      },
      { id: alternativeId(byStateInMay), label: 'revenue · by state · May 2022', plan: byStateInMay },
    ]);
  });

  it('gives a plan without dates the data coverage, and an empty result its reading too', async () => {
    const all = await graphAnswer({
      kind: 'plan',
      plan: plan({ groupBy: ['category'], share: true }),
      confidence: 0.9,
      notes: [],
      resolvedBy: 'planner',
    });
    expect(all.answer.reading).toBe('revenue · share of total · by category · all dates (5 Apr–29 Jun 2022)');
    expect(all.answer.alternatives).toBeUndefined();
    const empty = await graphAnswer({
      kind: 'plan',
      plan: plan({
        metrics: ['orders'],
        filters: [{ dimension: 'category', op: 'in', values: ['Kurta'] }],
        timeRange: { from: '2022-03-01', to: '2022-03-31', label: 'March 2022' },
      }),
      confidence: 0.9,
      notes: [],
      resolvedBy: 'planner',
    });
    expect(empty.answer.status).toBe('answered');
    expect(empty.answer.reading).toBe('orders · Kurta only · March 2022');
  });

  it('uses the SQL description as the reading of an LLM SQL answer', async () => {
    const { answer } = await graphAnswer({
      kind: 'sql',
      sql: 'SELECT COUNT(DISTINCT ship_city) AS cities FROM amazon_sales',
      description: 'Number of distinct ship cities over all order lines',
      notes: [],
      resolvedBy: 'llm',
    });
    expect(answer.status).toBe('answered');
    expect(answer.reading).toBe('Number of distinct ship cities over all order lines');
  });

  it('reads a summary as the summary of its period against the one before', async () => {
    const out = await runSummaryGraph(buildSummaryGraph(graphDeps(wh, new ScriptedResolver([]))), {
      summaryRequest: { period: '2022-05' },
      schemaInfo: wh.schema(),
    });
    const answer = out.finalResponse!;
    expect(answer.status).toBe('answered');
    expect(answer.reading).toBe('sales summary · May 2022 vs Apr 2022');
  });

  it('answers a chosen plan as it is, without asking the resolver', async () => {
    const { answer, out, resolver } = await graphAnswer(withAlternatives, { chosenPlan: byStateInMay });
    expect(resolver.inputs).toHaveLength(0);
    expect(out.resolution).toEqual({
      kind: 'plan',
      plan: byStateInMay,
      confidence: 1,
      notes: [],
      resolvedBy: 'planner',
    });
    expect(answer.plan).toEqual(byStateInMay);
    expect(answer.reading).toBe('revenue · by state · May 2022');
    // May: Maharashtra 1200 + 400, Tamil Nadu 800, Karnataka 350.
    expect(answer.rows[0]).toEqual(['Maharashtra', 1600]);
  });

  it('reads the question when a chosen plan is not a valid Plan', async () => {
    const { answer, resolver } = await graphAnswer(withAlternatives, {
      chosenPlan: { source: 'nowhere', metrics: [] } as unknown as Plan,
    });
    expect(resolver.inputs).toHaveLength(1);
    expect(answer.plan).toEqual(byCategoryInMay);
  });
});

describe('"Not what I meant" through the Assistant', () => {
  it('stores the alternatives with the thread, and answers a picked one directly', async () => {
    const kv = new MemoryKvStore();
    const resolver = new ScriptedResolver([withAlternatives]);
    const assistant = await buildAssistant({
      config: loadConfig({}),
      logger: silentLogger,
      warehouse: wh,
      kv,
      openai: null,
      resolver,
      catalog: testCatalog(),
    });
    const first = await assistant.ask(
      { threadKey: 't-alt', text: 'sales by category in May' },
      { chart: false },
    );
    expect(first.reading).toBe('revenue · by category · May 2022');
    expect(first.alternatives?.map((a) => a.label)).toEqual([
      'orders · by category · May 2022',
      'revenue · by state · May 2022',
    ]);
    const stored = JSON.parse((await kv.get('thread:t-alt'))!) as ThreadState;
    expect(stored.lastAnswer?.alternatives).toEqual(first.alternatives);
    expect(stored.lastAnswer?.reading).toBe(first.reading);

    const picked = stored.lastAnswer!.alternatives![0]!;
    const second = await assistant.ask(
      { threadKey: 't-alt', text: picked.label, plan: picked.plan },
      { chart: false },
    );
    expect(resolver.inputs).toHaveLength(1);
    expect(second.status).toBe('answered');
    expect(second.plan?.metrics).toEqual(['orders']);
    expect(second.reading).toBe('orders · by category · May 2022');
    // May orders: Set o4, Kurta o4 and o6, Western Dress o5.
    expect(second.rows).toEqual(
      expect.arrayContaining([
        ['Kurta', 2],
        ['Set', 1],
        ['Western Dress', 1],
      ]),
    );
    const after = JSON.parse((await kv.get('thread:t-alt'))!) as ThreadState;
    expect(after.lastPlan?.metrics).toEqual(['orders']);
    expect(after.lastAnswer?.alternatives).toBeUndefined();
  });
});
