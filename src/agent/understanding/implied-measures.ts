import type { Frame } from './frame.js';
import type { Context } from './grammar-context.js';
import type { Span } from './tagging.js';

/**
 * Measures and edits the words imply without naming them: "how many lines", both values of a yes/no dimension,
 * "make it a rate", "overall". Each reads the whole question once its spans are read.
 */

/**
 * "AOV for B2B vs regular customers": both values of a yes/no dimension, compared, are a breakdown by it ("B2B"
 * also names the dimension, so it is read as the breakdown and "regular customers" as one side's filter).
 */
export function bothBooleanValues(frame: Frame, ctx: Context): void {
  const compared = ctx.spans.some((s) => /^(vs|versus|or)$/.test(s.text) || ctx.cueKinds(s).has('compare'));
  if (!compared) return;
  frame.filters = frame.filters.filter(
    (f) => !(f.boolean && !f.negated && frame.groupBy.some((g) => g.id === f.boolean!.dimension)),
  );
}

export function otherMetricSaid(ctx: Context, span: Span): boolean {
  return ctx.spans.some((s) => s.at !== span.at && s.readings.some((r) => r.kind === 'metric'));
}

export function countedLines(frame: Frame, ctx: Context): void {
  // "how many lines ended up lost in transit": "lines" is short for the report's "order lines" when nothing else is
  // counted; "how many lines were cancelled" is cancelled lines (the adjective becomes a status filter below).
  // Elsewhere "line" stays filler ("line chart", "bottom line").
  if (
    ctx.spans.some(
      (s) => /\bhow many\b/.test(s.text) || (s.text === 'how' && ctx.nextWord(s.at) === 'many'),
    ) &&
    !frame.countOf &&
    // A measure that already counts lines ("came back": returned order lines) is the count asked for.
    frame.metrics.every((m) => {
      const def = ctx.lexicon.catalog.metrics[m.id];
      return def?.asFilter && !/\blines\b/i.test(def.label);
    })
  ) {
    // "returned lines" is the returned-lines measure itself: the adjective right before names it.
    const short = ctx.spans.find(
      (s) => /^(lines|line items)$/.test(s.text) && !frame.metrics.some((m) => m.at === s.at - 1),
    );
    const named =
      short && ctx.lexicon.readingsOf(`order ${short.text}`, `order ${short.text.replace(/s$/, '')}`);
    const metric = named?.find((r) => r.kind === 'metric');
    if (short && metric && 'id' in metric) frame.metrics.push({ id: metric.id, score: 0.9, at: short.at });
  }
}

/** "make it a rate", "their price per piece overall": a rate of the thread's count, or one figure for the whole. */
export function markRateAndWhole(frame: Frame, ctx: Context, words: string): void {
  // "make it a rate", "as a rate": "rate" alone (no "return rate"), turning the thread's count into its rate.
  if (!frame.metrics.length && ctx.spans.some((s) => /^(rate|rates|a rate|as a rate)$/.test(s.text))) {
    frame.asRate = true;
    frame.unknown = frame.unknown.filter((u) => !/^rates?$/.test(u.word));
  }
  if (/\b(overall|altogether|in total|in all|all up|as a whole|all together)\s*$/.test(words))
    frame.overall = true;
}

/** "states with at least a thousand lines": "lines" after a bound's number is the order-lines measure. */
export function boundLines(frame: Frame, ctx: Context): void {
  for (const t of frame.thresholds) {
    const next = ctx.spans.slice(t.at + 1, t.at + 3).find((s) => /^(lines|line items)$/.test(s.text));
    if (!next || frame.metrics.some((m) => m.at === next.at)) continue;
    const named = ctx.lexicon.readingsOf(`order ${next.text}`, `order ${next.text.replace(/s$/, '')}`);
    const metric = named.find((r) => r.kind === 'metric');
    if (metric && 'id' in metric) t.metric = metric.id;
  }
}
