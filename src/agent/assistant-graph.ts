import type OpenAI from 'openai';
import type { Config } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import type { Catalog } from '../semantic/catalog.js';
import { buildDataProfile, type DataProfile } from '../semantic/data-profile.js';
import { createRollupRouter } from '../semantic/rollup-router.js';
import type { Warehouse } from '../warehouse/types.js';
import type { ResultCache } from './cache/result-cache.js';
import { buildAgentGraph, type AgentGraph } from './graph.js';
import type { QueryDeps } from './nodes/run-query.js';
import { buildSummaryGraph, type SummaryGraph } from './summary/summary-graph.js';
import type { Narrator } from './llm/narrator.js';
import type { Resolver } from './resolver/resolver.js';
import type { CueLexicon } from './understanding/cues.js';
import { createPlanner, type Planner } from './understanding/planner.js';

export interface GraphStartDeps {
  config: Pick<Config, 'OPENAI_MODEL' | 'OPENAI_MODEL_SIMPLE' | 'OPENAI_TIMEOUT_MS' | 'ROLLUPS_ENABLED'>;
  logger: Logger;
  warehouse: Warehouse;
  catalog: Catalog;
  cache: ResultCache | null;
  /** The OpenAI-compatible client, or null without an LLM; built (lazily) by the composition root. */
  openaiClient: () => Promise<OpenAI | null>;
  /** Replaces the resolver (tests, evaluation of one resolver in isolation). */
  resolver?: Resolver;
  /** The planner's cue words; read from data/cues.yml when absent. */
  cues?: CueLexicon;
  /** Where the planner's data profile comes from; without it the profile is read from the data. */
  loadProfile?: (catalog: Catalog) => Promise<DataProfile>;
  /**
   * The planner and its profile when the composition root has built them already, on this catalog and cues (it
   * builds them while DuckDB opens the warehouse); absent: built here, from loadProfile.
   */
  prepared?: PreparedPlanner;
}

export interface PreparedPlanner {
  profile: DataProfile;
  planner: Planner;
}

/**
 * The summary graph: no resolver, narrator or data profile, so it is built at once (its nodes hold no clients of
 * their own, only the warehouse, cache and rollups every query uses).
 */
export function summaryGraph(deps: GraphStartDeps): SummaryGraph {
  return buildSummaryGraph(queryDeps(deps));
}

/** What both graphs run queries with. */
function queryDeps(deps: GraphStartDeps): QueryDeps {
  const { config, warehouse } = deps;
  return {
    warehouse,
    catalog: deps.catalog,
    logger: deps.logger,
    cache: deps.cache,
    rollups:
      config.ROLLUPS_ENABLED && warehouse.rollupTables?.length
        ? createRollupRouter(warehouse.rollupTables)
        : null,
  };
}

/**
 * The Q&A graph, built on first use: the data profile for the planner, the LLM resolver and narrator when a
 * client is configured (their modules, and the OpenAI SDK, are imported only then). A failed start-up (e.g. the
 * profile query) is retried on the next call.
 */
export function lazyAgentGraph(deps: GraphStartDeps): () => Promise<AgentGraph> {
  let ready: Promise<AgentGraph> | undefined;
  return () => {
    ready ??= startGraph(deps);
    ready.catch(() => (ready = undefined));
    return ready;
  };
}

async function startGraph(deps: GraphStartDeps): Promise<AgentGraph> {
  const { config, logger, warehouse, catalog } = deps;
  const client = await deps.openaiClient();
  const llm = client
    ? await Promise.all([import('./llm/openai-resolver.js'), import('./llm/openai-narrator.js')])
    : null;
  let resolver = deps.resolver;
  if (!resolver) {
    const { prepared } = deps;
    const profile =
      prepared?.profile ?? (await (deps.loadProfile?.(catalog) ?? buildDataProfile(warehouse, catalog)));
    const planner = prepared?.planner ?? createPlanner({ catalog, profile, cues: deps.cues });
    resolver =
      client && llm
        ? llm[0].createOpenAiResolver({
            client,
            planner,
            grounding: { catalog, schema: warehouse.schema(), profile },
            catalog,
            logger,
            model: config.OPENAI_MODEL,
            ...(config.OPENAI_MODEL_SIMPLE ? { simpleModel: config.OPENAI_MODEL_SIMPLE } : {}),
            timeoutMs: config.OPENAI_TIMEOUT_MS,
          })
        : planner;
  }
  const narrator: Narrator | null =
    client && llm
      ? llm[1].createOpenAiNarrator({
          client,
          model: config.OPENAI_MODEL_SIMPLE ?? config.OPENAI_MODEL,
          timeoutMs: config.OPENAI_TIMEOUT_MS,
          logger,
        })
      : null;
  return buildAgentGraph({ ...queryDeps(deps), resolver, narrator, canRepair: client !== null });
}
