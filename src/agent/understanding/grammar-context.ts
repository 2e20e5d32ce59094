import type { CueKind } from './cues.js';
import type { Frame } from './frame.js';
import type { Lexicon } from './lexicon.js';
import { isFiller, type Span, type SpanReading } from './tagging.js';

/** Words before a span that make it stand where a filter value would ("for Set", "in Kerala", "vs Kurta"). */
const VALUE_CONTEXT = new Set([
  'for',
  'of',
  'in',
  'from',
  'via',
  'by',
  'is',
  'are',
  'was',
  'about',
  'and',
  'or',
  'vs',
  'versus',
  'only',
  'just',
  'size',
  'category',
  'status',
  'state',
  'city',
  'to',
  'with',
  'on',
  'at',
  'than',
  'but',
  'not',
  // "lines that are still pending", "orders currently shipped": the state a count is in.
  'still',
  'currently',
]);

const GROUPING_BEFORE = new Set([
  'by',
  'per',
  'across',
  'split',
  'vs',
  'versus',
  'or',
  'each',
  'between',
  'wise',
]);

/** Neighbourhood questions the rules ask about a span. */
export class Context {
  constructor(
    readonly spans: Span[],
    readonly lexicon: Lexicon,
  ) {}

  cueKinds(span: Span): Set<CueKind> {
    return new Set(span.readings.flatMap((r: SpanReading) => (r.kind === 'cue' ? [r.cue] : [])));
  }

  prevWord(at: number): string {
    return this.spans[at - 1]?.text.split(' ').pop() ?? '';
  }

  nextWord(at: number): string {
    return this.spans[at + 1]?.text.split(' ')[0] ?? '';
  }

  /** "Western Dress revenue out of Pune": where it came from, not "take it out" ("take kurta out of it"). */
  outOfPlace(span: Span): boolean {
    return (
      span.text === 'out' &&
      this.nextWord(span.at) === 'of' &&
      Boolean(this.spans[span.at + 2]?.readings.some((r) => r.kind === 'value'))
    );
  }

  isLoneNumber(span: Span): boolean {
    return (
      /^\d+(\.\d+)?%?$/.test(span.text) &&
      !this.spans.some((s) => s.at === span.at - 1 && /top|bottom/.test(s.text))
    );
  }

