import { shareOfLinesIsRate } from './share-as-rate.js';
import {
  bothBooleanValues,
  definitionRepeated,
  boundLines,
  countedLines,
  howMuchOfIsShare,
  reportWordNotMeasure,
  countedByTheirDeed,
  judgedAsRate,
  markRateAndWhole,
  amountInRupees,
  otherMetricSaid,
  partOfOwnMeasure,
  shareOfOther,
} from './implied-measures.js';
import { SCALE_WORDS } from '../../format/number-words.js';
import type { CueKind } from './cues.js';
import { emptyFrame, type Frame, type FrameFilter, type ValueReading } from './frame.js';
import type { Lexicon } from './lexicon.js';
import { Context } from './grammar-context.js';
import { growthUnit } from './catalog-words.js';
import { readThreshold } from './read-threshold.js';
import { pushDimension } from './dimension-role.js';
import {
  markCombinedShare,
  markListing,
  markOrJoined,
  markRowPick,
  markEachMonth,
  wholeWeeksWhenWeekly,
  perDayRate,
  dropMarketplaceWord,
  markBoth,
} from './whole-question-roles.js';
import { extendValueRanges } from './value-ranges.js';
import { isFiller, isUnknown, type Span } from './tagging.js';
import { breaksNegation, continuesNegatedList } from './negation-scope.js';
import { afterGrouping, readShorthandBreakdown } from './breakdown-words.js';
import { askedWhichMoved } from './change-kept.js';
import { filterPhraseNoun, headNounCounted, productsCounted } from './counted-nouns.js';

/**
 * The grammar: a handful of compositional rules that give each span of the lattice a role. Each rule looks at a
 * span and its neighbours only; none depends on another having blanked text first, so adding a word to the
 * lexicon never reorders the rules.
 */
// Words after which a value stands: an unknown word there changes the answer ("in Paris", "Acme vs Zenith").
const FILTER_PREPOSITIONS = new Set([
  'in',
  'for',
  'from',
  'of',
  'only',
  'about',
  'just',
  'at',
  'on',
  'vs',
  'versus',
]);
const HEAD_NOUN_METRICS = new Set(['orders', 'order_lines', 'units']);
/** Verbs a request opens with ("break revenue down…"): an unknown one is no name of a value. */
const IMPERATIVE =
  /^(break|split|show|give|list|pull|fetch|grab|compare|chart|plot|graph|rank|sort|tell|find|check|send|share|total|count|track|group|bring|run|calc|calculate|compute)$/;
const COMBINING = /^(combined|together|put together|collectively|between them)$/;
const ORDINAL_DAY =
  /^(\d{1,2}(st|nd|rd|th)|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)$/;

export function readFrame(spans: Span[], lexicon: Lexicon): Frame {
  const frame = emptyFrame();
  const ctx = new Context(spans, lexicon);
  let negating = false;
  let prefixNegation = false;
  for (const span of spans) {
    const kinds = ctx.cueKinds(span);
    // "not cancelled, merchant-fulfilled only": after a pause, a value of another dimension starts a new phrase.
    if (negating && span.pauseBefore && !continuesNegatedList(frame, span)) negating = false;
    if (kinds.has('negate') || kinds.has('remove')) negating = true;
    else if (breaksNegation(span, kinds)) negating = false;
    readSpan(frame, ctx, span, kinds, negating);
    // "non-B2B expedited orders": the prefix negates one word, not the phrase after it.
    if (prefixNegation) negating = prefixNegation = false;
    if (span.text === 'non') prefixNegation = true;
  }
  resolveRoles(frame, ctx);
  return frame;
}

