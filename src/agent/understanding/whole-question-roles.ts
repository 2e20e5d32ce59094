import { ORDINAL_WORDS } from '../../format/number-words.js';
import type { CueKind } from './cues.js';
import type { TimeSpec } from './periods.js';
import type { Frame, FrameFilter } from './frame.js';
import type { Context } from './grammar-context.js';
import type { Span } from './tagging.js';

/** Roles decided from the whole question once every span is read: sets of values, per-day rates, listings. */

/**
 * "XS or S", "Kerala or Goa": values of one dimension joined by "or" are one set, not a comparison, unless the
 * question weighs them ("more orders in Kerala or Goa?", "which sold better, XS or S").
 */
export function markOrJoined(frame: Frame, ctx: Context): void {
  // "are Standard or Expedited shipments cancelled more often": "more often" weighs them too.
  const weighs = ctx.spans.some(
    (s) =>
      /^(more|less|fewer|higher|lower|better|worse|bigger|smaller|which)$/.test(s.text) ||
      ctx.cueKinds(s).has('judged'),
  );
  if (weighs || frame.rank || frame.comparePeriods) return;
  const dimsOf = (f: FrameFilter) => new Set(f.candidates.map((c) => c.dimension));
  for (let k = 1; k < frame.filters.length; k++) {
    const [before, f] = [frame.filters[k - 1]!, frame.filters[k]!];
    if (ctx.spans[f.at - 1]?.text !== 'or' || before.at !== f.at - 2) continue;
    if ([...dimsOf(f)].some((d) => dimsOf(before).has(d))) before.orJoined = f.orJoined = true;
  }
}

/**
 * "average orders per day in April", "avg revenue a day": the measure's per-day rate (the catalog's perDay twin),
 * one number; without an average word, and with "by day", "each day", "day by day", it stays a day-by-day series.
 */
export function perDayRate(frame: Frame, ctx: Context): void {
  const day = frame.groupBy.find(
    (g) =>
      ctx.lexicon.catalog.dimensions[g.id]?.grain === 'day' &&
      (/^(per|a)$/.test(ctx.prevWord(g.at)) ||
        /^(per|a) /.test(ctx.spans[g.at]?.text ?? '') ||
        // "the daily avg", "daily average revenue": "daily" naming the average, not a day-by-day series.
        (ctx.spans[g.at]?.text === 'daily' &&
          ctx.cueKinds(ctx.spans[g.at + 1] ?? ctx.spans[g.at]!).has('average'))),
  );
  // "orders per day this week" is as often the day-by-day series, a handful of rows; over a month or more
  // ("orders per day in June") people mean the rate, unless they ask for each day. An average word always is one.
  const averaged = ctx.spans.some((s) => ctx.cueKinds(s).has('average'));
  const eachDay = ctx.spans.some(
    (s) =>
      s.at !== day?.at &&
      (ctx.cueKinds(s).has('groupBy') || ctx.cueKinds(s).has('trend') || ctx.cueKinds(s).has('chart')),
  );
  const long = frame.times.length > 0 && frame.times.every((t) => roughDays(t.spec) >= 28);
  if (!day || !(averaged || (long && !eachDay))) return;
  // "whats the avg per day on that": the thread's measure, per day (compose-plan maps it).
  if (!frame.metrics.length && averaged) {
    frame.perDayOfThread = true;
    frame.groupBy = frame.groupBy.filter((g) => g !== day);
    frame.trend = false;
    return;
  }
  const metrics = ctx.lexicon.catalog.metrics;
  const rated = frame.metrics.map(
    (m) => Object.entries(metrics).find(([, def]) => def.perDay && def.of === m.id)?.[0],
  );
  if (!rated.length || rated.some((id) => id === undefined)) return;
  frame.metrics = frame.metrics.map((m, i) => ({ ...m, id: rated[i]! }));
  frame.groupBy = frame.groupBy.filter((g) => g !== day);
}

/** "list the XL ones", "which ones are they": the things counted, one row each (src/agent/understanding/listing.ts). */
export function markListing(frame: Frame, ctx: Context): void {
  if (ctx.spans.some((s) => ctx.cueKinds(s).has('listing'))) frame.listing = true;
}

/**
 * "what share of revenue do the top five states account for?": a share asked before its ranking is the ranked rows'
 * share together, one number; "top 5 states and their share", "what share does each of the top 5 have" stay a row
 * per state.
 */