  /** "set" is the category only where a value would stand: "for Set", "Set revenue", "Set vs Kurta", "SET". */
  clearValueContext(span: Span): boolean {
    const prev = this.prevWord(span.at);
    const next = this.spans[span.at + 1];
    // "orders shipped to Gujarat": the verb of a destination, not the status Shipped.
    if (
      /^(shipped|delivered|sent|shipping)$/.test(span.text) &&
      /^(to|from|into|across)$/.test(this.nextWord(span.at))
    )
      return false;
    // "the Set category", "category Set": the dimension word beside it says which word is the value.
    // "har state ka order count": a lower-case particle after the dimension's name is no code of its values.
    if (!this.isParticle(span) && this.labelledBy(span)) return true;
    // "what share of May units did Set account for?": a capitalised word inside the sentence is a name.
    // Not a word of a longer name in capitals ("Pending - Waiting for Pick Up").
    const capital = (s?: Span) => Boolean(s && /^[A-Z]/.test(s.raw));
    const alone = !capital(this.spans[span.at - 1]) && !capital(this.spans[span.at + 1]);
    if (span.at > 0 && /^[A-Z][a-z]+$/.test(span.raw) && alone && !span.pauseBefore) return true;
    // "stuck in a pending state": a status word before "state" or "status" is that status.
    if (
      /^(state|status)$/.test(this.nextWord(span.at)) &&
      span.readings.some((r) => r.kind === 'value' && /status/.test(r.dimension))
    )
      return true;
    // "top 5 set styles", "3 kurta sizes": between a ranking's count and another breakdown, a value qualifies it.
    if (this.qualifiesRankedBreakdown(span)) return true;
    // "expedited shipping orders": "shipping" opens the name of the value before it, so it is that value's label.
    const before = this.spans[span.at - 1];
    const beforeDims = new Set(before?.readings.flatMap((r) => (r.kind === 'value' ? [r.dimension] : [])));
    if (this.opensNameOf(span.text, beforeDims)) return false;
    // Two-letter codes ("up", "or", "as") are states only when typed as codes ("UP") or right after "in"/"for".
    // Opening the question before a measure or another value ("ka western dress rev", "mh gmv") they are too.
    // Not a word with a role of its own ("as units", "or").
    const leads =
      span.at === 0 &&
      span.readings.every((r) => r.kind !== 'cue' || r.cue === 'commonWord') &&
      Boolean(
        next?.readings.some(
          (r) =>
            r.kind === 'metric' ||
            (r.kind === 'value' && !r.common) ||
            // "ka share of gmv in june?": the state's share.
            (r.kind === 'cue' && r.cue === 'share'),
        ),
      );
    // "gmv ka vs tn": set against another value of its dimension, a code is that value too.
    const ownDims = (s?: Span) => s?.readings.flatMap((r) => (r.kind === 'value' ? [r.dimension] : [])) ?? [];
    const across = this.spans[span.at + 2];
    const setAgainst =
      /^(vs|versus|v|and|&)$/.test(this.nextWord(span.at)) &&
      ownDims(across).some((d) => ownDims(span).includes(d));
    if (span.text.length <= 2)
      return (
        (span.raw === span.raw.toUpperCase() && /[A-Z]/.test(span.raw)) ||
        /^(in|for|from|only|just|vs|versus)$/.test(prev) ||
        leads ||
        setAgainst
      );
    if (VALUE_CONTEXT.has(prev) || this.negatedBefore(span)) return !this.isDimensionOrRankNext(span);
    // "XL and XXL sets", "merchant kurtas": the noun after another dimension's value is a value too.
    const own = new Set(span.readings.flatMap((r) => (r.kind === 'value' ? [r.dimension] : [])));
    if (
      !span.readings.some((r) => r.kind === 'cue' && r.cue === 'filler') &&
      before?.readings.some((r) => r.kind === 'value' && !own.has(r.dimension)) &&
      !before.readings.some((r) => r.kind === 'cue' && r.cue !== 'commonWord')
    )
      return true;
    if (next && /^(vs|versus|or|and)$/.test(next.text)) return true;
    if (this.countedValue(span)) return true;
    // "tops down to their last piece", "sets in June": a plural opening the question names the things asked about
    // ("top", "set" there are the ranking word and the verb).
    if (span.at === 0 && /s$/.test(span.text) && next?.readings.every((r) => r.kind !== 'number'))
      return true;
    if (
      next &&
      next.readings.some((r) => r.kind === 'metric') &&
      !next.readings.some((r) => r.kind === 'dimension')
    )
      return true;
    // "pending lines by state": before the noun a count is of, the word says which lines.
    if (next && /^(lines|line items|items|pcs|pieces)$/.test(next.text)) return true;
    if (span.raw.length >= 2 && span.raw === span.raw.toUpperCase() && /[A-Z]/.test(span.raw)) return true;
    // "the Amazon data", "our Amazon report": a name before a word for the file is not a filter value.
    if (/^(data|report|file|export|numbers|account|store|listing|sheet)$/.test(this.nextWord(span.at)))
      return false;
    return span.at > 0 && /^[A-Z][a-z]/.test(span.raw) && !this.rankFollows(span);
  }

  /**
   * "How did Top revenue in June compare with May?": a ranking word with no number and nothing in the question to
   * rank (no breakdown, no "which") ranks nothing, so the word is the value it also names (the category Top).
   */
  ranksNothing(span: Span): boolean {
    // "What share of Top revenue…": a capital mid-sentence, then a measure, with no count: the name, not a ranking.
    const named =
      span.at > 0 &&
      /^[A-Z][a-z]/.test(span.raw) &&
      this.rankCount(span).n === undefined &&
      Boolean(this.spans[span.at + 1]?.readings.some((r) => r.kind === 'metric'));
    if (named && span.readings.some((r) => r.kind === 'value')) return true;
    return (
      span.readings.some((r) => r.kind === 'value') &&
      Boolean(this.spans[span.at + 1]?.readings.some((r) => r.kind === 'metric')) &&
      this.rankCount(span).n === undefined &&
      !this.spans.some(
        (s) =>
          s.readings.some((r) => r.kind === 'dimension') ||
          ['which', 'groupBy', 'split'].some((k) => this.cueKinds(s).has(k as CueKind)),
      )
    );
  }

