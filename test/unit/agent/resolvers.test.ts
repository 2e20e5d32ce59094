import OpenAI from 'openai';
import { afterAll, beforeAll } from 'vitest';
import { createOpenAiResolver } from '../../../src/agent/llm/openai-resolver.js';
import type { Resolution, Resolver } from '../../../src/agent/resolver/resolver.js';
import { createPlanner } from '../../../src/agent/understanding/planner.js';
import type { DataProfile } from '../../../src/semantic/data-profile.js';
import type { Plan } from '../../../src/semantic/plan.js';
import {
  startFakeOpenAiServer,
  type FakeOpenAiServer,
  type FakeStep,
} from '../../helpers/fake-openai-server.js';
import { buildProfile } from '../understanding/fixture.js';
import { MAY_2022, silentLogger, testCatalog } from './helpers/deps.js';
import { llmPlan } from './helpers/llm-replies.js';
import { ScriptedResolver } from './helpers/scripted-resolver.js';
import { openTinyWarehouse, type TinyWarehouse } from './helpers/tiny-warehouse.js';
import { resolverContract } from './resolver.contract.js';

let wh: TinyWarehouse;
let server: FakeOpenAiServer;
let profile: DataProfile;
beforeAll(async () => {
  wh = await openTinyWarehouse();
  server = await startFakeOpenAiServer();
  profile = await buildProfile();
});
afterAll(async () => {
  await server.close();
  await wh.close();
});

const QUESTION = 'revenue in May 2022';
const byStateInMay: Plan = {
  source: 'amazon_sales',
  metrics: ['revenue'],
  groupBy: ['state'],
  filters: [],
  timeRange: MAY_2022,
  share: false,
  chart: 'auto',
};
const unsure: Resolution = {
  kind: 'plan',
  plan: { ...byStateInMay, groupBy: [] },
  confidence: 0.4,
  notes: [],
  resolvedBy: 'planner',
};

/** The LLM resolver over the fake server, playing `steps` (the last one repeats). */
function openAiResolver(planner: Resolver, steps: FakeStep[]): Resolver {
  server.script(steps);
  return createOpenAiResolver({
    client: new OpenAI({ apiKey: 'test-key', baseURL: server.baseUrl }),
    planner,
    grounding: { catalog: testCatalog(), schema: wh.schema() },
    catalog: testCatalog(),
    logger: silentLogger,
    model: 'gpt-4o',
    timeoutMs: 2_000,
  });
}

const harness = (resolver: () => Resolver, asksModel: boolean) => async () => ({
  resolver: resolver(),
  question: QUESTION,
  asksModel,
  warehouse: wh,
});

resolverContract(
  'the offline planner',
  harness(() => createPlanner({ catalog: testCatalog(), profile }), false),
);
resolverContract(
  'the LLM resolver, the planner sure (no model call)',
  harness(() => openAiResolver(createPlanner({ catalog: testCatalog(), profile }), []), false),
);
resolverContract(
  'the LLM resolver, the model answers',
  harness(
    () =>
      openAiResolver(new ScriptedResolver([unsure]), [
        { content: llmPlan(byStateInMay), promptTokens: 900, completionTokens: 60 },
      ]),
    true,
  ),
);
resolverContract(
  'the LLM resolver, the model fails (the planner answers, with a note)',
  harness(() => openAiResolver(new ScriptedResolver([unsure]), [{ status: 500 }]), true),
);
resolverContract(
  'the scripted fake of the graph tests',
  harness(() => new ScriptedResolver([unsure]), false),
);
