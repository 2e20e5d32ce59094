import { chooseChart as chooseChartWith, type ChooseChartOptions } from '../../../src/charts/index.js';
import { loadCatalog } from '../../../src/semantic/catalog.js';
import type { Plan } from '../../../src/semantic/plan.js';
import type { QueryResult } from '../../../src/warehouse/types.js';

/** The shipped catalog's metric and dimension entries, as the Assistant passes them to the charts. */
const catalog = loadCatalog();
export const CATALOG_CHART_OPTIONS = { metrics: catalog.metrics, dimensions: catalog.dimensions };

/** chooseChart as the app calls it: labels, formats, polarity and value order from data/catalog.yml. */
export function chooseChart(plan: Plan | undefined, result: QueryResult, options: ChooseChartOptions = {}) {
  return chooseChartWith(plan, result, { ...CATALOG_CHART_OPTIONS, ...options });
}
