import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResultCache } from '../../../src/agent/cache/result-cache.js';
import { buildAgentGraph, runAgentGraph } from '../../../src/agent/graph.js';
import { defaultCatalogPath, parseCatalog } from '../../../src/semantic/catalog.js';
import { buildSummaryGraph, runSummaryGraph } from '../../../src/agent/summary/summary-graph.js';
import type { Narrator } from '../../../src/agent/llm/narrator.js';
import type { Resolution } from '../../../src/agent/resolver/resolver.js';
import type { Plan } from '../../../src/semantic/plan.js';
import type { KvStore } from '../../../src/state/kv-store.js';
import { APRIL_2022, graphDeps, MAY_2022, silentLogger } from './helpers/deps.js';
import { ScriptedResolver } from './helpers/scripted-resolver.js';
import { openTinyWarehouse, type TinyWarehouse } from './helpers/tiny-warehouse.js';

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
const planResolution = (p: Partial<Plan>, resolvedBy: 'planner' | 'llm' = 'planner'): Resolution => ({
  kind: 'plan',
  plan: plan(p),
  confidence: 0.95,
  notes: [],
  resolvedBy,
});

async function ask(resolver: ScriptedResolver, extra: Parameters<typeof graphDeps>[2] = {}, question = 'q') {
  const graph = buildAgentGraph(graphDeps(wh, resolver, extra));
  return runAgentGraph(graph, { userQuery: question, schemaInfo: wh.schema() });
}