export function markCombinedShare(frame: Frame, ctx: Context): void {
  if (!frame.share || !frame.rank?.n || frame.combined) return;
  const first = (test: (kinds: Set<CueKind>) => boolean) => ctx.spans.findIndex((s) => test(ctx.cueKinds(s)));
  const shareAt = first((k) => k.has('share'));
  const rankAt = first((k) => k.has('rankDesc') || k.has('rankAsc'));
  const perRow = ctx.spans.some(
    (s) => ctx.cueKinds(s).has('groupBy') || /^(their|its|respective|respectively)$/.test(s.text),
  );
  if (shareAt >= 0 && rankAt > shareAt && !perRow) frame.combined = true;
}

/** "the third one": places in a list up to the tenth (a "fifteenth" is a day), and "the last". */
const ORDINALS: Readonly<Record<string, number>> = {
  ...Object.fromEntries(Object.entries(ORDINAL_WORDS).filter(([, n]) => n <= 10)),
  last: -1,
};
/**
 * "the second one", "take the third state", "the 2nd": a row of the previous answer, by its place. Only an ordinal
 * before "one" or a breakdown word (not "first week", "second fortnight", which are dates).
 */
export function markRowPick(frame: Frame, ctx: Context): void {
  for (const span of ctx.spans) {
    // "for that category" after the single worst one: the one row the last answer showed.
    const pointed = ctx.spans[span.at + 1]?.readings.find((r) => r.kind === 'dimension');
    // "how many orders that day" after the best day: the day shown (a period, see applyRowPick).
    if (/^(that|this)$/.test(span.text) && pointed && 'id' in pointed) {
      frame.rowPick = {
        index: 1,
        text: `${span.text} ${ctx.spans[span.at + 1]!.text}`,
        dimension: pointed.id,
        single: true,
      };
      frame.groupBy = frame.groupBy.filter((g) => g.at !== span.at + 1);
      return;
    }
    const next = ctx.spans[span.at + 1];
    // "what share did the leader account for": the first row of the ranking shown.
    if (
      /^(leader|winner|frontrunner|front runner|top performer)$/.test(span.text) &&
      ctx.prevWord(span.at) === 'the'
    ) {
      frame.rowPick = { index: 1, text: `the ${span.text}` };
      frame.unknown = frame.unknown.filter((u) => u.at !== span.at);
      frame.understoodWords++;
      return;
    }
    if (
      pickedByRankWord(frame, ctx, span.at) ||
      pickedByRankedName(frame, ctx, span.at) ||
      pickedByValue(frame, ctx, span.at) ||
      pickedByNumber(frame, ctx, span)
    )
      return;
    const index = ORDINALS[span.text] ?? (/^\d+(st|nd|rd|th)$/.test(span.text) ? parseInt(span.text, 10) : 0);
    if (!index) continue;
    if (pickedByOrdinalRank(frame, ctx, span, index)) return;
    const named = next?.readings.find((r) => r.kind === 'dimension');
    const dimension = named && 'id' in named ? named.id : undefined;
    const grain = dimension !== undefined && Boolean(ctx.lexicon.catalog.dimensions[dimension]?.grain);
    // "the 2nd" at the end, but "on the fourth" is a day.
    const atEnd =
      !next &&
      ctx.prevWord(span.at) === 'the' &&
      !/^(on|of|from|since|till|until|by|before|after|to)$/.test(ctx.prevWord(span.at - 1));
    // "the one in third place", "zoom into 2nd place": the row at that place.
    const place = next?.text === 'place' && /^(in|into|at)$/.test(ctx.prevWord(span.at));
    if (!(next?.text === 'one' || (dimension && !grain) || atEnd || place)) continue;
    frame.rowPick = { index, text: `the ${span.text}${next?.text === 'one' ? ' one' : ''}` };
    if (dimension && !grain) frame.rowPick.dimension = dimension;
    frame.unknown = frame.unknown.filter((u) => u.at !== span.at);
    frame.understoodWords++;
    // "the second state": the word names which row, not a new breakdown by state.
    if (dimension) frame.groupBy = frame.groupBy.filter((g) => g.at !== span.at + 1);
    return;
  }
}

/**
 * "the second-highest one", "the 2nd worst state": the row that many places from the top (or the bottom) of the
 * last answer, not a new ranking.
 */
