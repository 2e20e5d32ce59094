import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/agent/answer.js';
import { buildAgentGraph, runAgentGraph } from '../../../src/agent/graph.js';
import { createOpenAiNarrator } from '../../../src/agent/llm/openai-narrator.js';
import type { AnswerProgress, NarrativeSnapshot } from '../../../src/agent/progress.js';
import type { Resolution } from '../../../src/agent/resolver/resolver.js';
import type { Plan } from '../../../src/semantic/plan.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../../helpers/fake-openai-server.js';
import { graphDeps, MAY_2022, silentLogger } from './helpers/deps.js';
import { ScriptedResolver } from './helpers/scripted-resolver.js';
import { openTinyWarehouse, type TinyWarehouse } from './helpers/tiny-warehouse.js';

/**
 * The narrative streams (the LLM's prose as it is written, over `stream: true`) but only as far as its numbers
 * check out: no snapshot ever holds a number that is not a result cell, and a rejected prose is replaced by the
 * computed text in the final answer. The tiny warehouse's May 2022 revenue is ₹2,750.
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
const planned: Resolution = {
  kind: 'plan',
  plan: mayRevenue,
  confidence: 1,
  notes: [],
  resolvedBy: 'planner',
};

async function ask(
  prose: { headline: string; insights: string[] } | null,
): Promise<{ answer: Answer; events: AnswerProgress[] }> {
  const client = new OpenAI({ apiKey: 'test-key', baseURL: server.baseUrl });
  const narrator = createOpenAiNarrator({
    client,
    model: 'gpt-4o-mini',
    timeoutMs: 2_000,
    logger: silentLogger,
  });
  const graph = buildAgentGraph(graphDeps(wh, new ScriptedResolver([planned]), prose ? { narrator } : {}));
  if (prose) server.script([{ content: prose }]);
  const events: AnswerProgress[] = [];
  const out = await runAgentGraph(
    graph,
    { userQuery: 'revenue in may 2022', schemaInfo: wh.schema() },
    (event) => events.push(event),
  );
  return { answer: out.finalResponse!, events };
}

const narratives = (events: AnswerProgress[]) =>
  events.filter((e): e is { kind: 'narrative' } & NarrativeSnapshot => e.kind === 'narrative');
const joined = (s: NarrativeSnapshot) => [s.headline, ...s.insights].join('\n');

describe('the narrative as it is written', () => {
  it('without an LLM: the query stage, then the computed headline and insights once, as in the answer', async () => {
    const { answer, events } = await ask(null);
    expect(events[0]).toEqual({ kind: 'stage', stage: 'querying' });
    expect(narratives(events)).toEqual([
      { kind: 'narrative', headline: answer.headline, insights: answer.insights },
    ]);
    expect(answer.headline).toContain('₹2,750');
  });

  it('with an LLM: the prose streams over stream:true in growing snapshots, numbers only once whole', async () => {
    const prose = {
      headline: 'May 2022 brought in ₹2,750 of gross revenue across every order line.',
      insights: ['That figure counts cancelled orders too, as the definition says.'],
    };
    const { answer, events } = await ask(prose);
    expect(server.requests[0]!.body.stream).toBe(true);
    const shown = narratives(events);
    // Token by token: many snapshots, each one extending the one before.
    expect(shown.length).toBeGreaterThan(5);
    for (let i = 1; i < shown.length; i++) {
      const [before, now] = [shown[i - 1]!, shown[i]!];
      expect(now.headline.startsWith(before.headline)).toBe(true);
      before.insights.forEach((line, j) => expect(now.insights[j]!.startsWith(line)).toBe(true));
    }
    for (const s of shown) {
      // The amount appears whole or not at all: never "₹2", "₹2,7" or "₹2,750" without what follows.
      if (s.headline.includes('₹')) expect(s.headline).toContain('₹2,750 of');
    }
    expect(answer.headline).toBe(prose.headline);
    expect(answer.insights).toEqual(prose.insights);
    expect(shown.at(-1)).toMatchObject({ headline: answer.headline, insights: answer.insights });
  });

  it.each([
    [
      'a wrong number in the headline',
      { headline: 'May 2022 brought in ₹2,950 of gross revenue.', insights: [] },
    ],
    [
      'a wrong number in an insight',
      {
        headline: 'May 2022 brought in ₹2,750 of gross revenue.',
        insights: ['Revenue rose 91% on April, the best month of all.'],
      },
    ],
  ])('%s is never shown, and the answer carries the computed text', async (_what, prose) => {
    const { answer, events } = await ask(prose);
    const seen = narratives(events).map(joined).join('\n');
    expect(seen).not.toContain('2,950');
    expect(seen).not.toContain('91');
    expect(answer.headline).not.toBe(prose.headline);
    expect(answer.headline).toContain('₹2,750');
    expect(answer.insights.join(' ')).not.toContain('91%');
  });
});
