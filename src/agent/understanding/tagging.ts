import type { TimeMention } from './dates.js';
import type { Lexicon, Reading } from './lexicon.js';
import { phraseOf, type Token } from './tokens.js';

/**
 * The lattice: the question cut into spans, each with every reading it could have. The longest phrase with a
 * meaning wins a position ("sales channel" over "sales"), but within a span nothing is decided yet: "set" keeps
 * both the category Set and the ordinary word, "amazon" both the fulfilment value and the marketplace. The grammar
 * decides from context.
 */
export type SpanReading =
  | Reading
  | { kind: 'time'; mention: TimeMention; score: number }
  | { kind: 'number'; value: number; score: number };

export interface Span {
  /** Position among spans. */
  at: number;
  /** Token range [from, to). */
  from: number;
  to: number;
  text: string;
  /** Raw text as typed (case kept: "UP" the state, "up" the word). */
  raw: string;
  /** Punctuation stands before it ("not cancelled, merchant only"): a new phrase may start here. */
  pauseBefore?: boolean;
  readings: SpanReading[];
}

/** Spans that only carry filler, or nothing known. */
export function isFiller(span: Span): boolean {
  return (
    span.readings.length > 0 &&
    span.readings.every((r) => r.kind === 'cue' && (r.cue === 'filler' || r.cue === 'commonWord'))
  );
}

export function isUnknown(span: Span): boolean {
  return span.readings.length === 0;
}

export function tag(tokens: Token[], lexicon: Lexicon, times: TimeMention[]): Span[] {
  const spans: Span[] = [];
  const timeAt = new Map(times.map((t) => [t.from, t]));
  const inTime = new Set(times.flatMap((t) => range(t.from, t.to)));
  const push = (from: number, to: number, readings: SpanReading[]) =>
    spans.push({
      at: spans.length,
      from,
      to,
      text: phraseOf(tokens, from, to),
      raw: tokens
        .slice(from, to)
        .map((t) => t.raw)
        .join(' '),
      readings,
      ...(tokens[from]?.pauseBefore ? { pauseBefore: true } : {}),
    });
  let i = 0;
  while (i < tokens.length) {
    const time = timeAt.get(i);
    if (time) {
      push(time.from, time.to, [{ kind: 'time', mention: time, score: 1 }]);
      i = time.to;
      continue;
    }
    let best = longestReading(tokens, i, lexicon, inTime);
    // "line count per order status": "per order" (AOV) ends where "order status" starts; the breakdown wins, as
    // "order lines" does in "number of order lines".
    // A value's name ("low stock" before "stock count") keeps its words.
    const valued = best.readings.some((r) => r.kind === 'value' || r.kind === 'boolean');
    if (best.length > 1 && !valued && endsInsideName(tokens, i + best.length - 1, lexicon, inTime)) {
      // Only when what is left is no name itself: "order lines shipped" stays "order lines" + "shipped".
      const shorter = longestReading(tokens, i, lexicon, inTime, best.length - 1);
      if (!shorter.readings.some((r) => r.kind === 'metric' || r.kind === 'dimension')) best = shorter;
    }
    push(i, i + best.length, best.readings);
    i += best.length;
  }
  return spans;
}

function longestReading(
  tokens: Token[],
  i: number,
  lexicon: Lexicon,
  inTime: Set<number>,
  maxWords = lexicon.maxWords,
) {
  let limit = 0;
  while (limit < maxWords && i + limit < tokens.length && !inTime.has(i + limit)) limit++;
  for (let n = limit; n >= 1; n--) {
    const phrase = phraseOf(tokens, i, i + n);
    const lemma = phraseOf(tokens, i, i + n, 'lemma');
    const readings: SpanReading[] = lexicon.readingsOf(phrase, lemma);
    const fillerOnly = readings.length > 0 && readings.every((r) => r.kind === 'cue' && r.cue === 'filler');
    const structural = readings.some((r) => r.kind === 'cue' && r.cue !== 'filler' && r.cue !== 'commonWord');
    const common = isCommon(lexicon, phrase);
    if (n <= 4 && (common || (!fillerOnly && !structural))) {
      // "mumbai's cut": the possessive names the value, never a value spelt with an S ("Mumbai S").
      const named = phrase.replace(/'s(?=\s|$)/g, '');
      readings.push(...lexicon.valuesOf(named, { fuzzy: n > 1 || named.length >= 5 }));
    }
    if (n === 1 && tokens[i]!.num !== undefined)
      readings.push({ kind: 'number', value: tokens[i]!.num!, score: 1 });
    const meaningful = readings.some((r) => !(r.kind === 'cue' && r.cue === 'filler'));
    // A filler phrase ("right now", "on average") is one span, so neither word is left over as unknown, unless one
    // of its words means something on its own.
    if (meaningful || (readings.length && (n === 1 || !hasOwnMeaning(tokens, i, n, lexicon))))
      return { length: n, readings };
  }
  return { length: 1, readings: [] as SpanReading[] };
}

/** A dimension's or measure's name starts at this token and runs past it ("order" of "order status"). */
function endsInsideName(tokens: Token[], last: number, lexicon: Lexicon, inTime: Set<number>): boolean {
  for (let n = 2; n <= lexicon.maxWords && last + n <= tokens.length; n++) {
    if (inTime.has(last + n - 1)) return false;
    const phrase = phraseOf(tokens, last, last + n);
    const lemma = phraseOf(tokens, last, last + n, 'lemma');
    if (lexicon.readingsOf(phrase, lemma).some((r) => r.kind === 'dimension' || r.kind === 'metric'))
      return true;
  }
  return false;
}

function hasOwnMeaning(tokens: Token[], i: number, n: number, lexicon: Lexicon): boolean {
  for (let k = i; k < i + n; k++) {
    const t = tokens[k]!;
    if (lexicon.readingsOf(t.norm, t.lemma).some((r) => r.kind === 'metric' || r.kind === 'dimension'))
      return true;
  }
  return false;
}

function isCommon(lexicon: Lexicon, phrase: string): boolean {
  return lexicon.cues.kindsOf(phrase).includes('commonWord');
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}
