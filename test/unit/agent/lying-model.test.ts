import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/agent/answer.js';
import { buildAgentGraph, runAgentGraph } from '../../../src/agent/graph.js';
import { fromPlan } from '../../../src/agent/llm/llm-schema.js';
import { createOpenAiNarrator } from '../../../src/agent/llm/openai-narrator.js';
import { createOpenAiResolver } from '../../../src/agent/llm/openai-resolver.js';
import type { Resolution } from '../../../src/agent/resolver/resolver.js';
import type { Plan } from '../../../src/semantic/plan.js';
import { answerBlocks } from '../../../src/slack/blocks/answer-blocks.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../../helpers/fake-openai-server.js';
import { graphDeps, MAY_2022, silentLogger, testCatalog } from './helpers/deps.js';
import { ScriptedResolver } from './helpers/scripted-resolver.js';
import { openTinyWarehouse, type TinyWarehouse } from './helpers/tiny-warehouse.js';

/**
 * A model that lies in every place its words reach a user: the refusal, the clarifying question and its options,
 * the SQL's description, the notes, the time range's label and the narrated prose, in every way of writing a
 * number. None of the lies may reach the answer or the Slack message; the computed text stands instead.
 */
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
const unsure: Resolution = {
  kind: 'plan',
  plan: mayRevenue,
  confidence: 0.5,
  notes: [],
  resolvedBy: 'planner',
};
const plannerRefusal: Resolution = {
  kind: 'refuse',
  message: 'I have no profit data, only sales.',
  resolvedBy: 'planner',
};
const plannerClarify: Resolution = {
  kind: 'clarify',
  message: 'Revenue or orders?',
  options: [{ label: 'Revenue', question: 'revenue in May 2022' }],
  resolvedBy: 'planner',
};

const empty = {
  plan: null,
  sql: null,
  description: null,
  message: null,
  options: null,
  notes: [] as string[],
};

async function ask(planned: Resolution, question = 'how did we do in may'): Promise<Answer> {
  const client = new OpenAI({ apiKey: 'test-key', baseURL: server.baseUrl });
  const catalog = testCatalog();
  const resolver = createOpenAiResolver({
    client,
    planner: new ScriptedResolver([planned]),
    grounding: { catalog, schema: wh.schema() },
    catalog,
    logger: silentLogger,
    model: 'gpt-4o',
    timeoutMs: 2_000,
  });
  const narrator = createOpenAiNarrator({
    client,
    model: 'gpt-4o-mini',
    timeoutMs: 2_000,
    logger: silentLogger,
  });
  const graph = buildAgentGraph(graphDeps(wh, resolver, { narrator }));
  const out = await runAgentGraph(graph, { userQuery: question, schemaInfo: wh.schema() });
  expect(server.requests.length, 'the model was asked').toBeGreaterThan(0);
  return out.finalResponse!;
}

/** Everything a user can see: the answer as data (CLI --json) and as the Slack message. */
function visible(answer: Answer): string {
  const { question: _question, ...rest } = answer;
  const rendered = answerBlocks(answer, { elapsedMs: 1 });
  return JSON.stringify(rest) + JSON.stringify(rendered);
}

const truthfulProse = { content: { headline: 'May 2022 brought in ₹2,750 of gross revenue.', insights: [] } };

describe('a lying model: no invented number reaches the user', () => {
  it.each([
    'We made ninety-one crore this year, but profit is not something I have.',
    'Profit was ₹९१ Cr, which I cannot show.',
    'Profit was ₹９１ Cr, which I cannot show.',
    'Profit is 3x revenue, which I cannot show.',
    'Profit vs.9 Cr revenue is not in the data.',
  ])('refusal %j → the planner’s refusal', async (lie) => {
    server.script([{ content: { ...empty, kind: 'refuse', message: lie } }]);
    const answer = await ask(plannerRefusal, 'what was our profit');
    expect(answer.status).toBe('refused');
    expect(answer.headline).toBe('I have no profit data, only sales.');
    expect(visible(answer)).not.toContain(lie.slice(0, 20));
  });

  it('clarification and its options → the planner’s clarification', async () => {
    server.script([
      {
        content: {
          ...empty,
          kind: 'clarify',
          message: 'Did you mean the forty percent of revenue from Set?',
          options: [
            { label: 'Set (a million orders)', question: 'set revenue' },
            { label: 'Kurta', question: 'kurta revenue, up 45%' },
          ],
        },
      },
    ]);
    const answer = await ask(plannerClarify);
    expect(answer.status).toBe('clarify');
    expect(answer.headline).toBe('Revenue or orders?');
    const seen = visible(answer);
    for (const lie of ['forty percent', 'a million', '45%']) expect(seen).not.toContain(lie);
  });

  it('a clarification with no planner fallback keeps the honest options and a generic question', async () => {
    server.script([
      {
        content: {
          ...empty,
          kind: 'clarify',
          message: 'Revenue grew 12% — by state or by month?',
          options: [
            { label: 'By state', question: 'revenue by state in May 2022' },
            { label: 'By month (up 12%)', question: 'revenue by month' },
          ],
        },
      },
    ]);
    const answer = await ask(unsure);
    expect(answer.headline).toBe('Could you say a bit more about what you want to see?');
    expect(answer.suggestions.map((s) => s.label)).toEqual(['By state']);
  });

  it('the SQL description (shown as the definition) and the notes', async () => {
    server.script([
      {
        content: {
          ...empty,
          kind: 'sql',
          sql: "SELECT SUM(amount) AS revenue FROM amazon_sales WHERE order_date BETWEEN '2022-05-01' AND '2022-05-31'",
          description: 'Gross revenue for May 2022, which is 3x April',
          notes: ['Revenue rose forty percent on April.', 'Cancelled orders are included.'],
        },
      },
      truthfulProse,
    ]);
    const answer = await ask(unsure);
    expect(answer.status).toBe('answered');
    const seen = visible(answer);
    for (const lie of ['3x April', 'forty percent']) expect(seen).not.toContain(lie);
    expect(answer.validation.notes).toContain('Cancelled orders are included.');
    expect(answer.definitions[0]).toMatch(/^A custom query/);
  });

  it('the time range label (shown in the headline and the reading)', async () => {
    const lyingPlan = { ...mayRevenue, timeRange: { ...MAY_2022, label: 'June 2023' } };
    server.script([
      { content: { ...empty, kind: 'plan', plan: fromPlan(lyingPlan), notes: ['Up 91% on June 2023.'] } },
      truthfulProse,
    ]);
    const answer = await ask(unsure);
    expect(answer.status).toBe('answered');
    expect(answer.plan?.timeRange?.label).toBe('May 2022');
    const seen = visible(answer);
    for (const lie of ['2023', '91%']) expect(seen).not.toContain(lie);
  });

  it.each([
    'May 2022 brought in ninety-one crore.',
    'May 2022 brought in ₹२,७५० — vs.9 Cr in April.',
    'May 2022 brought in ₹２,９５０.',
    'May 2022 was 3x April.',
  ])('narrated prose %j → the computed headline', async (lie) => {
    server.script([
      { content: { ...empty, kind: 'plan', plan: fromPlan(mayRevenue) } },
      { content: { headline: lie, insights: [] } },
    ]);
    const answer = await ask(unsure);
    expect(answer.headline).toBe('Revenue was ₹2,750 in May 2022.');
  });
});
