import { END, START, StateGraph } from '@langchain/langgraph';
import type { SummaryRequest } from '../answer.js';
import type { QueryDeps } from '../nodes/run-query.js';
import type { SchemaInfo } from '../../warehouse/types.js';
import { summaryExtractionNode } from './summary-extraction.js';
import { summaryResolutionNode } from './summary-resolution.js';
import { SummaryState, type SummaryStateType } from './summary-state.js';
import { summarySynthesisNode } from './summary-synthesis.js';
import { summaryValidationNode } from './summary-validation.js';

/** Node names of the summary graph. */
export const SUMMARY_NODE = {
  RESOLUTION: 'summary_resolution',
  EXTRACTION: 'summary_extraction',
  VALIDATION: 'summary_validation',
  SYNTHESIS: 'summary_synthesis',
} as const;

/**
 * summary_resolution → summary_extraction → summary_validation → summary_synthesis: the summary's fixed plans for
 * the request's period, run and checked like a question's, composed into the summary Answer. No resolver, no
 * model, no repair loop (the plans are fixed).
 */
export function buildSummaryGraph(deps: QueryDeps) {
  return new StateGraph(SummaryState)
    .addNode(SUMMARY_NODE.RESOLUTION, summaryResolutionNode(deps.catalog))
    .addNode(SUMMARY_NODE.EXTRACTION, summaryExtractionNode(deps))
    .addNode(SUMMARY_NODE.VALIDATION, summaryValidationNode())
    .addNode(SUMMARY_NODE.SYNTHESIS, summarySynthesisNode(deps))
    .addEdge(START, SUMMARY_NODE.RESOLUTION)
    .addEdge(SUMMARY_NODE.RESOLUTION, SUMMARY_NODE.EXTRACTION)
    .addEdge(SUMMARY_NODE.EXTRACTION, SUMMARY_NODE.VALIDATION)
    .addEdge(SUMMARY_NODE.VALIDATION, SUMMARY_NODE.SYNTHESIS)
    .addEdge(SUMMARY_NODE.SYNTHESIS, END)
    .compile();
}

export type SummaryGraph = ReturnType<typeof buildSummaryGraph>;

export async function runSummaryGraph(
  graph: SummaryGraph,
  input: { summaryRequest: SummaryRequest; schemaInfo: SchemaInfo },
): Promise<SummaryStateType> {
  return (await graph.invoke(input)) as SummaryStateType;
}