  private qualifiesRankedBreakdown(span: Span): boolean {
    const before = this.spans[span.at - 1];
    const after = this.spans[span.at + 1];
    const own = new Set(span.readings.flatMap((r) => (r.kind === 'value' ? [r.dimension] : [])));
    return Boolean(
      before?.readings.some((r) => r.kind === 'number') &&
      after?.readings.some((r) => r.kind === 'dimension' && !own.has(r.id)),
    );
  }

  /** "how many top SKUs are OOS": a count has no ranking without a number, so "top" there is the category. */
  countedValue(span: Span): boolean {
    return this.countsBefore(span) && !this.spans[span.at + 1]?.readings.some((r) => r.kind === 'number');
  }

  labelledBy(span: Span): boolean {
    const dims = new Set(span.readings.flatMap((r) => (r.kind === 'value' ? [r.dimension] : [])));
    return [this.spans[span.at + 1], this.spans[span.at - 1]].some(
      (s) =>
        s?.readings.some((r) => r.kind === 'dimension' && dims.has(r.id)) || this.opensNameOf(s?.text, dims),
    );
  }

  /** "standard shipping": the word beside opens one of the dimension's names ("shipping speed") without being one. */
  private opensNameOf(word: string | undefined, dims: Set<string>): boolean {
    return (
      word !== undefined &&
      [...dims].some((d) =>
        this.lexicon.catalog.dimensions[d]?.synonyms.some(
          (syn) => syn.includes(' ') && syn.split(' ')[0] === word,
        ),
      )
    );
  }

  /** "not Set", "everything that's not a Set": a negation within a few filler words. */
  private negatedBefore(span: Span): boolean {
    for (let k = span.at - 1; k >= Math.max(0, span.at - 3); k--) {
      const s = this.spans[k]!;
      if (this.cueKinds(s).has('negate')) return true;
      if (!isFiller(s)) return false;
    }
    return false;
  }

  private isDimensionOrRankNext(span: Span): boolean {
    const next = this.spans[span.at + 1];
    return Boolean(next && next.readings.some((r) => r.kind === 'number'));
  }

  rankFollows(span: Span): boolean {
    const next = this.spans[span.at + 1];
    return Boolean(
      next && next.readings.some((r) => r.kind === 'number' || r.kind === 'dimension' || r.kind === 'metric'),
    );
  }

  rankedBefore(span: Span): boolean {
    const prev = this.spans[span.at - 1];
    if (!prev) return false;
    const kinds = this.cueKinds(prev);
    return (
      kinds.has('rankDesc') ||
      kinds.has('rankAsc') ||
      kinds.has('which') ||
      prev.readings.some((r) => r.kind === 'number') ||
      GROUPING_BEFORE.has(this.prevWord(span.at))
    );
  }

