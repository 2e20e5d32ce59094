import { NUMBER_WORDS as SMALL } from '../../format/number-words.js';

/**
 * Rewrites every way of writing a number into plain ASCII digits before the number check reads the text, so a
 * model cannot slip a figure past it by spelling it differently:
 *  - compatibility forms (full-width "９１", "％") through NFKC, and any other Unicode decimal digit (Devanagari
 *    "९१") by its value;
 *  - a number right after an abbreviation's dot ("vs.9 Cr") is split off, so it is read as 9, not as a decimal;
 *  - numbers in English words, with the Indian scales ("ninety-one crore" → "91 crore", "a million" → "1 million",
 *    "forty percent" → "40 percent", "one lakh twenty thousand" → "120 thousand").
 * Hand-written rather than a words-to-numbers package: none handles lakh/crore, and the check needs the scale word
 * kept as a unit (so "91 crore" keeps its precision of half a crore).
 */
export function normaliseNumberText(text: string): string {
  return wordsToDigits(splitAfterAbbreviation(asciiDigits(text.normalize('NFKC'))));
}

/** Any Unicode decimal digit (\p{Nd}) → its ASCII digit. Digit blocks are runs of ten, so the value is the offset. */
export function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (digit) => {
    const code = digit.codePointAt(0)!;
    if (code < 128) return digit;
    let start = code;
    while (start > 0 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
    return String((code - start) % 10);
  });
}

function splitAfterAbbreviation(text: string): string {
  return text.replace(/(?<=\p{L})\.(?=\d)/gu, '. ');
}

const SCALES: [RegExp, number, string][] = [
  [/^thousands?$/, 1_000, 'thousand'],
  [/^(lakhs?|lacs?)$/, 100_000, 'lakh'],
  [/^millions?$/, 1_000_000, 'million'],
  [/^crores?$/, 10_000_000, 'crore'],
  [/^billions?$/, 1_000_000_000, 'billion'],
];

const SMALL_WORD = Object.keys(SMALL).join('|');
const SCALE_WORD = 'hundreds?|thousands?|lakhs?|lacs?|millions?|crores?|billions?';
const WORD = `(?:${SMALL_WORD}|${SCALE_WORD})`;
// A run of number words: it starts with a count ("ninety", "two") or with "a"/"an" before a scale ("a million");
// "and" joins only after a hundred or a scale ("one hundred and twenty"), so "two and three" stays two numbers.
const NUMBER_WORDS = new RegExp(
  `\\b(?:(?:a|an|one)\\s+(?=(?:${SCALE_WORD})\\b)|(?=(?:${SMALL_WORD})\\b))${WORD}(?:(?:\\s+|-|(?<=(?:${SCALE_WORD}))\\s+and\\s+)${WORD}\\b)*\\b`,
  'gi',
);

function wordsToDigits(text: string): string {
  return text.replace(NUMBER_WORDS, (phrase) => {
    const words = phrase
      .toLowerCase()
      .split(/[\s-]+/)
      .filter((w) => w && w !== 'and');
    return wordsValue(words) ?? phrase;
  });
}

/** ["ninety", "one", "crore"] → "91 crore"; ["forty"] → "40"; null when the words are not one number. */
function wordsValue(words: string[]): string | null {
  let total = 0;
  let current = 0;
  let lastScale: { value: number; word: string } | null = null;
  for (const word of words) {
    if (word === 'a' || word === 'an') {
      current = 1;
      continue;
    }
    if (word in SMALL) {
      current += SMALL[word]!;
      continue;
    }
    if (/^hundreds?$/.test(word)) {
      current = (current || 1) * 100;
      continue;
    }
    const scale = SCALES.find(([pattern]) => pattern.test(word));
    if (!scale) return null;
    total += (current || 1) * scale[1];
    current = 0;
    lastScale = { value: scale[1], word: scale[2] };
  }
  total += current;
  if (lastScale && current === 0) return `${round(total / lastScale.value)} ${lastScale.word}`;
  return String(total);
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