function pickedByOrdinalRank(frame: Frame, ctx: Context, span: Span, index: number): boolean {
  const rankWord = ctx.spans[span.at + 1];
  const after = ctx.spans[span.at + 2];
  const fromTop = rankWord && /^(highest|best|biggest|largest|top|strongest|busiest)$/.test(rankWord.text);
  const fromBottom =
    rankWord && /^(lowest|worst|smallest|weakest|bottom|slowest|quietest)$/.test(rankWord.text);
  if (index < 2 || !(fromTop || fromBottom) || !after) return false;
  const dimension = after.readings.find((r) => r.kind === 'dimension');
  const named = dimension && 'id' in dimension && !ctx.lexicon.catalog.dimensions[dimension.id]?.grain;
  if (after.text !== 'one' && !named) return false;
  frame.rowPick = {
    index: fromTop ? index : -index,
    text: `the ${span.text} ${rankWord.text} ${after.text}`,
  };
  if (named) {
    frame.rowPick.dimension = dimension.id;
    frame.groupBy = frame.groupBy.filter((g) => g.at !== after.at);
  }
  frame.unknown = frame.unknown.filter((u) => u.at !== span.at);
  frame.understoodWords++;
  const rankedElsewhere = ctx.spans.some(
    (s) => s.at !== rankWord.at && (ctx.cueKinds(s).has('rankDesc') || ctx.cueKinds(s).has('rankAsc')),
  );
  if (!rankedElsewhere) delete frame.rank;
  return true;
}

/**
 * "for the top one", "the bottom one": the first or last row of the last answer, not a new ranking. The rank the
 * word set is taken back unless another word ranks too ("the top one's top 5 cities" keeps its own count).
 */
function pickedByRankWord(frame: Frame, ctx: Context, at: number): boolean {
  const word = ctx.spans[at]!.text;
  // "the higher one" of two rows is the top one, as "the highest one" is.
  const end = /^(top|best|biggest|highest|largest|first|higher|bigger|larger|greater|better)$/.test(word)
    ? 1
    : /^(bottom|worst|smallest|lowest|lower|smaller|lesser|worse)$/.test(word)
      ? -1
      : 0;
  const numberOne = word === 'number one' && ctx.prevWord(at) === 'the';
  // "the top one", "top one's share": the article may go when the possessive says which.
  const next = ctx.spans[at + 1]?.text;
  // "top one, day by day": opening the question with more asked after it, the row too.
  const opens = at === 0 && ctx.spans.length > 2;
  const one = next === 'one' ? ctx.prevWord(at) === 'the' || opens : next === "one's";
  if (!numberOne && (!end || !one)) return false;
  // "only the top one", "just the bottom one": the ranking cut to its first row, its name kept.
  const cut = /^(only|just)$/.test(ctx.prevWord(at - 1)) && ctx.spans.length <= at + 2;
  if (cut && frame.rank) {
    frame.rank.n = 1;
    frame.unknown = frame.unknown.filter((u) => u.at !== at + 1);
    return true;
  }
  frame.rowPick = numberOne ? { index: 1, text: 'the number one' } : { index: end, text: `the ${word} one` };
  const rankedElsewhere = ctx.spans.some(
    (s) => s.at !== at && (ctx.cueKinds(s).has('rankDesc') || ctx.cueKinds(s).has('rankAsc')),
  );
  if (!rankedElsewhere) delete frame.rank;
  frame.unknown = frame.unknown.filter((u) => u.at !== at + 1 && u.at !== at);
  return true;
}

/**
 * "the lowest month — how many b2b kurta orders were there?": opening the question, "the" + a ranking word + a
 * breakdown, then a pause and another ask, is the row of the last answer with that extreme, not a new ranking.
 */
function pickedByRankedName(frame: Frame, ctx: Context, at: number): boolean {
  const word = ctx.spans[at]!.text;
  const next = ctx.spans[at + 1];
  const reading = next?.readings.find((r) => r.kind === 'dimension');
  const dimension = reading && 'id' in reading ? reading.id : undefined;
  // "that bottom city on the list — …": the list named after it points back as the pause does.
  const onTheList =
    /^(on|in|from)$/.test(ctx.nextWord(at + 1)) && /^(the|that) list$/.test(ctx.spans[at + 3]?.text ?? '');
  const opens = at <= 1 && /^(the|that)$/.test(ctx.prevWord(at));
  if (!dimension || !opens || !(ctx.spans[at + 2]?.pauseBefore || onTheList)) return false;
  const end = /^(highest|best|biggest|largest|top|strongest|busiest)$/.test(word)
    ? 1
    : /^(lowest|worst|smallest|weakest|slowest|quietest|bottom)$/.test(word)
      ? -1
      : 0;
  if (!end) return false;
  frame.rowPick = { index: end, text: `the ${word} ${next!.text}`, dimension, byValue: true };
  frame.groupBy = frame.groupBy.filter((g) => g.at !== at + 1);
  const rankedElsewhere = ctx.spans.some(
    (s) => s.at !== at && (ctx.cueKinds(s).has('rankDesc') || ctx.cueKinds(s).has('rankAsc')),
  );
  if (!rankedElsewhere) delete frame.rank;
  return true;
}

