import type { Logger } from '../observability/logger.js';
import type { Catalog } from '../semantic/catalog.js';
import type { RollupRouter } from '../semantic/rollup-router.js';
import type { Warehouse } from '../warehouse/types.js';
import type { ResultCache } from './cache/result-cache.js';
import type { Narrator } from './llm/narrator.js';
import type { Resolver } from './resolver/resolver.js';

/** What the graph's nodes receive. Built by assistant-graph.ts (or a test); the graph builds no clients itself. */
export interface GraphDeps {
  resolver: Resolver;
  warehouse: Warehouse;
  catalog: Catalog;
  logger: Logger;
  cache?: ResultCache | null;
  /** Answers covered plans from pre-aggregated rollup tables (same numbers); absent: detail tables only. */
  rollups?: RollupRouter | null;
  /** LLM prose for the synthesis node; its numbers are checked against the result. */
  narrator?: Narrator | null;
  /**
   * Whether a repair pass can produce something different (an LLM resolver reads the feedback; the
   * deterministic planner would return the same plan again).
   */
  canRepair: boolean;
  /** Repairs after the first attempt (default 2). */
  maxRepairs?: number;
  /** Clock for relative dates is the data's latest date, not this; only timings use it. */
  now?: () => number;
}

export const DEFAULT_MAX_REPAIRS = 2;
