import { MONTH_RE } from './month-names.js';

/**
 * Chat shorthand that changes what a number means: "rev by wk 4 may", "same 4 sets", "stock on hand 4 those?" use
 * "4" for "for". Read as digits, "4 may" would be the 4th of May and "same 4 sets" a count of four. The digit is
 * "for" only where a day or a count cannot stand: before a month with nothing that makes it a date ("on 4 may",
 * "from 4 may", "4 may 2022", "4th may"), after "same", or before a pointing word ("4 those"). A few letter short
 * forms ("n" for "and", "hw", "that 1") are spelled out with it.
 */
const DATE_BEFORE =
  /(?:^|\s)(?:on|the|from|since|till|until|to|between|of|before|after|top|bottom|first|last|and|&|-|–|vs|versus)\s*$/i;

/** Short forms whose letters the lexicon would not know: "n orders", "hw many", "that 1". */
const WORDS: [RegExp, string][] = [
  [/^n\s+/i, 'and '],
  [/(?<=\S)\s+n\s+(?=\S)/gi, ' and '],
  [/\bhw\b/gi, 'how'],
  [/\b(?:wat|wht)\b/gi, 'what'],
  [/\babt\b/gi, 'about'],
  [/\bb4\b/gi, 'before'],
  // "how many ords yday", "ords insted", "hyd frm apr 15", "shipping lvl": letters dropped on a phone.
  [/\bords\b/gi, 'orders'],
  [/\bord\b/gi, 'order'],
  [/\binsted\b/gi, 'instead'],
  [/\bfrm\b/gi, 'from'],
  [/\blvl\b/gi, 'level'],
  [/\b(?:cmpare|compair|comapre|compre)\b/gi, 'compare'],
  [/\b(?:stok|stck|stocck)\b/gi, 'stock'],
  [/(?<=\s)'?em\b/gi, 'them'],
  [/\b(that|this|which|the|other) 1\b(?!\s*(?:st|day|week|month|%|\d))/gi, '$1 one'],
  // "may rev statewise", "category-wise": the breakdown word written onto its dimension ("otherwise" is no dimension).
  [/\b(?!(?:other|like|clock|length|street|money|price|time)wise\b)([a-z]{3,})-?wise\b/gi, '$1 wise'],
];

export function expandChatShorthand(question: string): string {
  return WORDS.reduce((text, [pattern, by]) => text.replace(pattern, by), question)
    .replace(/\bsame 4\b/gi, 'same for')
    .replace(/\b4(?= (?:those|these|them|that|it|each|all|both|the same)\b)/gi, 'for')
    .replace(
      new RegExp(`\\b4(?= ${MONTH_RE}\\b(?!\\s*,?\\s*'?\\d))`, 'gi'),
      // MONTH_RE captures the month, so the offset and the whole text are the last two arguments.
      (match: string, ...rest: unknown[]) => {
        const [offset, text] = rest.slice(-2) as [number, string];
        return DATE_BEFORE.test(text.slice(0, offset)) ? match : 'for';
      },
    );
}
