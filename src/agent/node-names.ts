/** Node names of the agent graph, as constants so edges and routes cannot drift from the nodes. */
export const NODE = {
  QUERY_RESOLUTION: 'query_resolution',
  DATA_EXTRACTION: 'data_extraction',
  VALIDATION: 'validation',
  SYNTHESIS: 'synthesis',
  CLARIFICATION: 'clarification',
} as const;

export type NodeName = (typeof NODE)[keyof typeof NODE];