function readSpan(frame: Frame, ctx: Context, span: Span, kinds: Set<CueKind>, negating: boolean): void {
  const time = span.readings.find((r) => r.kind === 'time');
  if (time) {
    frame.times.push(time.mention);
    const before = ctx.spans[span.at - 1];
    if (before && ctx.cueKinds(before).has('compare') && frame.times.length === 1) frame.compareBefore = true;
    // "more orders in May or April?": a choice between two periods is a comparison, not one span.
    if (before?.text === 'or' && frame.times.length === 2) frame.comparePeriods = true;
    frame.understoodWords++;
    return;
  }
  // "on the fourth", "the 4th" with no month: a day the question did not place; asked about, never ignored.
  if (ORDINAL_DAY.test(span.text) && !frame.rank) {
    frame.unknown.push({ word: span.raw, at: span.at, filterLike: true, day: true });
    return;
  }
  if (isUnknown(span)) {
    const prev = ctx.prevWord(span.at);
    if (afterGrouping(ctx, span) && readShorthandBreakdown(frame, ctx, span)) return;
    // "acme revenue": a name before the measure stands where a value would, even in lower case.
    const beforeMeasure =
      span.at === 0 &&
      span.text.length >= 5 &&
      !IMPERATIVE.test(span.text) &&
      Boolean(ctx.spans[1]?.readings.some((r) => r.kind === 'metric'));
    // "aov mum vs pune": a word set against a value across "vs" stands where a value would.
    const valueAt = (k: number) => Boolean(ctx.spans[k]?.readings.some((r) => r.kind === 'value'));
    const versus = (k: number) => /^(vs|versus|v|or)$/.test(ctx.spans[k]?.text ?? '');
    const setAgainstValue =
      // "FBA handle vs merchant": that side has its value already, the word is about it.
      (versus(span.at + 1) && valueAt(span.at + 2) && !valueAt(span.at - 1)) ||
      (versus(span.at - 1) && valueAt(span.at - 2) && !valueAt(span.at + 1));
    const filterLike =
      FILTER_PREPOSITIONS.has(prev) ||
      beforeMeasure ||
      setAgainstValue ||
      (span.at > 0 && /^[A-Z]/.test(span.raw) && !/^[A-Z]+$/.test(span.raw));
    if (!/^\d/.test(span.text) || ctx.isLoneNumber(span))
      frame.unknown.push({ word: span.raw, at: span.at, filterLike });
    return;
  }
  if (readStructure(frame, ctx, span, kinds)) return;
  const metric = span.readings.find((r) => r.kind === 'metric');
  const dimension = span.readings.find((r) => r.kind === 'dimension');
  const boolean = span.readings.find((r) => r.kind === 'boolean');
  const values = span.readings.filter((r): r is ValueReading => r.kind === 'value');
  const source = span.readings.find((r) => r.kind === 'source');
  if (source) frame.sources.push(source.source);
  if (boolean && (!dimension || !ctx.groupingContext(span))) {
    frame.filters.push(
      filterOf(
        ctx,
        span,
        { boolean: { dimension: boolean.dimension, value: negating ? !boolean.value : boolean.value } },
        false,
      ),
    );
    frame.understoodWords++;
    return;
  }
  const dimDef = dimension ? ctx.lexicon.catalog.dimensions[dimension.id] : undefined;
  if (dimension && dimDef?.type === 'boolean' && !boolean && !ctx.groupingContext(span)) {
    frame.filters.push(
      filterOf(ctx, span, { boolean: { dimension: dimension.id, value: !negating } }, false),
    );
    frame.understoodWords++;
    return;
  }
  if (metric && dimension && ctx.rankedBefore(span)) return pushDimension(frame, span, dimension.id);
  if (dimension && !metric && frame.rank?.which && !frame.groupBy.length)
    frame.singularGroup = !/s$/.test(span.text) || span.text.endsWith('ss');
  if (metric) return pushMetric(frame, ctx, span, metric.id, negating, values);
  const valueReadings = values
    .filter((v) => !v.common || ctx.clearValueContext(span))
    .filter((v) => !ctx.namesTheMarketplace(span, v.dimension));
  if (dimension && !ctx.namesValueNext(span, dimension.id))
    return pushDimension(frame, span, dimension.id, ctx);
  if (dimension) {
    frame.understoodWords++;
    return;
  }
  if (valueReadings.length) {
    frame.filters.push(filterOf(ctx, span, { candidates: valueReadings }, negating));
    frame.understoodWords++;
    return;
  }
  if (source) frame.understoodWords++;
}

