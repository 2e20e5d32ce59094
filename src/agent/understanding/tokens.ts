import { NUMBER_WORDS, SCALE_WORDS } from '../../format/number-words.js';

/**
 * Tokens of a question: words with their character offsets, a normalised form and, for numbers, a value.
 * Nothing is blanked or rewritten: later stages mark the tokens they used, so every word is accounted for.
 */
export interface Token {
  /** Position in the token list. */
  i: number;
  /** The text as typed. */
  raw: string;
  /** Lower case, curly quotes straightened, trailing dots dropped ("vs." → "vs", "amazon.in" kept). */
  norm: string;
  /** A crude singular of `norm` ("states" → "state", "kurtas" → "kurta"), for phrase lookups. */
  lemma: string;
  start: number;
  end: number;
  /** Set for digits ("5", "2.5", "1,200") and number words ("three", "twenty"). */
  num?: number;
  /** A comma, semicolon, colon, bracket or dash stands between this token and the one before. */
  pauseBefore?: boolean;
}

// The shared number words, plus the counting words of questions ("a couple of", "a dozen").
const COUNT_WORDS: Record<string, number> = { ...NUMBER_WORDS, hundred: 100, dozen: 12, couple: 2 };

/**
 * Words, numbers (with decimals and thousands commas), order IDs (405-8750647-4224357), "%", "&", "+", "#1", dotted
 * names (amazon.in), w/w, 5/4. A
 * slash between two words ("export/wholesale", "std/expedited", "KA/TN") separates them; only a one-letter side
 * (w/w, w/o, 5/4) keeps them one token.
 */
const TOKEN_RE =
  /\d{3}-\d{7}-\d{7}(?!\d)|\d+\.\d+(?![\p{L}\d])|\d{1,3}(?:,\d{3})+(?![\p{L}\d])|#\d+|[\p{L}\p{N}]+(?:['’][\p{L}]+)?(?:[.&][\p{L}\p{N}]+|\/(?=[\p{L}\p{N}](?![\p{L}\p{N}]))[\p{L}\p{N}]+)*|%|&|\+|₹/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const norm = raw.toLowerCase().replace(/’/g, "'");
    const token: Token = {
      i: tokens.length,
      raw,
      norm,
      lemma: lemmaOf(norm),
      start: m.index,
      end: m.index + raw.length,
    };
    const num = numberValue(norm) ?? articleScale(norm, tokens.at(-1));
    if (num !== undefined) token.num = num;
    if (tokens.length && /[,;:()[\]—–]|\s-\s/.test(text.slice(previousEnd, m.index)))
      token.pauseBefore = true;
    previousEnd = token.end;
    tokens.push(token);
  }
  return tokens;
}

export function numberValue(norm: string): number | undefined {
  if (norm in COUNT_WORDS) return COUNT_WORDS[norm];
  // "15k", "2.5l", "1cr": a number with its scale written on.
  const scaled = /^(\d+(?:\.\d+)?)(k|l|lakh|cr|m|mn)$/.exec(norm);
  if (scaled) return Number(scaled[1]) * SCALE_WORDS[scaled[2]!]!;
  const digits = /^#?(\d[\d,]*(?:\.\d+)?)(?:st|nd|rd|th)?$/.exec(norm);
  if (!digits) return undefined;
  const n = Number(digits[1]!.replace(/,/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

/** "over a thousand", "a lakh in revenue": a scale word after "a" is the number itself (after a number, a scale). */
function articleScale(norm: string, before: Token | undefined): number | undefined {
  return before && /^(a|an)$/.test(before.norm) && /^[a-z]{4,}$/.test(norm) ? SCALE_WORDS[norm] : undefined;
}

/** A crude singular: enough to meet catalog phrases and data values halfway; value matching does the rest. */
export function lemmaOf(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith("'s")) return word.slice(0, -2);
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  // "statuses", "bonuses": the -us word's plural.
  if (word.endsWith('uses') && word.length > 5) return word.slice(0, -2);
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** The text of tokens [from, to) joined by single spaces, normalised. */
export function phraseOf(tokens: Token[], from: number, to: number, form: 'norm' | 'lemma' = 'norm'): string {
  const words: string[] = [];
  for (let k = from; k < to; k++) words.push(tokens[k]![form]);
  return words.join(' ');
}

/** The letters of `short` appear in `word` in order ("svc" in "service", "custmrs" in "customers"). */
export function lettersInOrder(short: string, word: string): boolean {
  let at = 0;
  for (const ch of word) if (ch === short[at]) at++;
  return at === short.length;
}
