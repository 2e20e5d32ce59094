import { END, START, StateGraph } from '@langchain/langgraph';
import { DEFAULT_MAX_REPAIRS, type GraphDeps } from './graph-deps.js';
import { NODE } from './node-names.js';
import { clarificationNode } from './nodes/clarification.js';
import { dataExtractionNode } from './nodes/data-extraction.js';
import { queryResolutionNode } from './nodes/query-resolution.js';
import { synthesisNode } from './nodes/synthesis.js';
import { validationNode } from './nodes/validation.js';
import { routeAfterResolution, routeAfterValidation } from './routes.js';
import { progressConfig, type OnProgress } from './progress.js';
import { AgentState, type AgentStateType } from './state.js';

/**
 * query_resolution → data_extraction → validation → synthesis, with validation → query_resolution when a result
 * failed and a repair could help (at most maxRepairs), and query_resolution → clarification when the question
 * cannot be resolved. Presentation-only follow-ups end after resolution (the Assistant re-renders the stored answer).
 */
export function buildAgentGraph(deps: GraphDeps) {
  const policy = { canRepair: deps.canRepair, maxRepairs: deps.maxRepairs ?? DEFAULT_MAX_REPAIRS };
  return new StateGraph(AgentState)
    .addNode(NODE.QUERY_RESOLUTION, queryResolutionNode(deps))
    .addNode(NODE.DATA_EXTRACTION, dataExtractionNode(deps))
    .addNode(NODE.VALIDATION, validationNode(deps))
    .addNode(NODE.SYNTHESIS, synthesisNode(deps))
    .addNode(NODE.CLARIFICATION, clarificationNode(deps))
    .addEdge(START, NODE.QUERY_RESOLUTION)
    .addConditionalEdges(NODE.QUERY_RESOLUTION, routeAfterResolution, [
      NODE.DATA_EXTRACTION,
      NODE.CLARIFICATION,
      END,
    ])
    .addEdge(NODE.DATA_EXTRACTION, NODE.VALIDATION)
    .addConditionalEdges(NODE.VALIDATION, (s: AgentStateType) => routeAfterValidation(s, policy), [
      NODE.QUERY_RESOLUTION,
      NODE.SYNTHESIS,
    ])
    .addEdge(NODE.SYNTHESIS, END)
    .addEdge(NODE.CLARIFICATION, END)
    .compile();
}

export type AgentGraph = ReturnType<typeof buildAgentGraph>;
export type AgentInput = typeof AgentState.Update;

/**
 * Runs one question (or summary) through the graph; the recursion limit bounds the repair loop twice over. The
 * nodes report their progress (the query starting, the narrative as it is written) to `onProgress`.
 */
export async function runAgentGraph(
  graph: AgentGraph,
  input: AgentInput,
  onProgress?: OnProgress,
): Promise<AgentStateType> {
  return (await graph.invoke(input, { recursionLimit: 40, ...progressConfig(onProgress) })) as AgentStateType;
}
