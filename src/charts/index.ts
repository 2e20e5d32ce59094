/**
 * Charts: the right Vega-Lite chart for an answer, rendered to PNG. The whole API:
 *   chooseChart(plan, result, options)  → { type, spec, title } | null   (pure)
 *   buildDashboardSpec(summaryData)     → one Vega-Lite concat spec      (pure)
 *   renderPng(spec, options)            → Promise<Uint8Array>            (headless vega, loader disabled)
 * plus the theme constants.
 */
export { chooseChart, type ChartKind, type ChooseChartOptions, type ChosenChart } from './choose-chart.js';
export { buildDashboardSpec, type DashboardData, type DashboardKpi } from './dashboard.js';
export { renderPng, type RenderOptions } from './render-png.js';
export { createPngCache, type PngCache } from './png-cache.js';
export type { DimensionInfo, MetricInfo, ValueFormat } from './fields.js';
export {
  CHART_COLORS,
  CHART_FONT_FAMILY,
  CHART_PALETTE,
  CHART_PIXEL_RATIO,
  CHART_WIDTH_PX,
  chartThemeConfig,
} from './theme.js';
