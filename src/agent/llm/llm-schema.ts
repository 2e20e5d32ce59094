import { z } from 'zod';
import type { Catalog } from '../../semantic/catalog.js';
import { CHART_TYPES, PlanSchema, SOURCES, type Plan } from '../../semantic/plan.js';
import type { Resolution } from '../resolver/resolver.js';

/**
 * The LLM-facing shape of a resolution. OpenAI's strict structured outputs want every field required, so optional
 * Plan fields are nullable here and converted to the real Plan (src/semantic/plan.ts) after parsing.
 */
const LlmFilter = z.object({
  dimension: z.string(),
  op: z.enum(['in', 'not_in']),
  values: z.array(z.string()),
});

export const LlmPlanSchema = z.object({
  source: z.enum(SOURCES),
  metrics: z.array(z.string()),
  groupBy: z.array(z.string()),
  filters: z.array(LlmFilter),
  timeRange: z.object({ from: z.string(), to: z.string(), label: z.string() }).nullable(),
  compareToPreviousPeriod: z.boolean(),
  sort: z.object({ by: z.string(), direction: z.enum(['asc', 'desc']) }).nullable(),
  limit: z.number().nullable(),
  share: z.boolean(),
  chart: z.enum(CHART_TYPES),
});
export type LlmPlan = z.infer<typeof LlmPlanSchema>;

export const LlmResolutionSchema = z.object({
  kind: z.enum(['plan', 'sql', 'clarify', 'refuse']),
  plan: LlmPlanSchema.nullable(),
  sql: z.string().nullable(),
  /** What the SQL computes (kind 'sql'), shown as the definition used. */
  description: z.string().nullable(),
  /** The clarifying question or the refusal (kinds 'clarify', 'refuse'). */
  message: z.string().nullable(),
  options: z.array(z.object({ label: z.string(), question: z.string() })).nullable(),
  notes: z.array(z.string()),
});
export type LlmResolution = z.infer<typeof LlmResolutionSchema>;

export const LlmNarrationSchema = z.object({
  headline: z.string(),
  insights: z.array(z.string()),
});

export class LlmOutputError extends Error {}

/** LLM plan → Plan. Boolean dimensions get real booleans; the result is validated by the Plan schema. */
export function toPlan(llm: LlmPlan, catalog: Catalog): Plan {
  const filters = llm.filters
    .filter((f) => f.values.length > 0)
    .map((f) => {
      const boolean = catalog.dimensions[f.dimension]?.type === 'boolean';
      return {
        dimension: f.dimension,
        op: f.op,
        values: boolean ? f.values.map((v) => /^(true|yes|1|b2b)$/i.test(v.trim())) : f.values,
      };
    });
  const candidate = {
    source: llm.source,
    metrics: llm.metrics,
    groupBy: llm.groupBy,
    filters,
    ...(llm.timeRange ? { timeRange: llm.timeRange } : {}),
    ...(llm.compareToPreviousPeriod && llm.timeRange ? { compareTo: 'previous_period' as const } : {}),
    ...(llm.sort ? { sort: llm.sort } : {}),
    ...(llm.limit !== null && llm.limit > 0 ? { limit: Math.min(1000, Math.round(llm.limit)) } : {}),
    share: llm.share,
    chart: llm.chart,
  };
  const parsed = PlanSchema.safeParse(candidate);
  if (!parsed.success) throw new LlmOutputError(`invalid plan: ${parsed.error.message.slice(0, 300)}`);
  return parsed.data;
}

/** Plan → the LLM-facing shape (for the worked examples and the previous plan in the prompt). */
export function fromPlan(plan: Plan): LlmPlan {
  return {
    source: plan.source,
    metrics: plan.metrics,
    groupBy: plan.groupBy,
    filters: plan.filters.map((f) => ({ dimension: f.dimension, op: f.op, values: f.values.map(String) })),
    timeRange: plan.timeRange ?? null,
    compareToPreviousPeriod: plan.compareTo !== undefined,
    sort: plan.sort ?? null,
    limit: plan.limit ?? null,
    share: plan.share,
    chart: plan.chart,
  };
}

export function toResolution(out: LlmResolution, catalog: Catalog): Resolution {
  switch (out.kind) {
    case 'plan':
      if (!out.plan) throw new LlmOutputError('kind plan without a plan');
      return {
        kind: 'plan',
        plan: toPlan(out.plan, catalog),
        confidence: 0.8,
        notes: out.notes,
        resolvedBy: 'llm',
      };
    case 'sql':
      if (!out.sql?.trim()) throw new LlmOutputError('kind sql without sql');
      return {
        kind: 'sql',
        sql: out.sql.trim().replace(/;\s*$/, ''),
        description: out.description ?? 'A custom query',
        notes: out.notes,
        resolvedBy: 'llm',
      };
    case 'clarify':
      return {
        kind: 'clarify',
        message: out.message ?? 'Could you say a bit more about what you want to see?',
        options: (out.options ?? []).slice(0, 4),
        resolvedBy: 'llm',
      };
    case 'refuse':
      return {
        kind: 'refuse',
        message: out.message ?? 'That is outside the sales data I have.',
        resolvedBy: 'llm',
      };
  }
}
