import type * as ChartLib from '../charts/index.js';
import type { Logger } from '../observability/logger.js';
import type { Catalog } from '../semantic/catalog.js';
import type { Answer } from './answer.js';
import { answerColumns } from './columns.js';
import type { SummaryStateType } from './summary/summary-state.js';
import { summaryDashboardData } from './summary/summary-dashboard.js';

/** The chart renderer (vega, vega-lite, canvas) and its PNG cache, loaded when the first chart is drawn. */
export interface ChartKit {
  lib: typeof ChartLib;
  pngCache: ChartLib.PngCache;
}

/** Loads the chart kit on first use (built by the composition root, so an answer without a chart never loads it). */
export type LoadChartKit = () => Promise<ChartKit>;

export interface ChartDeps {
  charts: LoadChartKit;
  catalog: Catalog;
  logger: Logger;
}

/** Chooses and renders the answer's chart; a chart that fails is logged and the answer goes out without it. */
export async function attachChart(deps: ChartDeps, answer: Answer, preference?: string): Promise<void> {
  const started = performance.now();
  try {
    const { lib, pngCache } = await deps.charts();
    const chosen = lib.chooseChart(
      answer.plan,
      { columns: answer.columns, rows: answer.rows, truncated: answer.truncated, elapsedMs: 0 },
      {
        metrics: deps.catalog.metrics,
        dimensions: deps.catalog.dimensions,
        columns: answerColumns(answer),
        ...(answer.coverage ? { coverage: answer.coverage } : {}),
        ...(preference ? { preference } : {}),
      },
    );
    if (!chosen) return;
    const png = await pngCache.render(chosen.spec);
    answer.chart = { type: chosen.type, spec: chosen.spec, title: chosen.title, png };
  } catch (error) {
    // A missing chart never costs the user the answer.
    deps.logger.warn({ err: error }, 'chart failed');
  } finally {
    answer.timingsMs.chart = performance.now() - started;
  }
}

/** The summary's dashboard (KPI tiles, trend, top categories and states, status mix) as one PNG. */
export async function attachDashboard(
  deps: ChartDeps,
  answer: Answer,
  state: Pick<SummaryStateType, 'summaryPeriod' | 'summaryParts'>,
): Promise<void> {
  if (!state.summaryPeriod) return;
  const started = performance.now();
  try {
    const data = summaryDashboardData(state.summaryPeriod, state.summaryParts, deps.catalog);
    const { lib, pngCache } = await deps.charts();
    const spec = lib.buildDashboardSpec(data);
    const png = await pngCache.render(spec);
    answer.chart = { type: 'dashboard', spec, title: `Summary, ${state.summaryPeriod.period.label}`, png };
  } catch (error) {
    deps.logger.warn({ err: error }, 'summary dashboard failed');
  }
  answer.timingsMs.chart = performance.now() - started;
}
