import type { Catalog } from '../../semantic/catalog.js';

/**
 * Small questions about a plan's parts that frame → Plan and the follow-up operators both ask. Whether a dimension
 * is a date grain is the catalog's to say (its `grain`), not a list of names.
 */
export function isDateGrain(catalog: Catalog, dimensionId: string): boolean {
  return catalog.dimensions[dimensionId]?.grain !== undefined;
}

/** "XL" and "xl" are one value spelt two ways in the data. */
export function distinctValues(values: readonly (string | number | boolean)[]): number {
  return new Set(values.map((v) => String(v).toLowerCase())).size;
}
