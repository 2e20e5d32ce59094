import { emptyAnswer } from '../answer-builders.js';
import type { GraphDeps } from '../graph-deps.js';
import type { AgentStateType, AgentStateUpdate } from '../state.js';

/**
 * clarification: the resolver could not pin the question down (clarify, with 2–4 concrete options) or it is about
 * data we do not have (refuse, saying what data there is). No query runs and no number is stated.
 */
export function clarificationNode(_deps: GraphDeps) {
  return async function clarification(state: AgentStateType): Promise<AgentStateUpdate> {
    const r = state.resolution;
    const question = state.userQuery;
    if (r?.kind === 'clarify') {
      const answer = emptyAnswer(question, 'clarify', r.message);
      answer.suggestions = r.options.slice(0, 4);
      if (r.pendingPlan) answer.pendingPlan = r.pendingPlan;
      return { finalResponse: withUsage(answer, state) };
    }
    const message =
      r?.kind === 'refuse'
        ? r.message
        : "I couldn't work out what to look up. Try asking about revenue, orders, units or cancellations by category, state or month.";
    const answer = emptyAnswer(question, 'refused', message);
    answer.errorCode = 'OUT_OF_SCOPE';
    return { finalResponse: withUsage(answer, state) };
  };
}

function withUsage<T extends { llm: unknown; validation: { notes: string[] } }>(
  answer: T,
  state: AgentStateType,
): T {
  answer.llm = state.llmUsage;
  if (state.llmUsage?.fallbackNote) answer.validation.notes.push(state.llmUsage.fallbackNote);
  return answer;
}
