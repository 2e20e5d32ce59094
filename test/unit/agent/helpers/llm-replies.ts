import { fromPlan } from '../../../../src/agent/llm/llm-schema.js';
import type { Plan } from '../../../../src/semantic/plan.js';

/** The model's structured reply for a plan, as the fake OpenAI server plays it back. */
export function llmPlan(plan: Plan) {
  return {
    kind: 'plan',
    plan: fromPlan(plan),
    sql: null,
    description: null,
    message: null,
    options: null,
    notes: [],
  };
}

/** The model's structured reply for guarded SQL. */
export function llmSql(sql: string) {
  return {
    kind: 'sql',
    plan: null,
    sql,
    description: 'Custom query',
    message: null,
    options: null,
    notes: [],
  };
}