/** Cue words: ranking, share, growth, comparison, trend, chart, explanation, follow-up edits. True when used. */
function readStructure(frame: Frame, ctx: Context, span: Span, kinds: Set<CueKind>): boolean {
  // "which is worst + how many returned lines": a plus between asks is "and also"; after a number it is "or more".
  const plus = span.text === '+' && !ctx.spans[span.at - 1]?.readings.some((r) => r.kind === 'number');
  if (kinds.has('add') || plus) frame.edits.add = true;
  if (kinds.has('only')) frame.edits.only = true;
  if (kinds.has('remove')) frame.edits.remove = true;
  if (kinds.has('instead')) frame.edits.instead = true;
  if (/^(instead|rather than|in place of)$/.test(span.text)) frame.insteadOfAt = span.at;
  if (span.text === 'gross' || span.text.startsWith('gross ')) frame.gross = true;
  // "make that net": the net form of the measure ("net revenue" itself is one metric word).
  if (span.text === 'net') frame.net = true;
  // "both side by side" after "and KA?": the value just swapped out, back beside the new one.
  if (
    /^(both|both of them|the two)$/.test(span.text) ||
    (/^(two|2)$/.test(span.text) && ctx.spans[span.at - 1]?.text === 'the')
  )
    frame.both = true;
  // "split by FBA / merchant": values after a splitting verb are set side by side.
  if (kinds.has('split') || (kinds.has('groupBy') && /^(split|break|broken)\b/.test(span.text)))
    frame.edits.split = true;
  if (kinds.has('chatter') && ctx.spans.length <= 4) frame.chatter = true;
  if (kinds.has('explain')) frame.explain = true;
  if (kinds.has('vague')) frame.vague = true;
  if (/^how much\b/.test(span.text) || (span.text === 'how' && ctx.spans[span.at + 1]?.text === 'much'))
    frame.howMuch = true;
  if (kinds.has('sellVerb')) frame.sold = true;
  // "how many did we sell": the measure is units ("which category sold most" is left to the size word: revenue).
  const counted = (s: Span) =>
    /^how many\b/.test(s.text) || (s.text === 'how' && ctx.spans[s.at + 1]?.text === 'many');
  if (kinds.has('sellVerb') && ctx.spans.some(counted)) frame.howManySold = true;
  // "growth as a fraction", "in % terms": how to show a change, not a share of a total.
  const shownAs = /\b(as|in)( a| an)?$/.test(ctx.spans[span.at - 1]?.text ?? '');
  // "return rate above 5%": the sign belongs to the threshold's number, not to a share.
  const thresholdPercent = span.text === '%' && frame.thresholds.at(-1)?.at === span.at - 1;
  if (thresholdPercent) frame.thresholds.at(-1)!.percent = true;
  else if (kinds.has('share') && !(frame.growth && shownAs)) {
    frame.share = true;
    frame.shareAt ??= span.at;
  }
  if (kinds.has('down')) frame.direction = 'down';
  else if (kinds.has('up')) frame.direction = 'up';
  if (kinds.has('sizeWord')) frame.sizeWord = true;
  // "across all categories combined": every value as one figure, which a total is; not "the top 5 combined".
  const allBefore =
    frame.allOf.length > 0 && ctx.spans[span.at - 1]?.readings.some((r) => r.kind === 'dimension');
  if (kinds.has('unsupported') && !frame.unsupported && !allBefore) frame.unsupported = span.raw;
  if (kinds.has('removeAfter') && !ctx.outOfPlace(span)) negatePrevious(frame, ctx, span);
  // "9 lakh", "make it 30 lakh": the number's scale, not a request to show the money in lakh.
  const scalesANumber = ctx.spans[span.at - 1]?.readings.some((r) => r.kind === 'number');
  if (kinds.has('displayUnit') && !scalesANumber) frame.displayOnly = true;
  if (kinds.has('nonZero')) frame.thresholds.push({ op: 'gt', value: 0, at: span.at });
  // "gross GMV, cancellations included": the count word before names what is kept, not a second measure.
  if (kinds.has('keptAfter')) {
    const m = [...frame.metrics]
      .reverse()
      .find((x) => x.at < span.at && x.at >= span.at - 3 && ctx.lexicon.catalog.metrics[x.id]?.asFilter);
    if (m && frame.metrics.length > 1) frame.metrics.splice(frame.metrics.indexOf(m), 1);
  }
  // "drop Kerala": a removal, not a fall.
  const removing =
    kinds.has('remove') &&
    (ctx.valueFollows(span) || Boolean(ctx.spans[span.at + 1]?.readings.some((r) => r.kind === 'time')));
  if (kinds.has('growth') && !removing) {
    frame.growth = true;
    const unit = growthUnit(span.text);
    if (unit) frame.growthUnit = unit;
  }
  if (kinds.has('trend')) frame.trend = true;
  if (kinds.has('compare')) frame.comparePeriods = true;
  if (/^(vs|versus|vs\.)$/.test(span.text)) frame.versusAt ??= span.at;
  const chart = span.readings.find((r) => r.kind === 'chart');
  if (
    chart &&
    (kinds.has('chart') ||
      ctx.chartContext(span) ||
      /\b(chart|graph|plot|pie|donut|doughnut|heatmap|heat map)\b/.test(span.text))
  )
    frame.chart = chart.chart;
  else if (kinds.has('chart') && !frame.chart) frame.chart = 'auto';
  const rankDir = kinds.has('rankDesc') ? 'desc' : kinds.has('rankAsc') ? 'asc' : undefined;
  const valueFirst =
    span.readings.some((r) => r.kind === 'value') &&
    ((ctx.clearValueContext(span) && !ctx.rankFollows(span)) ||
      // "for the Top category": capitalised inside the sentence and named by its dimension, the value.
      (span.at > 0 && /^[A-Z]/.test(span.raw) && ctx.labelledBy(span)) ||
      ctx.countedValue(span) ||
      ctx.ranksNothing(span));
  if (rankDir && !valueFirst) {
    frame.rank = {
      direction: rankDir,
      which: frame.rank?.which ?? false,
      byChange: false,
      worded: true,
      ...(kinds.has('judged') ? { judged: true } : {}),
      ...ctx.rankCount(span),
    };
    frame.understoodWords++;
    if (/sell|popular/.test(span.text)) frame.howManySold = true;
    return !span.readings.some((r) => r.kind === 'metric');
  }
  if (kinds.has('which') && span.at <= 2)
    frame.rank = { direction: 'desc', which: true, byChange: false, ...(frame.rank ?? {}) };
  const structural = [
    'explain',
    'share',
    'growth',
    'trend',
    'compare',
    'chart',
    'add',
    'only',
    'remove',
    'instead',
    'split',
    'negate',
    'which',
    'groupBy',
    'followUpLead',
    'chatter',
    'verbPhrase',
  ] as const;
  const used = structural.some((k) => kinds.has(k)) || Boolean(chart);
  const hasData = span.readings.some(
    (r) =>
      r.kind === 'metric' ||
      r.kind === 'dimension' ||
      r.kind === 'boolean' ||
      (r.kind === 'value' && (!r.common || ctx.clearValueContext(span))),
  );
  if (used && !hasData) {
    if (!isFiller(span)) frame.understoodWords++;
    return true;
  }
  const number = span.readings.find((r) => r.kind === 'number');
  if (number && !hasData) {
    if (readThreshold(frame, ctx, span, number.value)) frame.understoodWords++;
    // "make it 30 lakh": a number in digits; "the first one" names a row, not a number.
    else if (!frame.rank?.n && /\d/.test(span.text))
      frame.loneNumbers.push(number.value * (SCALE_WORDS[ctx.nextWord(span.at)] ?? 1));
    return true;
  }
  return isFiller(span) && !hasData;
}

