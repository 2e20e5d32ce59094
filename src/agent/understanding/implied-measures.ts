import type { CueKind } from './cues.js';
import type { Frame } from './frame.js';
import { keepsLinesOf } from '../../semantic/catalog.js';
import { countWithRate } from './share-as-rate.js';
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
  // counted; "how many lines were cancelled" and "cancelled lines by category" are cancelled lines (the adjective
  // becomes a status filter below). "returned lines" is the returned-lines measure itself, whose label says lines.
  // Elsewhere "line" stays filler ("line chart", "bottom line").
  const countsLines = (id: string) => /\blines\b/i.test(ctx.lexicon.catalog.metrics[id]?.label ?? '');
  const adjective = (id: string) => Boolean(ctx.lexicon.catalog.metrics[id]?.asFilter) && !countsLines(id);
  const short = ctx.spans.find((s) => /^(lines|line items)$/.test(s.text));
  if (!short || frame.countOf) return;
  const before = frame.metrics.find((m) => m.at === short.at - 1);
  // "pending lines by state": "lines" with no measure named is the line count too; not in an edit of the last
  // answer ("restrict that to FBA lines", "chart it as lines"), whose measure stays.
  const pointing = ctx.spans.some(
    (s) =>
      /^(that|it|this|those|these|them)$/.test(s.text) ||
      ['negate', 'remove', 'only', 'add', 'instead'].some((k) => ctx.cueKinds(s).has(k as CueKind)),
  );
  const wanted = before
    ? adjective(before.id)
    : (frame.howMany || (!frame.metrics.length && !pointing)) && frame.metrics.every((m) => adjective(m.id));
  if (!wanted) return;
  const named = ctx.lexicon.readingsOf(`order ${short.text}`, `order ${short.text.replace(/s$/, '')}`);
  const metric = named.find((r) => r.kind === 'metric');
  if (metric && 'id' in metric) frame.metrics.push({ id: metric.id, score: 0.9, at: short.at });
}