describe('agent graph', () => {
  it('an open range reads as English in the headline ("since …", never "in since …")', async () => {
    const since = {
      from: '2022-05-01',
      to: '2022-05-31',
      label: 'since 2022-05-01 (2022-05-01 to 2022-05-31)',
    };
    const r = new ScriptedResolver([planResolution({ timeRange: since })]);
    const a = (await ask(r, {}, 'revenue since may 1')).finalResponse!;
    expect(a.headline).toBe('Revenue was ₹2,750 since 2022-05-01 (2022-05-01 to 2022-05-31).');
  });

  it('answers a plan with the right number, formatted in rupees, with definition and dates', async () => {
    const r = new ScriptedResolver([planResolution({ timeRange: MAY_2022 })]);
    const out = await ask(r, {}, 'revenue in May 2022');
    const a = out.finalResponse!;
    expect(a.status).toBe('answered');
    // May: 1200 + 400 + 800 + 350 = 2750 (cancelled line included: gross revenue)
    expect(a.rows).toEqual([[2750]]);
    expect(a.headline).toBe('Revenue was ₹2,750 in May 2022.');
    expect(a.definitions[0]).toMatch(/^Revenue = gross SUM\(amount\)/);
    expect(a.timeRange).toEqual(MAY_2022);
    expect(a.validation.status).toBe('PASSED');
    expect(out.timingsMs).toHaveProperty('resolve');
    expect(out.timingsMs).toHaveProperty('sql');
    expect(out.iteration).toBe(1);
  });

  it('ranks groups with share of total and states the comparison with the previous period', async () => {
    const r = new ScriptedResolver([
      planResolution({ groupBy: ['category'], timeRange: MAY_2022, compareTo: 'previous_period' }),
    ]);
    const a = (await ask(r)).finalResponse!;
    expect(a.status).toBe('answered');
    // May: Set 1200, Western Dress 800, Kurta 750 (of 2750)
    expect(a.headline).toContain(
      'Set has the highest revenue by category in May 2022: ₹1,200 (43.6% of the total)',
    );
    expect(a.insights.join(' ')).toMatch(/vs April 2022/);
    expect(a.keyFigures[0]).toEqual({ label: 'Set', value: '₹1,200', change: '+20.0%' });
  });

  it('explains an empty result instead of stating a zero', async () => {
    const r = new ScriptedResolver([
      planResolution({
        metrics: ['orders'],
        filters: [
          { dimension: 'category', op: 'in', values: ['Kurta'] },
          { dimension: 'state', op: 'in', values: ['Tamil Nadu'] },
        ],
        timeRange: MAY_2022,
      }),
    ]);
    const a = (await ask(r)).finalResponse!;
    expect(a.status).toBe('answered');
    expect(a.headline).toBe('No orders for Kurta in Tamil Nadu in May 2022.');
    expect(a.validation.status).toBe('WARNING');
  });

  it('routes clarifications and refusals straight to an answer without touching the database', async () => {
    const before = wh.calls.length;
    const clarify = new ScriptedResolver([
      {
        kind: 'clarify',
        message: 'Did you mean gross or net revenue?',
        options: [
          { label: 'Gross revenue', question: 'gross revenue in May' },
          { label: 'Net revenue', question: 'net revenue in May' },
        ],
        resolvedBy: 'planner',
      },
    ]);
    const c = (await ask(clarify)).finalResponse!;
    expect(c.status).toBe('clarify');
    expect(c.suggestions.map((s) => s.label)).toEqual(['Gross revenue', 'Net revenue']);
    const refuse = new ScriptedResolver([
      { kind: 'refuse', message: 'I only have sales data, not weather.', resolvedBy: 'planner' },
    ]);
    const f = (await ask(refuse)).finalResponse!;
    expect(f.status).toBe('refused');
    expect(f.rows).toEqual([]);
    expect(wh.calls.length).toBe(before);
  });

  it('repairs: bad LLM SQL is fed back with the database error and the second attempt answers', async () => {
    const r = new ScriptedResolver([
      {
        kind: 'sql',
        sql: 'SELECT SUM(amout) AS revenue FROM amazon_sales',
        description: 'Revenue',
        notes: [],
        resolvedBy: 'llm',
      },
      {
        kind: 'sql',
        sql: 'SELECT SUM(amount) AS revenue FROM amazon_sales',
        description: 'Revenue',
        notes: [],
        resolvedBy: 'llm',
      },
    ]);
    const out = await ask(r, { canRepair: true });
    expect(out.iteration).toBe(2);
    expect(r.inputs[1]!.repairFeedback).toMatch(/amout/);
    expect(r.inputs[1]!.repairFeedback).toMatch(/Database said/);
    const a = out.finalResponse!;
    expect(a.status).toBe('answered');
    expect(a.rows).toEqual([[8400]]);
    expect(a.sql).toBe('SELECT SUM(amount) AS revenue FROM amazon_sales');
  });

  it('stops after two repairs and answers with an error reference, not a number', async () => {
    const r = new ScriptedResolver([
      { kind: 'sql', sql: 'SELECT nope FROM amazon_sales', description: 'x', notes: [], resolvedBy: 'llm' },
    ]);
    const out = await ask(r, { canRepair: true });
    expect(r.inputs).toHaveLength(3);
    const a = out.finalResponse!;
    expect(a.status).toBe('error');
    expect(a.errorRef).toMatch(/^[0-9a-f]{8}$/);
    expect(a.headline).toContain(a.errorRef!);
    expect(a.rows).toEqual([]);
  });

  it('does not loop when the resolver cannot repair (the deterministic planner)', async () => {
    const r = new ScriptedResolver([planResolution({ metrics: ['no_such_metric'] })]);
    const out = await ask(r, { canRepair: false });
    expect(r.inputs).toHaveLength(1);
    expect(out.finalResponse!.status).toBe('error');
    expect(out.finalResponse!.errorCode).toBe('PLAN_INVALID');
  });

  it('treats an implausible LLM result (share above 100 %) as a failure and repairs it', async () => {
    const r = new ScriptedResolver([
      {
        kind: 'sql',
        sql: 'SELECT category, SUM(amount) / 100 AS share FROM amazon_sales GROUP BY category ORDER BY 1',
        description: 'Share',
        notes: [],
        resolvedBy: 'llm',
      },
      {
        kind: 'sql',
        sql: 'SELECT category, SUM(amount) / (SELECT SUM(amount) FROM amazon_sales) AS share FROM amazon_sales GROUP BY category ORDER BY 2 DESC',
        description: 'Share of revenue',
        notes: [],
        resolvedBy: 'llm',
      },
    ]);
    const out = await ask(r, { canRepair: true });
    expect(r.inputs[1]!.repairFeedback).toMatch(/outside 0–100%/);
    expect(out.finalResponse!.status).toBe('answered');
    expect(out.finalResponse!.validation.status).toBe('PASSED');
  });

  it('never reports an implausible result when it cannot be repaired', async () => {
    const r = new ScriptedResolver([
      { kind: 'sql', sql: 'SELECT -5 AS revenue', description: 'x', notes: [], resolvedBy: 'llm' },
    ]);
    const a = (await ask(r, { canRepair: false })).finalResponse!;
    expect(a.status).toBe('error');
    expect(a.headline).toMatch(/negative/);
    expect(a.rows).toEqual([]);
  });

  it('serves a repeated plan from the result cache keyed by plan and data fingerprint', async () => {
    const map = new Map<string, string>();
    const kv: KvStore = {
      get: async (k) => map.get(k) ?? null,
      set: async (k, v) => void map.set(k, v),
      setIfAbsent: async (k, v) => (map.has(k) ? false : (map.set(k, v), true)),
      delete: async (k) => void map.delete(k),
      keys: async (p) => [...map.keys()].filter((k) => k.startsWith(p)),
      ping: async () => undefined,
      close: async () => undefined,
    };
    const cache = createResultCache({
      kv,
      fingerprint: wh.fingerprint,
      ttlSeconds: 60,
      logger: silentLogger,
    });
    const p = { groupBy: ['state'], timeRange: APRIL_2022 };
    const first = await ask(new ScriptedResolver([planResolution(p)]), { cache });
    const calls = wh.calls.length;
    // Same plan, only the chart preference differs: a presentation field, not part of the key.
    const second = await ask(new ScriptedResolver([planResolution({ ...p, chart: 'pie' })]), { cache });
    expect(first.fromCache).toBe(false);
    expect(second.fromCache).toBe(true);
    expect(wh.calls.length).toBe(calls);
    expect(second.finalResponse!.rows).toEqual(first.finalResponse!.rows);
    expect([...map.keys()][0]).toMatch(/^result:tiny-v1:/);
  });

  it('ends a presentation-only follow-up without a query when the thread has an answer', async () => {
    const before = wh.calls.length;
    const r = new ScriptedResolver([
      { ...planResolution({ chart: 'pie' }), presentationOnly: true } as Resolution,
    ]);
    const graph = buildAgentGraph(graphDeps(wh, r));
    const out = await runAgentGraph(graph, {
      userQuery: 'show that as a pie',
      hasPreviousAnswer: true,
      schemaInfo: wh.schema(),
    });
    expect(out.finalResponse).toBeUndefined();
    expect(out.resolution?.kind).toBe('plan');
    expect(wh.calls.length).toBe(before);
  });

  it('uses LLM prose only when every number in it matches the result', async () => {
    const r = () => new ScriptedResolver([planResolution({ timeRange: MAY_2022 })]);
    const narrator = (headline: string): Narrator => ({
      narrate: async () => ({
        text: { headline, insights: [] },
        usage: { model: 'm', promptTokens: 10, completionTokens: 5, estimatedCostUsd: 0.001, calls: 1 },
      }),
    });
    const good = (await ask(r(), { narrator: narrator('May 2022 brought in ₹2,750 of gross revenue.') }))
      .finalResponse!;
    expect(good.headline).toBe('May 2022 brought in ₹2,750 of gross revenue.');
    expect(good.llm?.promptTokens).toBe(10);
    const bad = (await ask(r(), { narrator: narrator('May 2022 brought in ₹2,950 of gross revenue.') }))
      .finalResponse!;
    expect(bad.headline).toBe('Revenue was ₹2,750 in May 2022.');
  });

  it('runs a summary through the summary graph: KPIs with change vs the previous period', async () => {
    const graph = buildSummaryGraph(graphDeps(wh, new ScriptedResolver([])));
    const out = await runSummaryGraph(graph, {
      summaryRequest: { period: '2022-05' },
      schemaInfo: wh.schema(),
    });
    const a = out.finalResponse!;
    expect(a.status).toBe('answered');
    expect(out.summaryParts.map((p) => p.id)).toEqual([
      'kpis',
      'trend',
      'categories',
      'states',
      'status_mix',
    ]);
    expect(out.summaryParts.every((p) => p.result)).toBe(true);
    // May 2750 vs April 1600 → +71.9 %; orders 4 (o4..o6 + o4 twice = o4,o5,o6) vs 3
    const revenue = a.keyFigures.find((k) => k.label === 'Revenue')!;
    expect(revenue).toEqual({ label: 'Revenue', value: '₹2,750', change: '+71.9%' });
    expect(a.keyFigures.find((k) => k.label === 'Orders')).toEqual({
      label: 'Orders',
      value: '3',
      change: '0.0%',
    });
    expect(a.insights.length).toBeGreaterThanOrEqual(3);
    expect(a.insights.length).toBeLessThanOrEqual(5);
    expect(a.headline).toMatch(/^May 2022: revenue ₹2,750 \(\+71\.9% vs April 2022\)/);
  });

  it("shows the catalog's summary KPIs, in the catalog's order", async () => {
    const text = readFileSync(defaultCatalogPath(), 'utf8');
    const catalog = parseCatalog(
      text.replace('  kpis: [revenue, orders, units, aov, cancel_rate]', '  kpis: [orders, cancel_rate]'),
    );
    const graph = buildSummaryGraph(graphDeps(wh, new ScriptedResolver([]), { catalog }));
    const out = await runSummaryGraph(graph, {
      summaryRequest: { period: '2022-05' },
      schemaInfo: wh.schema(),
    });
    expect(out.finalResponse!.keyFigures.map((k) => k.label)).toEqual(['Orders', 'Cancellation rate']);
    expect(out.summaryParts[0]!.plan.metrics).toEqual(['orders', 'cancel_rate']);
  });
});
