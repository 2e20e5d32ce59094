import { averagedOver, countable, grainOf } from './catalog-words.js';
import { countedThenBrokenDown } from './breakdown-words.js';
import type { Frame } from './frame.js';
import type { Context } from './grammar-context.js';
import type { Span } from './tagging.js';

/**
 * A dimension's name in a question, and the role it plays there: most often a breakdown ("by state"), but also
 * what is counted ("how many states"), who is averaged over, who bought ("sold to wholesale buyers"), a dimension
 * taken away ("drop the size split") or every value of one ("all states again").
 */
export function pushDimension(frame: Frame, span: Span, id: string, ctx?: Context): void {
  frame.understoodWords++;
  // "and the other channel?": a value of it, not a breakdown by it (see applyOtherValue).
  if (ctx?.prevWord(span.at) === 'other' && /^(the|that|this)$/.test(ctx.prevWord(span.at - 1))) {
    frame.otherOf = id;
    frame.unknown = frame.unknown.filter((u) => u.at !== span.at - 1);
    return;
  }
  // "stuck in a pending state": the state an order is in, its status, not a breakdown by ship state.
  const said = ctx?.spans[span.at - 1];
  if (id === 'state' && said?.readings.some((r) => r.kind === 'value' && /status/.test(r.dimension))) return;
  // "for the same two months", "both weeks": the periods already asked about, not a breakdown by month.
  if (
    ctx &&
    ctx.lexicon.catalog.dimensions[id]?.grain &&
    (/^(same|two|both|those|these)$/.test(ctx.prevWord(span.at)) ||
      // "drop march, its one day": how long it is, not a breakdown.
      (ctx.prevWord(span.at) === 'one' && /^(its|it's|only|just)$/.test(ctx.prevWord(span.at - 1))))
  )
    return;
  // "June-to-date revenue", "month to date": how far the period runs, not a breakdown by day.
  if (ctx && span.text === 'date' && ctx.prevWord(span.at) === 'to' && !ctx.groupingContext(span)) return;
  // "by category, all dates", "for all time": the whole period, not a breakdown by day.
  if (ctx && grainOf(ctx, id) && ctx.prevWord(span.at) === 'all' && /^(dates|time|times)$/.test(span.text))
    return;
  if (ctx && /^(all|every|each)$/.test(ctx.prevWord(span.at))) {
    frame.allOf.push(id);
    if (ctx.prevWord(span.at) === 'all') frame.allSaid = [...(frame.allSaid ?? []), id];
    // "price per piece across all customers": the whole set, not one row per customer; "order count, all
    // statuses": an aside that every status counts.
    if (ctx.prevWord(span.at - 1) === 'across' || ctx.spans[span.at - 1]?.text === 'across all') return;
    // "all states again" after "only MH": the filter lifted; "every status included": none left out.
    // "all categories lumped together / combined": one figure over them.
    const after = ctx.nextWord(span.at);
    if (/^(lumped|together|combined)$/.test(after)) frame.overall = true;
    if (after === 'again') frame.again = [...(frame.again ?? []), id];
    if (/^(again|included|inclusive|incl|counted|lumped|together|combined)$/.test(after)) return;
    if (
      ctx.prevWord(span.at) === 'all' &&
      ctx.spans[span.at - 1]?.pauseBefore &&
      span.at === ctx.spans.length - 1
    )
      return;
  }
  // "how much did we bill wholesale customers": the customers are who was billed, not a breakdown.
  const grain = Boolean(ctx?.lexicon.catalog.dimensions[id]?.grain);
  // "remove the colour filter", "drop the size split": a dimension after a removal word is what goes.
  if (
    ctx &&
    [1, 2].some((k) => ctx.spans[span.at - k] && ctx.cueKinds(ctx.spans[span.at - k]!).has('remove'))
  ) {
    frame.removeDims.push(id);
    frame.understoodWords++;
    return;
  }
  // "orders from states other than MH and KA": the states are who is counted, the negation says which.
  const after = ctx?.spans[span.at + 1];
  // "what did the status mix look like": a dimension named as its breakdown ("mix", "split") is one, whatever its verb.
  const breaksDown =
    ctx?.groupingContext(span) ||
    /^(all|every|which|what)$/.test(ctx?.prevWord(span.at) ?? '') ||
    /\b(mix|split|breakdown|distribution)$/.test(span.text);
  if (ctx && after && ctx.cueKinds(after).has('negate') && !breaksDown && !frame.rank) {
    frame.about.push(id);
    return;
  }
  // "how many units per order do customers buy": the subject of the question's verb, not a breakdown.
  if (ctx && !grain && !breaksDown && /^(do|does|did)$/.test(wordBeforeQualifiers(ctx, span))) return;
  // "pieces we sold to wholesale buyers", "revenue from b2b customers": who the sales went to, not a breakdown.
  if (ctx && !grain && !breaksDown && soldToOrFrom(ctx, span)) {
    frame.about.push(id);
    return;
  }
  if (
    ctx &&
    !grain &&
    /^(bill|billed|charge|charged|invoice|invoiced)$/.test(wordBeforeQualifiers(ctx, span))
  ) {
    frame.about.push(id);
    return;
  }
  const before = ctx?.spans[span.at - 1];
  if (ctx && before && ctx.cueKinds(before).has('average') && averagedOver(ctx, id)) {
    frame.perValueOf = id;
    frame.about.push(id);
    return;
  }
  // "monthly count of cancelled lines": "monthly" is the count's breakdown, never what is counted.
  const adverb = /ly$/.test(span.text);
  if (
    (ctx?.countsBefore(span) && !adverb) ||
    (ctx?.mostBefore(span) && countable(ctx, id) && !frame.countOf) ||
    (ctx && countedThenBrokenDown(ctx, span, id) && !frame.rank)
  ) {
    frame.countOf = id;
    return;
  }
  if (!frame.groupBy.some((g) => g.id === id)) frame.groupBy.push({ id, at: span.at });
}

function soldToOrFrom(ctx: Context, span: Span): boolean {
  return /^(to|from)$/.test(wordBeforeQualifiers(ctx, span));
}

/** "did our wholesale buyers": the word before a noun's qualifiers (did). */
function wordBeforeQualifiers(ctx: Context, span: Span): string {
  for (let k = span.at; k >= Math.max(1, span.at - 3); k--) {
    const word = ctx.prevWord(k);
    if (!/^(wholesale|international|b2b|our|the|those|these|overseas|retail|foreign|export)$/.test(word))
      return word;
  }
  return '';
}
