import type { Catalog } from '../../semantic/catalog.js';
import type { SummaryStateType, SummaryStateUpdate } from './summary-state.js';
import { resolveSummaryPeriod } from './summary-period.js';
import { buildSummaryParts } from './summary-plans.js';

/**
 * summary_resolution: the request's period becomes the summary's fixed plans. The caller's own window when it has
 * one (the scheduler's week: the post covers the week it locked), else the period keyword read against the data's
 * dates. An unknown period throws BAD_INPUT (the Assistant turns it into an answer that says how to fix it).
 */
export function summaryResolutionNode(catalog: Catalog) {
  return async function summaryResolution(state: SummaryStateType): Promise<SummaryStateUpdate> {
    const started = performance.now();
    const request = state.summaryRequest;
    const summaryPeriod = request.window
      ? { ...request.window, requested: (request.period ?? 'week').trim().toLowerCase() || 'week' }
      : resolveSummaryPeriod(request.period, state.schemaInfo);
    return {
      summaryPeriod,
      summaryParts: buildSummaryParts(summaryPeriod, catalog, request),
      timingsMs: { resolve: performance.now() - started },
    };
  };
}
