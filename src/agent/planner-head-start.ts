import type { Logger } from '../observability/logger.js';
import type { Catalog } from '../semantic/catalog.js';
import { storedDataProfile } from '../semantic/profile-cache.js';
import type { PreparedPlanner } from './assistant-graph.js';
import { cachedCatalog, cachedCues } from './planner-files.js';
import type { CueLexicon } from './understanding/cues.js';
import { buildLexicon } from './understanding/lexicon.js';
import { createPlanner } from './understanding/planner.js';

export interface PlannerInputs {
  catalog: Catalog;
  cues: CueLexicon;
  /** The planner on the persisted data profile; null when none is persisted for this data (first start). */
  prepared: PreparedPlanner | null;
}

/**
 * The catalog, the cue words and, when the data profile for this fingerprint is persisted, the planner built on
 * it. The composition root runs this while DuckDB opens the warehouse (issue 15): the planner's value indexes over
 * every value in the data take tens of ms that would otherwise start only after the open. They are built one per
 * turn of the event loop, so each step of the open goes on as soon as DuckDB has finished the one before.
 */
export async function preparePlanner(
  cacheDir: string,
  fingerprint: string,
  logger: Logger,
): Promise<PlannerInputs> {
  const catalog = cachedCatalog(cacheDir, logger);
  const cues = cachedCues(cacheDir, logger);
  const profile = await storedDataProfile(cacheDir, fingerprint, catalog);
  if (!profile) return { catalog, cues, prepared: null };
  const lexicon = buildLexicon(catalog, profile, cues);
  do await nextTurn();
  while (lexicon.buildNextIndex());
  return {
    catalog,
    cues,
    prepared: { profile, planner: createPlanner({ catalog, profile, cues, lexicon }) },
  };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