/** "make it a rate", "their price per piece overall": a rate of the thread's count, or one figure for the whole. */
export function markRateAndWhole(frame: Frame, ctx: Context, words: string): void {
  // "make it a rate", "as a rate": "rate" alone (no "return rate"), turning the thread's count into its rate.
  // "cancelling more on FBA or merchant? Rates please", "worst states for cancellations by rate": counts that have
  // a rate, asked as rates.
  const rated = frame.metrics.every((m) => ctx.lexicon.catalog.metrics[m.id]?.asRate);
  // "the count instead of the rate": the rate is what goes.
  const rateReplaced = /\b(?:instead of|rather than|not) (?:the |a )?rates?\b/.test(words);
  if (rated && !rateReplaced && ctx.spans.some((s) => /^(rate|rates|a rate|as a rate)$/.test(s.text))) {
    frame.asRate = true;
    frame.unknown = frame.unknown.filter((u) => !/^rates?$/i.test(u.word));
  }
  // "count pls not %", "the count instead of the rate", "as counts": the thread's rate as the count it is of.
  const notRate =
    /\b(?:not|instead of|rather than|no) (?:the |a |as )?(?:%|percent|percentage|pct|rates?|ratio)(?!\w)/.test(
      words,
    );
  const countWord = ctx.spans.some((s) =>
    /^(count|counts|raw numbers|raw counts|absolute numbers)$/.test(s.text),
  );
  if (!frame.metrics.length && (notRate || countWord)) {
    frame.asCount = true;
    if (notRate) frame.share = false;
  }
  // "june run rate per day": "per day" says what the rate is over, not a breakdown by day.
  const perDayRate = frame.metrics.some((m) => ctx.lexicon.catalog.metrics[m.id]?.perDay);
  if (perDayRate)
    frame.groupBy = frame.groupBy.filter(
      (g) =>
        !(
          ctx.lexicon.catalog.dimensions[g.id]?.grain === 'day' &&
          /^(per|a|each) day$/.test(ctx.spans[g.at]?.text ?? '')
        ),
    );
  // "ok compare the whole month with april" after a weekly series: the month as one figure.
  const wholeMonth = /\b(?:the )?(?:whole|full|entire) month\b/.test(words);
  // "month" there names the period, not a monthly breakdown.
  if (wholeMonth)
    frame.groupBy = frame.groupBy.filter((g) => ctx.lexicon.catalog.dimensions[g.id]?.grain !== 'month');
  // "whats all that worth": everything the last answer showed, as one figure.
  const allThat = /\b(?:all (?:of )?(?:that|this|those|these|it)|the lot)\b/.test(words);
  if (allThat) frame.pointsAtAll = true;
  // "for the same cities", "same ones": the rows the last answer showed (not "the same days last month").
  if (/\bsame (?!days?\b|dates?\b|period\b|weeks?\b|months?\b|time\b)\w+s\b|\bsame ones\b/.test(words))
    frame.sameRows = true;
  // "top 3 cities there", "and there?": a place pointed at ("is there", "there are" ask whether something exists).
  if (
    /\bthere\b/.test(words) &&
    !/\b(?:is|are|was|were|any|there (?:is|are|was|were))\s+there\b|\bthere (?:is|are|was|were)\b/.test(words)
  )
    frame.pointsThere = true;
  if (wholeMonth) frame.wholePeriod = true;
  if (allThat || /\b(overall|altogether|in total|in all|all up|as a whole|all together)\s*$/.test(words))
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

/**
 * "is cancellation worse on FBA or merchant?": judging groups of different sizes against each other is a question
 * about the rate (the catalog's `asRate`), not the raw count, which the bigger group wins by size alone.
 */
export function judgedAsRate(frame: Frame, ctx: Context): void {
  const judged = ctx.spans.some((s) => ctx.cueKinds(s).has('judged'));
  const sides = frame.filters.length >= 2 && !frame.rank?.n;
  if (!judged || !sides) return;
  for (const m of frame.metrics) {
    const rate = ctx.lexicon.catalog.metrics[m.id]?.asRate;
    if (!rate) continue;
    m.id = rate;
    // "were expedited orders cancelled more often": the orders are what the rate is of, not a second measure.
    frame.metrics = frame.metrics.filter(
      (x) => !(x.at === m.at - 1 && ctx.lexicon.catalog.metrics[x.id]?.format === 'count'),
    );
  }
  // "were expedited orders cancelled more often than standard ones?": the adjective filtered the count to what a
  // rate counts (cancelled lines), so the rate it is, over all the lines.
  const metrics = ctx.lexicon.catalog.metrics;
  for (const f of frame.filters) {
    const counted = countWithRate(metrics, f);
    if (!counted || frame.metrics.some((m) => metrics[m.id]?.asRate || m.id === counted.asRate)) continue;
    frame.filters = frame.filters.filter((x) => x !== f);
    frame.metrics = [{ id: counted.asRate!, score: 0.9, at: f.at }];
    return;
  }
}

/** "b2b share of units": the catalog's B2B share is of revenue; of another measure, it is that measure's share. */
export function shareOfOther(frame: Frame, ctx: Context): void {
  const share = frame.metrics.find((m) => ctx.lexicon.catalog.metrics[m.id]?.shareOf);
  const other = frame.metrics.find((m) => m !== share && !ctx.lexicon.catalog.metrics[m.id]?.shareOf);
  if (!share || !other) return;
  const { dimension, value, of } = ctx.lexicon.catalog.metrics[share.id]!.shareOf!;
  // "B2B share of GMV": the share is of revenue already; the measure named is what it is of.
  if (other.id === of) {
    frame.metrics = frame.metrics.filter((m) => m !== other);
    return;
  }
  frame.metrics = frame.metrics.filter((m) => m !== share);
  frame.share = true;
  frame.filters.push({
    candidates: [],
    boolean: { dimension, value },
    negated: false,
    text: ctx.spans[share.at]!.text,
    at: share.at,
    score: 1,
    only: false,
  });
  if (!frame.groupBy.some((g) => g.id === dimension)) frame.groupBy.push({ id: dimension, at: share.at });
}

/**
 * "how much of kurta gmv in june had a promo on it", "how much of our revenue came from Kerala": a part of the
 * measure, picked out by a condition said after it, is a share of that measure. Without a condition after the
 * measure ("how much of kurta gmv in june") it is the amount.
 */
export function howMuchOfIsShare(frame: Frame, ctx: Context): void {
  const words = ctx.spans.map((s) => s.text);
  const at = words.findIndex((w, i) => w === 'how' && words[i + 1] === 'much' && words[i + 2] === 'of');
  if (at < 0 || frame.share) return;
  const measure = frame.metrics.find((m) => m.at > at + 2 && m.at <= at + 5);
  if (measure && frame.filters.some((f) => f.at > measure.at && !f.negated)) frame.share = true;
}

/**
 * "top 5 inventory categories by number of OOS SKUs": a word that names a report and a measure ("inventory": the
 * inventory report, and stock) names the report when something else is measured or counted.
 */
export function reportWordNotMeasure(frame: Frame, ctx: Context): void {
  // Only as an adjective before a breakdown ("inventory categories"), not "revenue and stock by category".
  const namesReport = (at: number) =>
    Boolean(
      ctx.spans[at]?.readings.some((r) => r.kind === 'source') &&
      ctx.spans[at + 1]?.readings.some((r) => r.kind === 'dimension'),
    );
  const reportWords = frame.metrics.filter((m) => namesReport(m.at));
  if (!reportWords.length || (!frame.countOf && reportWords.length === frame.metrics.length)) return;
  frame.metrics = frame.metrics.filter((m) => !reportWords.includes(m));
}

/**
 * "how many wholesale customers placed orders with us in 2022": the customers are counted; "placed orders" says what
 * they did, not a second measure (which would answer with the order count of another report).
 */
export function countedByTheirDeed(frame: Frame, ctx: Context): void {
  if (!frame.countOf || !frame.howMany) return;
  frame.metrics = frame.metrics.filter((m) => !/^(placed|made|place|make|bought)$/.test(ctx.prevWord(m.at)));
}

/**
 * "which styles have the most returns? returned to seller + returning + rejected": the statuses listed are the
 * measure's own definition, said again, not a narrower filter.
 */
export function definitionRepeated(frame: Frame, ctx: Context): void {
  for (const m of frame.metrics) {
    const own = ctx.lexicon.catalog.metrics[m.id]?.asFilter;
    if (!own) continue;
    const listed = frame.filters.filter(
      (f) => !f.negated && f.candidates.some((c) => c.dimension === own.dimension),
    );
    const values = new Set(
      listed.flatMap((f) =>
        f.candidates.filter((c) => c.dimension === own.dimension).flatMap((c) => c.values),
      ),
    );
    // Two or more of them, each one of its own ("lines that came back (returned, returning or rejected)").
    if (listed.length < 2 || [...values].some((v) => !own.values.includes(String(v)))) continue;
    frame.filters = frame.filters.filter((f) => !listed.includes(f));
  }
}

/**
 * "what did our wholesale buyers take from us in March, in rupees?": with no measure named, an amount asked in
 * rupees (or lakh, crore) is revenue; the report named decides whose.
 */
export function amountInRupees(frame: Frame, ctx: Context): void {
  if (frame.metrics.length || frame.countOf || !frame.displayOnly) return;
  const unit = ctx.spans.find((s) => ctx.cueKinds(s).has('displayUnit'));
  if (!unit || !/rupee|inr|lakh|crore|\bcr\b/.test(unit.text)) return;
  // "can you show that in crores": the thread's measure, shown another way.
  if (ctx.spans.some((s) => /^(that|it|this|those|these|them)$/.test(s.text))) return;
  if (!ctx.lexicon.catalog.metrics.revenue) return;
  frame.metrics.push({ id: 'revenue', score: 0.9, at: unit.at });
}

/**
 * "set lines that ended up returned or rejected": a status the measure's own lines include, joined to the measure's
 * word by "or", is part of that measure (rejected lines are returns), not a filter narrowing it to that status.
 */
export function partOfOwnMeasure(frame: Frame, ctx: Context): void {
  const catalog = ctx.lexicon.catalog;
  frame.filters = frame.filters.filter((f) => {
    const joined = /^(or|and|&)$/.test(ctx.spans[f.at - 1]?.text ?? '');
    const measure = frame.metrics.find((m) => m.at === f.at - 2);
    const value = f.candidates[0];
    if (!joined || !measure || f.negated || value?.kind !== 'value') return true;
    return !keepsLinesOf(catalog.metrics[measure.id], { dimension: value.dimension, values: value.values });
  });
}