function pushMetric(
  frame: Frame,
  ctx: Context,
  span: Span,
  id: string,
  negating: boolean,
  values: ValueReading[],
): void {
  frame.understoodWords++;
  const def = ctx.lexicon.catalog.metrics[id]!;
  // "excluding returns", "orders that weren't cancelled": the metric's lines as an excluded filter.
  if (negating && def.asFilter) {
    frame.filters.push(filterOf(ctx, span, { fixed: def.asFilter }, true));
    // "non-cancelled orders": the orders are still what is counted.
    const noun = span.text.split(' ').at(-1)!;
    const head = ctx.lexicon
      .readingsOf(noun, noun)
      .find((r) => r.kind === 'metric' && HEAD_NOUN_METRICS.has(r.id) && r.id !== id);
    if (head?.kind === 'metric' && span.text.includes(' '))
      frame.metrics.push({ id: head.id, score: 1, at: span.at });
    return;
  }
  // "rank by orders not rev", "net revenue rather than AOV": a measure turned away from, which a follow-up replaces.
  const before = ctx.spans[span.at - 1]?.text ?? '';
  const turnedAway =
    /^(not|no|rather than|in place of)$/.test(before) ||
    (before === 'of' && ctx.spans[span.at - 2]?.text === 'instead');
  if (turnedAway) {
    frame.notMetrics.push(id);
    return;
  }
  // "gross, incl cancellations": the lines kept in, not a second measure.
  const spanBefore = ctx.spans[span.at - 1];
  if (spanBefore && ctx.cueKinds(spanBefore).has('keptBefore') && ctx.lexicon.catalog.metrics[id]?.asFilter)
    return;
  // "revenue for B2B orders", "just for Kurta orders": a count word heading a filter phrase names no measure.
  // "on Set units" with no other measure named: units are the measure ("orders" more often heads the phrase).
  const soleUnits = id === 'units' && !frame.metrics.length;
  if (HEAD_NOUN_METRICS.has(id) && !soleUnits && ctx.headsFilterPhrase(span, frame)) return;
  // "how many customers did we bill": the verb of the count, not a second measure.
  if (frame.countOf && /^(bill|billed|billing|spend|spent|sell|sold)$/.test(span.text)) return;
  // "units ordered in May": the verb of the measure named, not a second one (alone, "which states ordered least").
  if (span.text === 'ordered' && otherMetricSaid(ctx, span)) return;
  if (/^(sell|sold|selling|sells)$/.test(span.text)) {
    // "how many sets sold": the verb of a count, which is units; "how much did we sell": revenue.
    if (frame.howManySold) return;
    frame.howManySold = true;
    if (
      ctx.spans.some(
        (s) =>
          s.at !== span.at &&
          s.readings.some((r) => r.kind === 'metric' && !/^(sell|sold|selling|sells)$/.test(s.text)),
      )
    )
      return;
  }
  void values;
  const rankedBy = /^(by|on)$/.test(ctx.prevWord(span.at));
  frame.metrics.push({ id, score: 1, at: span.at, ...(rankedBy ? { rankedBy } : {}) });
}