/**
 * "the state with the most - top 5 cities there": the row of the last answer with the highest value, broken down by
 * another dimension. Only beside another breakdown: "the state with the most orders" alone is a ranking.
 */
function pickedByValue(frame: Frame, ctx: Context, at: number): boolean {
  const reading = ctx.spans[at]!.readings.find((r) => r.kind === 'dimension');
  const dimension = reading && 'id' in reading ? reading.id : undefined;
  if (!dimension || ctx.lexicon.catalog.dimensions[dimension]?.grain || ctx.prevWord(at) !== 'the')
    return false;
  if (ctx.nextWord(at) !== 'with') return false;
  const rankSpan = ctx.spans.slice(at + 2, at + 4).find((s) => {
    const kinds = ctx.cueKinds(s);
    return kinds.has('rankDesc') || kinds.has('rankAsc');
  });
  const otherBreakdown = frame.groupBy.some(
    (g) => g.id !== dimension && !ctx.lexicon.catalog.dimensions[g.id]?.grain,
  );
  if (!rankSpan || !otherBreakdown) return false;
  const index = ctx.cueKinds(rankSpan).has('rankAsc') ? -1 : 1;
  frame.rowPick = {
    index,
    text: `the ${ctx.spans[at]!.text} with the ${rankSpan.text}`,
    dimension,
    byValue: true,
  };
  frame.groupBy = frame.groupBy.filter((g) => g.at !== at);
  return true;
}

/**
 * "and for no. 2?", "what about #3": a row by its number in the last answer. Only a small number standing alone
 * after "no."/"number" or written "#3", with nothing else asked ("top 3" is a count, "no 2 day shipping" a phrase).
 */
function pickedByNumber(frame: Frame, ctx: Context, span: Span): boolean {
  const next = ctx.spans[span.at + 1];
  const marked = /^(no|number|num|nr)$/.test(span.text) && next?.readings.some((r) => r.kind === 'number');
  const hashed = /^#\d+$/.test(span.text);
  const index = marked ? Number(next!.text) : hashed ? Number(span.text.slice(1)) : 0;
  const lastAt = marked ? span.at + 1 : span.at;
  // "the number one, month by month", "take the #2 one", "the #2 size": after "the", a row by its number
  // wherever it stands.
  const after = ctx.spans[lastAt + 1];
  const dimension = after?.readings.find((r) => r.kind === 'dimension');
  const pickedDimension =
    dimension && 'id' in dimension && !ctx.lexicon.catalog.dimensions[dimension.id]?.grain
      ? dimension.id
      : undefined;
  const named =
    (marked || hashed) &&
    ctx.prevWord(span.at) === 'the' &&
    (marked || after?.text === 'one' || pickedDimension !== undefined);
  const alone = lastAt === ctx.spans.length - 1 && !frame.metrics.length && !frame.groupBy.length;
  // "#2 by size", "wat did #2 buy?", "drill into #1 by cat": "#N" opening the ask or after a preposition or verb.
  const opens =
    (marked || hashed) &&
    (span.at === 0 || /^(did|does|for|in|of|on|at|from|into|with|about)$/.test(ctx.prevWord(span.at)));
  if (!index || index > 50 || !(alone || named || opens)) return false;
  frame.rowPick = { index, text: marked ? `no. ${index}` : `#${index}` };
  if (named && pickedDimension && hashed) {
    frame.rowPick.dimension = pickedDimension;
    frame.groupBy = frame.groupBy.filter((g) => g.at !== lastAt + 1);
  }
  frame.loneNumbers = frame.loneNumbers.filter((n) => n !== index);
  // "wat did #2 buy? top 5 styles": a ranking said elsewhere stays.
  const rankedElsewhere = ctx.spans.some(
    (s) => s.at > lastAt && (ctx.cueKinds(s).has('rankDesc') || ctx.cueKinds(s).has('rankAsc')),
  );
  if (!rankedElsewhere) delete frame.rank;
  frame.filters = frame.filters.filter((f) => f.at !== span.at);
  frame.unknown = frame.unknown.filter((u) => u.at !== span.at && u.at !== lastAt);
  return true;
}

