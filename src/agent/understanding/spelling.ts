import type { Lexicon } from './lexicon.js';
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
