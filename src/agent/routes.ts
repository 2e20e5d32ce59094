import { END } from '@langchain/langgraph';
import { NODE } from './node-names.js';
import type { AgentStateType } from './state.js';

/**
 * Routing functions of the Q&A graph (the summary graph runs straight through): pure functions of the state, each
 * returning a literal union of targets.
 */

export type AfterResolution = typeof NODE.DATA_EXTRACTION | typeof NODE.CLARIFICATION | typeof END;

export function routeAfterResolution(state: AgentStateType): AfterResolution {
  const r = state.resolution;
  if (!r || r.kind === 'clarify' || r.kind === 'refuse') return NODE.CLARIFICATION;
  // "Show that as a pie": the surface re-renders the stored answer; nothing to query.
  if (r.kind === 'plan' && r.presentationOnly && state.hasPreviousAnswer) return END;
  return NODE.DATA_EXTRACTION;
}

export type AfterValidation = typeof NODE.QUERY_RESOLUTION | typeof NODE.SYNTHESIS;

export interface RepairPolicy {
  canRepair: boolean;
  maxRepairs: number;
}

export function routeAfterValidation(state: AgentStateType, policy: RepairPolicy): AfterValidation {
  const v = state.validationStatus;
  if (!v || v.status !== 'FAILED' || !v.repairable || !policy.canRepair) return NODE.SYNTHESIS;
  // iteration counts resolution passes: 1 is the first try, so 1 + maxRepairs passes in all.
  return state.iteration <= policy.maxRepairs ? NODE.QUERY_RESOLUTION : NODE.SYNTHESIS;
}
