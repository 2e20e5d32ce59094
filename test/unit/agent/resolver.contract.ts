import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAgentGraph, runAgentGraph } from '../../../src/agent/graph.js';
import { splitUsage, type Resolver } from '../../../src/agent/resolver/resolver.js';
import { PlanSchema, type Plan } from '../../../src/semantic/plan.js';
import { graphDeps } from './helpers/deps.js';
import type { TinyWarehouse } from './helpers/tiny-warehouse.js';

export interface ResolverHarness {
  resolver: Resolver;
  /** A question this resolver answers with a plan the tiny warehouse can run. */
  question: string;
  /** Whether answering it asks a language model (then the result must say what that cost). */
  asksModel: boolean;
  warehouse: TinyWarehouse;
  cleanup?(): Promise<void>;
}

const previousPlan: Plan = {
  source: 'amazon_sales',
  metrics: ['orders'],
  groupBy: ['state'],
  filters: [{ dimension: 'category', op: 'in', values: ['Kurta'] }],
  share: false,
  chart: 'auto',
};

/**
 * The one contract every Resolver passes (the offline planner, the LLM resolver however its model behaves, and
 * the scripted fake the graph tests use): a Resolution of a known kind, the model's cost returned in the result
 * (never reported on the side), and the graph adding that cost to the answer.
 */
export function resolverContract(name: string, factory: () => Promise<ResolverHarness>): void {
  describe(`Resolver contract: ${name}`, () => {
    let h: ResolverHarness;
    beforeEach(async () => {
      h = await factory();
    });
    afterEach(async () => {
      await h.cleanup?.();
    });

    it('resolves the question to a plan a compiler can take, saying who resolved it', async () => {
      const { resolution } = splitUsage(await h.resolver.resolve({ question: h.question, history: [] }));
      expect(resolution.kind).toBe('plan');
      expect(['planner', 'llm']).toContain(resolution.resolvedBy);
      if (resolution.kind === 'plan') expect(PlanSchema.safeParse(resolution.plan).success).toBe(true);
    });

    it('returns what the model cost in its result: usage when a model was asked, none otherwise', async () => {
      const result = await h.resolver.resolve({ question: h.question, history: [] });
      const { resolution, usage } = splitUsage(result);
      if (!h.asksModel) {
        expect(usage).toBeNull();
        return;
      }
      expect(usage).not.toBeNull();
      expect(usage!.calls).toBeGreaterThanOrEqual(1);
      expect(usage!.promptTokens).toBeGreaterThanOrEqual(0);
      expect(usage!.completionTokens).toBeGreaterThanOrEqual(0);
      expect(usage!.estimatedCostUsd).toBeGreaterThanOrEqual(0);
      // The model answered, or the planner's answer stands with a note saying why the model did not.
      expect(resolution.resolvedBy === 'llm' || Boolean(usage!.fallbackNote)).toBe(true);
    });

    it('keeps the usage out of the Resolution the graph stores, and leaves its input as it was', async () => {
      const input = { question: h.question, history: [], previousPlan: structuredClone(previousPlan) };
      const { resolution } = splitUsage(await h.resolver.resolve(input));
      expect(resolution).not.toHaveProperty('usage');
      expect(JSON.parse(JSON.stringify(resolution))).toEqual(resolution);
      expect(input.previousPlan).toEqual(previousPlan);
    });

    it("is added up into the answer's LLM usage by the graph", async () => {
      const expected = splitUsage(await h.resolver.resolve({ question: h.question, history: [] })).usage;
      const graph = buildAgentGraph(graphDeps(h.warehouse, h.resolver));
      const out = await runAgentGraph(graph, { userQuery: h.question, schemaInfo: h.warehouse.schema() });
      const answer = out.finalResponse!;
      expect(answer.status).toBe('answered');
      expect(answer.llm).toEqual(expected);
      if (expected?.fallbackNote) expect(answer.validation.notes).toContain(expected.fallbackNote);
    });
  });
}