  /** N of "top 5", "3 worst", "top three"; none for "top". */
  rankCount(span: Span): { n?: number } {
    const num = (s: Span | undefined) => s?.readings.find((r) => r.kind === 'number');
    const after = num(this.spans[span.at + 1]);
    if (after && after.kind === 'number' && Number.isInteger(after.value) && after.value <= 1000)
      return { n: after.value };
    // "2nd one - top cities": a number across a pause belongs to the phrase before it.
    const before = span.pauseBefore ? undefined : num(this.spans[span.at - 1]);
    if (before && before.kind === 'number' && Number.isInteger(before.value) && before.value <= 1000)
      return { n: before.value };
    if (/^(single|#1|number one|no 1)$/.test(this.spans[span.at - 1]?.text ?? '')) return { n: 1 };
    // "the five colours with the deepest stock": a count right before a breakdown word.
    const counted2 = this.spans.find(
      (s) =>
        s.readings.some((r) => r.kind === 'number') &&
        this.spans[s.at + 1]?.readings.some((r) => r.kind === 'dimension'),
    );
    const n2 = counted2?.readings.find((r) => r.kind === 'number');
    if (n2 && n2.kind === 'number' && Number.isInteger(n2.value) && n2.value <= 1000) return { n: n2.value };
    // "which 5 states had the most…": the count sits after "which", before the dimension.
    const which = this.spans.slice(0, span.at).find((s) => this.cueKinds(s).has('which'));
    const counted = which && num(this.spans[which.at + 1]);
    if (counted && counted.kind === 'number' && Number.isInteger(counted.value) && counted.value <= 1000)
      return { n: counted.value };
    // "its top cities", "bottom states": "top" right before a plural breakdown, with no count, is a short list
    // (five, as people mean it); "top city" is one, and "the best selling categories" ranks them all.
    const named = this.spans[span.at + 1];
    const plural = named && /s$/.test(named.text) && !named.text.endsWith('ss');
    if (/^(top|bottom)$/.test(span.text) && plural && named.readings.some((r) => r.kind === 'dimension'))
      return { n: 5 };
    return {};
  }

  groupingContext(span: Span): boolean {
    const next = this.nextWord(span.at);
    // "with a promotion applied versus without": a participle between the value and "versus" changes nothing.
    const afterParticiple = /^(applied|used|given|added|on)$/.test(next) ? this.nextWord(span.at + 1) : '';
    return (
      GROUPING_BEFORE.has(this.prevWord(span.at)) ||
      /^(vs|versus|or|wise|split|breakdown|mix)$/.test(next) ||
      /^(vs|versus)$/.test(afterParticiple) ||
      /\b(vs|or|type)\b/.test(span.text)
    );
  }

  chartContext(span: Span): boolean {
    return (
      /^(as|in|into|a|an|on)$/.test(this.prevWord(span.at)) ||
      /^(chart|graph|plot|view)$/.test(this.nextWord(span.at))
    );
  }

  /** "category Set", "size XL", "state of Kerala": the dimension word labels the value beside it. */
  namesValueNext(span: Span, dimension: string): boolean {
    const near = [
      this.spans[span.at + 1],
      this.spans[span.at - 1],
      this.prevWord(span.at + 1) === 'of' ? this.spans[span.at + 2] : undefined,
    ];
    const ranks = (s: Span) => this.cueKinds(s).has('rankDesc') || this.cueKinds(s).has('rankAsc');
    return near.some(
      (s) =>
        s &&
        !ranks(s) &&
        !this.isParticle(s) &&
        s.readings.some((r) => r.kind === 'value' && r.dimension === dimension),
    );
  }

  /** "ka", "ki", "ke" typed in lower case: Hinglish particles, though "KA" is also a state's code. */
  isParticle(span: Span): boolean {
    return (
      span.text.length <= 2 &&
      span.raw === span.raw.toLowerCase() &&
      span.readings.some((r) => r.kind === 'cue' && r.cue === 'commonWord')
    );
  }

  valueFollows(span: Span): boolean {
    for (let k = span.at + 1; k < Math.min(this.spans.length, span.at + 3); k++) {
      const s = this.spans[k]!;
      if (s.readings.some((r) => r.kind === 'value' || r.kind === 'boolean' || r.kind === 'metric'))
        return true;
      if (!isFiller(s)) return false;
    }
    return false;
  }

  /** "how many SKUs", "number of customers", "SKU count". */
  countsBefore(span: Span): boolean {
    // "how many lines were delivered … each week": a value before a date grain is no part of a count of it.
    const grain = span.readings.some(
      (r) => r.kind === 'dimension' && this.lexicon.catalog.dimensions[r.id]?.grain,
    );
    // "how many customers each month": the count is of customers; the month is their breakdown.
    const between = this.spans[span.at - 1];
    if (between?.readings.some((r) => r.kind === 'dimension' || r.kind === 'metric')) return false;
    // "how many diff wholesale customers": words naming the report, or with no role, may stand between, and so may
    // a value saying which ones are counted ("number of out-of-stock SKUs").
    let at = span.at;
    while (at > 0 && at > span.at - 3) {
      const s = this.spans[at - 1]!;
      const roleless = s.readings.every(
        (r) =>
          r.kind === 'source' || (r.kind === 'value' && !grain) || (r.kind === 'cue' && r.cue === 'filler'),
      );
      // "no. of SKUs": a count phrase read as one span ends the walk back, as "of" does.
      if (!s.readings.length || !roleless || /^(many|count)$|(^|\s)of$/.test(s.text)) break;
      at--;
    }
    const before = this.spans
      .slice(Math.max(0, at - 3), at)
      .map((s) => s.text)
      .join(' ');
    return (
      /\b(how many|number of|no of|count of|count)( (?!by\b|per\b|across\b|for\b|in\b)\w+)?$/.test(before) ||
      this.nextWord(span.at) === 'count'
    );
  }

  /** "the most out-of-stock SKUs", "fewest customers": a ranking word before a plural noun (values between). */
  mostBefore(span: Span): boolean {
    if (!/s$/.test(span.text)) return false;
    for (let k = span.at - 1; k >= Math.max(0, span.at - 3); k--) {
      const s = this.spans[k]!;
      if (/^(most|fewest|least|more|fewer)$/.test(s.text)) return true;
      if (!isFiller(s) && !s.readings.some((r) => r.kind === 'value' || r.kind === 'boolean')) return false;
    }
    return false;
  }

  /**
   * A bare "amazon" is the marketplace, not Amazon fulfilment, unless fulfilment is in the air: "fulfilled by
   * Amazon", "Amazon vs Merchant", "fulfilment Amazon" ("amazon fulfilled", "fba" are readings of their own).
   */
  namesTheMarketplace(span: Span, dimension: string): boolean {
    if (span.text !== 'amazon' || dimension !== 'fulfilment') return false;
    const near = [-3, -2, -1, 1, 2].map((k) => this.spans[span.at + k]).filter((s): s is Span => Boolean(s));
    const fulfilmentNear = near.some(
      (s) =>
        /^(fulfil|fulfill|fulfilled|fulfilment|fulfillment|shipped|ship|via|by)$/.test(s.text) ||
        s.readings.some(
          (r) =>
            (r.kind === 'value' || r.kind === 'dimension') &&
            (r.kind === 'value' ? r.dimension : r.id) === 'fulfilment' &&
            s.at !== span.at,
        ),
    );
    return !fulfilmentNear;
  }

  onlyBefore(span: Span): boolean {
    for (let k = span.at - 1; k >= Math.max(0, span.at - 3); k--)
      if (this.cueKinds(this.spans[k]!).has('only')) return true;
    return false;
  }

  /**
   * A count word naming the rows a filter keeps, not a measure: "for B2B orders", "fba orders only", "only orders
   * that weren't cancelled".
   */
  headsFilterPhrase(span: Span, frame: Frame): boolean {
    const prev = this.spans[span.at - 1];
    const next = this.nextWord(span.at);
    const onlyAround = (s: Span | undefined) => Boolean(s && this.cueKinds(s).has('only'));
    const restricts = /^(that|which|where|with|from|in|to|shipped|going|not|placed|delivered|sent)$/.test(
      next,
    );
    if (onlyAround(prev) && restricts) return true;
    // "revenue for orders not shipped to MH": the measure is named; the count word heads the condition.
    if (frame.metrics.length && restricts && /^(for|of|from|on|among|across)$/.test(prev?.text ?? ''))
      return true;
    if (!prev || !frame.filters.some((f) => f.at === prev.at)) return false;
    if (onlyAround(this.spans[span.at + 1])) return true;
    for (let k = prev.at - 1; k >= Math.max(0, prev.at - 3); k--) {
      const s = this.spans[k]!;
      // "number of Western Dress orders": the count word names the measure, "of" only joins it.
      if (s.text === 'of' && /^(number|count|no|total|tally)$/.test(this.prevWord(k))) return false;
      if (/^(for|of|from|only|just|with|on|among|in)$/.test(s.text) || this.cueKinds(s).has('only'))
        return true;
      // "only the self-ship (merchant) orders": other values of the phrase stand between too.
      if (!isFiller(s) && !this.cueKinds(s).has('negate') && !frame.filters.some((f) => f.at === s.at)) break;
    }
    return false;
  }
}