/** About how many days a period spans, to tell a handful of days from a month; no reference date is needed. */
function roughDays(spec: TimeSpec): number {
  const UNIT_DAYS = { day: 1, week: 7, month: 30, quarter: 91, year: 365 } as const;
  switch (spec.kind) {
    case 'month':
      return 30;
    case 'quarter':
      return 91;
    case 'year':
      return 365;
    case 'rolling':
      return spec.n * UNIT_DAYS[spec.unit];
    case 'calendar':
      return UNIT_DAYS[spec.unit];
    case 'range': {
      const days =
        (Date.parse(spec.to.replace('????', '2000')) - Date.parse(spec.from.replace('????', '2000'))) /
        86_400_000;
      return Number.isFinite(days) ? days + 1 : 0;
    }
    case 'weekOfMonth':
      return 7;
    case 'toDate':
      return spec.unit === 'month' ? 15 : 45;
    case 'since':
      return 30;
    default:
      return 0;
  }
}

/**
 * "april and may net revenue": two months side by side are each shown, month by month over the span (the total is
 * their sum); "April to May" and "between April and May" stay one period.
 */
export function markEachMonth(frame: Frame, ctx: Context): void {
  const months = frame.times.filter((t) => t.spec.kind === 'month');
  if (months.length < 2 || months.length !== frame.times.length) return;
  const joins = months
    .slice(1)
    .map((t, k) => ctx.spans.filter((s) => s.from >= months[k]!.to && s.to <= t.from).map((s) => s.text));
  const joined = (words: string[], re: RegExp) => words.length > 0 && words.every((w) => re.test(w));
  // "between October 2021 and March 2022": one span of time.
  const opening = ctx.spans.find((s) => s.to === months[0]!.from)?.text ?? '';
  if (/(^|\s)(between|from)$/.test(opening) || /^(between|from)\b/i.test(months[0]!.text)) return;
  // "apr vs may vs jun", "apr, may and jun": three months or more are each shown, whatever joins them;
  // two joined by "and" too; "may vs june" stays a comparison of two periods.
  if (months.length > 2 && joins.every((w) => joined(w, /^(and|&|vs|versus|or)$/) || w.length === 0)) {
    frame.eachMonth = true;
    frame.comparePeriods = false;
  } else if (months.length === 2 && joined(joins[0]!, /^(and|&)$/) && !frame.comparePeriods)
    frame.eachMonth = true;
}

/** "orders WoW for the last 4 weeks": a weekly breakdown of the last N weeks is N whole weeks, not 28 days. */
export function wholeWeeksWhenWeekly(frame: Frame, ctx: Context): void {
  const weekly =
    frame.growthUnit === 'week' ||
    frame.groupBy.some((g) => ctx.lexicon.catalog.dimensions[g.id]?.grain === 'week');
  if (!weekly) return;
  for (const t of frame.times)
    if (t.spec.kind === 'rolling' && t.spec.unit === 'week') t.spec = { ...t.spec, whole: true };
}

/**
 * "orders on amazon", "the whole Amazon dataset": the marketplace the order report is from, not a filter. A price
 * list's marketplace stays a filter when the question is about prices ("kurta MRP on Amazon").
 */
export function dropMarketplaceWord(frame: Frame, ctx: Context): void {
  const aboutPrices = frame.metrics.some((m) => ctx.lexicon.catalog.metrics[m.id]?.source === 'price_list');
  if (aboutPrices) return;
  frame.filters = frame.filters.filter(
    (f) =>
      !(
        f.candidates.length &&
        f.candidates.every((c) => c.source === 'price_list') &&
        ctx.spans[f.at]?.text === 'amazon'
      ),
  );
}

/** "both" said as the thread's two sides or periods, which applyBoth sets side by side. */
export function markBoth(frame: Frame, words: string): void {
  // "order count in each bucket" after "with a promo" then "without": the two sides, as "both" is.
  if (
    /\b(?:each|both|per|every) (?:bucket|group|side)s?\b|\beach of (?:them|the two)\b|\bside by side\b/.test(
      words,
    )
  ) {
    frame.both = true;
    frame.unknown = frame.unknown.filter((u) => !/^(bucket|group|side)s?$/.test(u.word));
  }
  // "which category climbed most between those two weeks": the thread's two periods, not a top two.
  if (
    /\b(?:between|across|over) (?:those|these|the) (?:two|2) (?:weeks|wks|months|periods|fortnights|days)\b/.test(
      words,
    )
  ) {
    frame.both = true;
    if (frame.rank?.n === 2) delete frame.rank.n;
    // "in % terms": the change as a percentage, not a share.
    if (frame.growth) frame.share = false;
  }
}
