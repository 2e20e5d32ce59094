import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LlmUsage } from '../../../src/agent/answer.js';
import { buildAgentGraph, runAgentGraph } from '../../../src/agent/graph.js';
import { createOpenAiResolver } from '../../../src/agent/llm/openai-resolver.js';
import { EXAMPLE_PAIRS } from '../../../src/agent/llm/prompts.js';
import { splitUsage, type Resolution } from '../../../src/agent/resolver/resolver.js';
import { compilePlan } from '../../../src/semantic/compile-plan.js';
import type { Plan } from '../../../src/semantic/plan.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../../helpers/fake-openai-server.js';
import { graphDeps, MAY_2022, silentLogger, testCatalog } from './helpers/deps.js';
import { llmPlan, llmSql } from './helpers/llm-replies.js';
import { ScriptedResolver } from './helpers/scripted-resolver.js';
import { openTinyWarehouse, type TinyWarehouse } from './helpers/tiny-warehouse.js';

let server: FakeOpenAiServer;
let wh: TinyWarehouse;
beforeAll(async () => {
  server = await startFakeOpenAiServer();
  wh = await openTinyWarehouse();
});
afterAll(async () => {
  await server.close();
  await wh.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

const mayRevenue: Plan = {
  source: 'amazon_sales',
  metrics: ['revenue'],
  groupBy: [],
  filters: [],
  timeRange: MAY_2022,
  share: false,
  chart: 'auto',
};
const byState: Plan = { ...mayRevenue, groupBy: ['state'] };

function resolver(planner: Resolution[], timeoutMs = 2_000) {
  const client = new OpenAI({ apiKey: 'test-key', baseURL: server.baseUrl });
  return createOpenAiResolver({
    client,
    planner: new ScriptedResolver(planner),
    grounding: { catalog: testCatalog(), schema: wh.schema() },
    catalog: testCatalog(),
    logger: silentLogger,
    model: 'gpt-4o',
    simpleModel: 'gpt-4o-mini',
    timeoutMs,
  });
}

const confident: Resolution = {
  kind: 'plan',
  plan: mayRevenue,
  confidence: 0.95,
  notes: [],
  resolvedBy: 'planner',
};
const unsure: Resolution = {
  kind: 'plan',
  plan: mayRevenue,
  confidence: 0.5,
  notes: [],
  resolvedBy: 'planner',
};
const clarify: Resolution = {
  kind: 'clarify',
  message: 'Which one?',
  options: [{ label: 'A', question: 'a' }],
  resolvedBy: 'planner',
};

async function resolveWith(r: ReturnType<typeof resolver>, question = 'revenue by state in may') {
  // The usage comes back in the result (none when no model was asked), beside the Resolution.
  const { resolution, usage } = splitUsage(await r.resolve({ question, history: [] }));
  const usages: LlmUsage[] = usage ? [usage] : [];
  return { resolution, usages };
}

describe('OpenAI resolver (against a fake OpenAI-compatible server)', () => {
  it('uses the planner alone when it is confident: no model call, no cost', async () => {
    const { resolution, usages } = await resolveWith(resolver([confident]));
    expect(resolution.resolvedBy).toBe('planner');
    expect(server.requests).toHaveLength(0);
    expect(usages).toHaveLength(0);
  });

  it('asks the model when the planner is unsure, with strict structured output, and records tokens and cost', async () => {
    server.script([{ content: llmPlan(byState), promptTokens: 1000, completionTokens: 100 }]);
    const { resolution, usages } = await resolveWith(resolver([unsure]));
    expect(resolution.kind).toBe('plan');
    expect(resolution.resolvedBy).toBe('llm');
    expect(resolution.kind === 'plan' && resolution.plan.groupBy).toEqual(['state']);
    const req = server.requests[0]!;
    // A draft plan from the planner means a simple question: the cheaper model.
    expect(req.model).toBe('gpt-4o-mini');
    const format = req.body.response_format as { type: string; json_schema: { strict: boolean } };
    expect(format.type).toBe('json_schema');
    expect(format.json_schema.strict).toBe(true);
    // Grounded on the catalog and the verified examples.
    expect(req.messages[0]!.content).toContain('cancel_rate');
    expect(req.messages[0]!.content).toContain(EXAMPLE_PAIRS[1]!.question);
    expect(usages).toEqual([
      {
        model: 'gpt-4o-mini',
        promptTokens: 1000,
        completionTokens: 100,
        estimatedCostUsd: 0.00021,
        calls: 1,
      },
    ]);
  });

  it('uses the main model when the planner could not resolve the question, and can return guarded SQL', async () => {
    server.script([{ content: llmSql('SELECT COUNT(*) AS n FROM amazon_sales') }]);
    const { resolution } = await resolveWith(resolver([clarify]), 'something the planner cannot express');
    expect(server.requests[0]!.model).toBe('gpt-4o');
    expect(resolution).toMatchObject({
      kind: 'sql',
      sql: 'SELECT COUNT(*) AS n FROM amazon_sales',
      resolvedBy: 'llm',
    });
  });

  it.each([
    [{ status: 429 as const }, /rate-limited/],
    [{ status: 500 as const }, /server error \(500\)/],
    [{ status: 503 as const }, /server error \(503\)/],
    [{ raw: 'not json at all' }, /unusable answer/],
    [
      {
        content: {
          kind: 'plan',
          plan: null,
          sql: null,
          description: null,
          message: null,
          options: null,
          notes: [],
        },
      },
      /unusable answer/,
    ],
  ])('falls back to the planner with a note on %j', async (step, note) => {
    server.script([step]);
    const { resolution, usages } = await resolveWith(resolver([unsure]));
    expect(resolution).toEqual(unsure);
    expect(usages[0]!.fallbackNote).toMatch(note);
    expect(usages[0]!.fallbackNote).toMatch(/offline planner answered/);
  });

  it('falls back on a timeout', async () => {
    server.script([{ delayMs: 1_500, then: { content: llmPlan(byState) } }]);
    const started = Date.now();
    const { resolution, usages } = await resolveWith(resolver([unsure], 300));
    expect(Date.now() - started).toBeLessThan(1_400);
    expect(resolution).toEqual(unsure);
    expect(usages[0]!.fallbackNote).toMatch(/timed out after 0.3 s/);
  });

  it('skips the planner shortcut on a repair pass and sends the error back to the model', async () => {
    server.script([{ content: llmPlan(byState) }]);
    const r = resolver([confident]);
    await r.resolve({
      question: 'q',
      history: [],
      repairFeedback: 'Database said: column "amout" not found',
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.messages[1]!.content).toContain('column "amout" not found');
  });

  it('repairs through the whole graph: bad SQL first, fixed SQL second, usage summed', async () => {
    server.script([
      {
        content: llmSql('SELECT SUM(amout) AS revenue FROM amazon_sales'),
        promptTokens: 1000,
        completionTokens: 50,
      },
      {
        content: llmSql('SELECT SUM(amount) AS revenue FROM amazon_sales'),
        promptTokens: 1100,
        completionTokens: 50,
      },
    ]);
    const graph = buildAgentGraph(graphDeps(wh, resolver([clarify]), { canRepair: true }));
    const out = await runAgentGraph(graph, {
      userQuery: 'total sales ever',
      schemaInfo: wh.schema(),
    });
    const a = out.finalResponse!;
    expect(a.status).toBe('answered');
    expect(a.rows).toEqual([[8400]]);
    expect(a.llm).toMatchObject({ promptTokens: 2100, completionTokens: 100, calls: 2 });
    expect(server.requests[1]!.messages[1]!.content).toMatch(/amout/);
  });

  it('verified example plans compile and run', async () => {
    for (const e of EXAMPLE_PAIRS) {
      const compiled = compilePlan(e.plan, testCatalog());
      await expect(wh.queryTrusted(compiled.sql)).resolves.toHaveProperty('rows');
    }
  });
});
