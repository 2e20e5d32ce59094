import type { Frame } from './frame.js';
import type { Context } from './grammar-context.js';

/**
 * "how many XL sets went to TN": the things counted are products (a category in the plural), which is units. With a
 * stock condition ("how many Tops are OOS?") the question is about the stock report, which counts SKUs.
 */
export function productsCounted(frame: Frame, ctx: Context, howMany: boolean): void {
  if (!howMany || frame.metrics.length || frame.countOf) return;
  const products = ctx.spans.some((s) =>
    s.readings.some((r) => r.kind === 'value' && r.dimension === 'category' && r.match === 'plural'),
  );
  const stockCondition = frame.filters.some((f) =>
    [f.boolean?.dimension, ...f.candidates.map((c) => c.dimension)].some(
      (d) => d && ctx.lexicon.catalog.dimensions[d]?.thresholdOf,
    ),
  );
  if (products && !stockCondition) frame.howManySold = true;
}

/** "Kurta SKUs running low, by size": the noun heading the question is what is counted, per the breakdown after "by". */
export function headNounCounted(frame: Frame, ctx: Context): void {
  const head = frame.groupBy[0];
  if (frame.metrics.length || frame.countOf || !head || head.at > 2) return;
  const byWord = (at: number) => /^(by|per)$/.test(ctx.spans[at - 1]?.text ?? '');
  if (byWord(head.at) || !frame.groupBy.slice(1).some((g) => byWord(g.at))) return;
  if (!Object.values(ctx.lexicon.catalog.metrics).some((m) => m.countOf === head.id)) return;
  frame.countOf = head.id;
  frame.groupBy = frame.groupBy.slice(1);
}

const HEAD_NOUNS = new Set(['orders', 'order_lines', 'units']);

/**
 * "Leave out cancelled orders", "only the June orders" in a thread: the noun heads a filter phrase (the lines kept
 * or dropped), so the thread's measure stays; it is no new measure of orders.
 */
export function filterPhraseNoun(frame: Frame, ctx: Context): void {
  if (!frame.leansOnPrevious) return;
  const words = ctx.spans.map((s) => s.text).join(' ');
  frame.metrics = frame.metrics.filter((m) => {
    if (!HEAD_NOUNS.has(m.id)) return true;
    const ofFilter = frame.filters.some((f) => f.fixed && f.at === m.at);
    const before = ctx.spans[m.at - 1];
    const narrowed =
      /\b(?:only|just) the\b/.test(words) &&
      Boolean(before?.readings.some((r) => r.kind === 'time' || r.kind === 'value'));
    return !ofFilter && !narrowed;
  });
}
