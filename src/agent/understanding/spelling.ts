import { editDistance } from '../../semantic/value-match.js';
import type { Lexicon, Reading } from './lexicon.js';
import { lemmaOf, type Token } from './tokens.js';

/**
 * "retrun rate by catgory": a word that means nothing as typed but is one typo away from exactly one word of a
 * measure's or breakdown's name is read as that word, so the phrases it belongs to ("return rate") still form.
 * The raw text is kept, so the reading and any question back quote what was typed.
 */
export function correctSpelling(tokens: Token[], lexicon: Lexicon): Token[] {
  return tokens.map((t) => {
    if (t.num !== undefined) return t;
    const word = lexicon.spellingOf(t.norm);
    return word ? { ...t, norm: word, lemma: lemmaOf(word) } : t;
  });
}

/**
 * Lexicon.spellingOf over the lexicon's phrases: the words of measure and breakdown names ("return" of "return
 * rate") are what a slip can be of; a word with a meaning as typed (a phrase, a cue, a value) is never corrected.
 */
export function spellingIndex(
  phrases: ReadonlyMap<string, Reading[]>,
  meansSomething: (word: string) => boolean,
): (word: string) => string | undefined {
  const vocabulary = new Set(
    [...phrases.entries()]
      .filter(([, rs]) => rs.some((r) => r.kind === 'metric' || r.kind === 'dimension'))
      .flatMap(([k]) => k.split(' '))
      .filter((w) => w.length >= 5 && /^[a-z]+$/.test(w)),
  );
  return (word) => {
    if (word.length < 5 || !/^[a-z]+$/.test(word) || phrases.has(word) || vocabulary.has(word)) return;
    if (meansSomething(word)) return;
    const near = [...vocabulary].filter((v) => oneSlip(v, word));
    return near.length === 1 ? near[0] : undefined;
  };
}

/**
 * A letter dropped, doubled or two swapped ("catgory", "revennue", "retrun"): the slips of fast typing. A letter
 * replaced by another is not one: it turns real words into others ("stick" → "stock", "shop" → "ship").
 */
function oneSlip(word: string, typed: string): boolean {
  // "sellin", "trendin": the final g of -ing dropped, as people type it.
  if (word.endsWith('ing') && typed === word.slice(0, -1)) return true;
  // "place" of "placed", "stat" of "state": another form of a word, or another word, not a slip.
  if (word.startsWith(typed) || typed.startsWith(word)) return false;
  if (Math.abs(word.length - typed.length) === 1) return editDistance(word, typed, 1) <= 1;
  if (word.length !== typed.length) return false;
  const diff = [...word].flatMap((ch, i) => (ch === typed[i] ? [] : [i]));
  const [a, b] = diff;
  return diff.length === 2 && b === a! + 1 && word[a!] === typed[b] && word[b] === typed[a!];
}
