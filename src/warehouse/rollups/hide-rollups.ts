import type { SchemaInfo } from '../types.js';
import { ROLLUP_TABLES } from './rollup-definitions.js';

/**
 * Rollups are an implementation detail of the plan→SQL path: they hold no order ids, so SQL written against them
 * (by the LLM or a person) could not count orders. schema() (and so the LLM prompt and `retail-insights schema`)
 * shows only the clean tables.
 */
export function hideRollups(schema: SchemaInfo): SchemaInfo {
  return { tables: schema.tables.filter((t) => !ROLLUP_TABLES.includes(t.name)) };
}