function namesSeveralOfOne(frame: Frame): boolean {
  const dims = frame.filters
    .filter((f) => !f.negated)
    .flatMap((f) => {
      const c = f.candidates[0];
      return c?.kind === 'value' ? c.values.map(() => c.dimension) : [];
    });
  return dims.some((d, i) => dims.indexOf(d) !== i);
}

function filterOf(ctx: Context, span: Span, what: Partial<FrameFilter>, negated: boolean): FrameFilter {
  const best = what.candidates?.[0];
  return {
    candidates: what.candidates ?? [],
    ...(what.boolean ? { boolean: what.boolean } : {}),
    ...(what.fixed ? { fixed: what.fixed } : {}),
    negated,
    text: span.raw,
    at: span.at,
    score: best?.score ?? 1,
    only: ctx.onlyBefore(span),
  };
}

/** Metrics that name order lines used as adjectives next to another metric: "revenue from cancelled orders". */
function resolveRoles(frame: Frame, ctx: Context): void {
  extendValueRanges(frame, ctx);
  dropMarketplaceWord(frame, ctx);
  // "what share do the top 5 states make up combined": the ranking's rows together, which a Plan can express.
  if (frame.unsupported && COMBINING.test(frame.unsupported.toLowerCase()) && frame.rank?.n) {
    frame.combined = true;
    delete frame.unsupported;
  }
  // "blr + hyd gmv combined": the values named, as one figure (a filter on both, no breakdown by them).
  if (frame.unsupported && COMBINING.test(frame.unsupported.toLowerCase()) && namesSeveralOfOne(frame)) {
    frame.overall = true;
    delete frame.unsupported;
  }
  // "daily run rate": "daily" is part of the per-day measure, not a day-by-day breakdown.
  if (frame.metrics.some((m) => ctx.lexicon.catalog.metrics[m.id]?.perDay))
    frame.groupBy = frame.groupBy.filter((g) => ctx.spans[g.at]?.text !== 'daily');
  perDayRate(frame, ctx);
  markOrJoined(frame, ctx);
  markListing(frame, ctx);
  markCombinedShare(frame, ctx);
  markRowPick(frame, ctx);
  markEachMonth(frame, ctx);
  wholeWeeksWhenWeekly(frame, ctx);
  bothBooleanValues(frame, ctx);
  for (const m of [...frame.metrics]) {
    const of = ctx.lexicon.catalog.metrics[m.id]?.of;
    const base = of && frame.metrics.find((x) => x.id === of && Math.abs(x.at - m.at) === 1);
    if (base) frame.metrics.splice(frame.metrics.indexOf(base), 1);
  }
  // "kurta SKUs with stock below 5, how many?": a count of the dimension named, wherever "how many" stands.
  const howMany =
    ctx.spans.some((s) => /\bhow many\b/.test(s.text)) ||
    ctx.spans.some((s) => s.text === 'how' && ctx.spans[s.at + 1]?.text === 'many');
  // "low stock count kurta sets": "count" as a noun asks for the report's count, as "how many" does.
  frame.howMany = howMany || ctx.spans.some((s) => /^(count|counts|tally|tallies)$/.test(s.text));
  productsCounted(frame, ctx, howMany);
  countedLines(frame, ctx);
  amountInRupees(frame, ctx);
  partOfOwnMeasure(frame, ctx);
  boundLines(frame, ctx);
  judgedAsRate(frame, ctx);
  shareOfLinesIsRate(frame, ctx);
  definitionRepeated(frame, ctx);
  shareOfOther(frame, ctx);
  howMuchOfIsShare(frame, ctx);
  reportWordNotMeasure(frame, ctx);
  countedByTheirDeed(frame, ctx);
  // "only the cancelled ones, by state": the rows shown narrowed to the cancelled lines, their measure kept.
  for (const m of [...frame.metrics]) {
    const def = ctx.lexicon.catalog.metrics[m.id]!;
    const span = ctx.spans[m.at]!;
    if (!def.asFilter || !ctx.onlyBefore(span) || ctx.spans[m.at + 1]?.text !== 'ones') continue;
    frame.metrics.splice(frame.metrics.indexOf(m), 1);
    frame.filters.push(filterOf(ctx, span, { fixed: def.asFilter }, false));
  }
  if (frame.metrics.length > 1) {
    for (const m of [...frame.metrics]) {
      const def = ctx.lexicon.catalog.metrics[m.id]!;
      const adjective =
        /^(cancelled|canceled|cxl|cxld|returned|(?:cancelled|canceled|returned) orders?)$/.test(
          ctx.spans[m.at]!.text,
        );
      if (def.asFilter && adjective) {
        frame.metrics.splice(frame.metrics.indexOf(m), 1);
        frame.filters.push(filterOf(ctx, ctx.spans[m.at]!, { fixed: def.asFilter }, false));
      }
    }
  }
  const first = ctx.spans.find((s) => !isFiller(s) || ctx.cueKinds(s).has('followUpLead'));
  frame.pointsAtOne = ctx.spans.some(
    (s, k) => /^(that|this|the)$/.test(s.text) && ctx.spans[k + 1]?.text === 'one',
  );
  headNounCounted(frame, ctx);
  if (howMany && !frame.metrics.length && !frame.countOf && frame.groupBy.length === 1) {
    const id = frame.groupBy[0]!.id;
    if (Object.values(ctx.lexicon.catalog.metrics).some((m) => m.countOf === id)) {
      frame.countOf = id;
      frame.groupBy = [];
    }
  }
  // "which of those days…", "split them by size": pointing back at the previous answer.
  const last = ctx.spans[ctx.spans.length - 1];
  const words = ctx.spans.map((s) => s.text).join(' ');
  const pointsBack =
    ctx.spans.some((s) => /^(those|these|them|their|its|that one|those ones|these ones)$/.test(s.text)) ||
    last?.text === 'that' ||
    last?.text === 'it' ||
    // "how many pcs of that in june", "the gmv on it in may": a pointing word after "of/on/for/in".
    /\b(?:of|on|for|in) (?:that|it)\b/.test(words) ||
    // "how many units did it sell in june", "how many returned lines did it have": "it" as the subject.
    /\b(?:did|does|has|had) it\b/.test(words) ||
    /\b(?:does|would|will) (?:that|this) look\b/.test(words) ||
    // "how many returned lines is that for each": the rows just shown, each.
    /\b(is|was|are|were) (that|this|it)\b.*\beach( one)?$/.test(words) ||
    // "list the ones over the threshold", "only the ones that shrank": rows of the last answer.
    /\bthe ones\b/.test(words);
  // "and how many customers each month": a leading "and" with a new measure asks for it as well.
  if (first?.text === 'and' && (frame.metrics.length || frame.countOf)) frame.edits.add = true;
  // "all states again, but orders": "again" goes back to the thread, whatever the first word.
  frame.asksAnew =
    /^(what|whats|what's|how|show|give|tell|list|total|overall|all|get|can|could|please|pls|i|we|our)$/.test(
      ctx.spans[0]?.text.split(' ')[0] ?? '',
    ) &&
    !/\bagain\b/.test(words) &&
    // "what does that look like as a rate?": the answer just shown is the subject.
    !/\b(?:does|did|would|will|is|was)\s+(?:that|it|this)\b/.test(words);
  frame.pointsBack = pointsBack;
  // "only the ones that shrank", "those that grew": which of the rows moved that way ("which of those grew").
  askedWhichMoved(frame, words);
  markBoth(frame, words);
  // "how many pcs did they take": "they" as the subject of a verb, with nothing added or re-ranked ("add their
  // pieces", "rank them by units", "how many each took" keep every row).
  if (
    ctx.spans.some((s) => s.text === 'they') &&
    !frame.edits.add &&
    !frame.edits.instead &&
    !ctx.spans.some((s) => /^(each|every|rank|all)$/.test(s.text))
  )
    frame.pointsAtThey = true;
  if (
    pointsBack &&
    !ctx.spans.some((s) => /^(those|these|them|their|those ones|these ones)$/.test(s.text)) &&
    !/\bthe ones\b/.test(words)
  )
    frame.pointsAtIt = true;
  markRateAndWhole(frame, ctx, words);
  frame.leansOnPrevious =
    pointsBack ||
    Boolean(first && ctx.cueKinds(first).has('followUpLead')) ||
    frame.edits.add ||
    frame.edits.only ||
    frame.edits.instead ||
    frame.edits.remove ||
    // "mom gmv growth for each?", "and for both": the rows just shown, with nothing named after the word.
    /\b(for|of) (each|both|every one)( one| of them| of those)?$/.test(words) ||
    Boolean(frame.rowPick) ||
    frame.pointsAtAll ||
    Boolean(frame.pointsAtThey) ||
    Boolean(frame.pointsThere) ||
    // "that whole week", "same days in June": a period named relative to the thread's own.
    frame.times.some((t) =>
      ['weekAround', 'sameDaysIn', 'quarterAround', 'monthAround'].includes(t.spec.kind),
    );
  filterPhraseNoun(frame, ctx);
}

/** "cancelled orders taken out": the filter or count word just before is excluded. */
function negatePrevious(frame: Frame, ctx: Context, span: Span): void {
  // "take Dupatta and Saree out": every value of the phrase before it.
  const filters = frame.filters.filter((f) => f.at < span.at && f.at >= span.at - 4);
  if (filters.length) {
    for (const f of filters) f.negated = true;
    if (ctx.spans.some((s) => s.at < span.at && /^(take|took|taking|leave|keep)$/.test(s.text)))
      frame.edits.remove = true;
    return;
  }
  const metric = [...frame.metrics].reverse().find((m) => m.at < span.at && m.at >= span.at - 4);
  const def = metric && ctx.lexicon.catalog.metrics[metric.id];
  if (metric && def?.asFilter) {
    frame.metrics.splice(frame.metrics.indexOf(metric), 1);
    frame.filters.push(filterOf(ctx, ctx.spans[metric.at]!, { fixed: def.asFilter }, true));
  }
}
