import { keepsLinesOf, type Catalog } from '../../semantic/catalog.js';
import type { Frame, FrameFilter } from './frame.js';
import type { Context } from './grammar-context.js';

type Metric = Catalog['metrics'][string];

/**
 * "what share of shipped kurta lines came back as returns", "what % of lines got cancelled last week": the share of
 * the lines a rate is over that its count makes up is that rate (returned / shipped lines, cancelled / all lines),
 * one figure, not the count's split by status or category. Only when lines are what the share is of: "what % of
 * cancellations were FBA" is a share of the cancelled lines, and stays one.
 */
export function shareOfLinesIsRate(frame: Frame, ctx: Context): void {
  if (!frame.share || frame.groupBy.length) return;
  const metrics = ctx.lexicon.catalog.metrics;
  const measure = frame.metrics.find((m) => metrics[m.id]?.asRate);
  const adjective = measure ? undefined : frame.filters.find((f) => countWithRate(metrics, f) !== undefined);
  const count = measure ?? adjective;
  const rate = measure ? metrics[measure.id]!.asRate : adjective && countWithRate(metrics, adjective)!.asRate;
  if (!rate || !count) return;
  // The count comes after the lines it is a share of ("lines … got cancelled"); "of all cancelled lines, what share
  // were merchant-fulfilled" is a share of the cancelled lines.
  const lines = linesAt(frame, ctx, measure?.id);
  if (lines === undefined || lines > count.at) return;
  const over = new Set(metrics[rate]?.definedOver ?? []);
  // "shipped" in "shipped lines" is the rate's own base; other filters ("kurta", "FBA") narrow it.
  const isBase = (f: FrameFilter) =>
    f === adjective || f.candidates.some((c) => c.kind === 'value' && over.has(c.dimension));
  frame.filters = frame.filters.filter((f) => f.negated || !isBase(f));
  frame.metrics = [{ id: rate, score: 0.9, at: count.at }];
  frame.share = false;
  if (frame.rank && !frame.rank.n && !frame.rank.worded) delete frame.rank;
}

/** The count measure whose lines an adjective filter picks out ("returned", "cancelled"), when it has a rate. */
export function countWithRate(metrics: Catalog['metrics'], f: FrameFilter): Metric | undefined {
  const fixed = f.fixed;
  if (!fixed || f.negated) return undefined;
  return Object.values(metrics).find((m) => m.asRate && keepsLinesOf(m, fixed));
}

/** Where lines are said: the word ("lines", "shipped lines") or a lines measure beside the count. */
function linesAt(frame: Frame, ctx: Context, countId: string | undefined): number | undefined {
  const metrics = ctx.lexicon.catalog.metrics;
  const word = ctx.spans.find((s) => /\b(lines|line items|rows)$/.test(s.text));
  const measure = frame.metrics.find(
    (m) => m.id !== countId && /\blines\b/i.test(metrics[m.id]?.label ?? ''),
  );
  return word?.at ?? measure?.at;
}
