import type { Context } from './grammar-context.js';

/** What the catalog says about a word the grammar has read: its growth unit, and what a dimension can be counted or averaged by. */

/** "WoW", "month on month", "QoQ": the period a growth word implies when none is named. */
export function growthUnit(text: string): 'week' | 'month' | 'quarter' | undefined {
  if (/^(wow|w\/w)$|^week (on|over) week$/.test(text)) return 'week';
  if (/^(mom|m\/m)$|^month (on|over) month$/.test(text)) return 'month';
  if (/^qoq$|^quarter (on|over) quarter$/.test(text)) return 'quarter';
  return undefined;
}

/** A dimension the catalog has per-value averages of ("average customer spend"). */
export function averagedOver(ctx: Context, id: string): boolean {
  return Object.values(ctx.lexicon.catalog.metrics).some((m) => m.perValue?.dimension === id);
}

/** A dimension with a count metric of its own ("SKUs": the SKU count). */
export function countable(ctx: Context, id: string): boolean {
  return Object.values(ctx.lexicon.catalog.metrics).some((m) => m.countOf === id);
}

/** A date dimension (day, week, month…). */
export function grainOf(ctx: Context, id: string): boolean {
  return Boolean(ctx.lexicon.catalog.dimensions[id]?.grain);
}
