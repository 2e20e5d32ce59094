import { NUMBER_WORDS, ORDINAL_WORDS } from '../../format/number-words.js';
import { MONTH_WORD as MONTH } from './month-names.js';

/**
 * "since apr fifteen", "on the fourth of june", "june twenty-first", "mid May": a day of the month in words, rewritten as
 * digits so the date readers (chrono and ours) see "apr 15", "4th of june". The text keeps its length (the digits are
 * padded with spaces), because every reader after this one marks what it took by character position.
 */
const UNIT = `(?:${[...Object.keys(ORDINAL_WORDS), ...Object.keys(NUMBER_WORDS)].join('|')})`;
const DAY = `((?:twenty|thirty)[- ](?:${Object.keys(ORDINAL_WORDS).join('|')}|one|two|three|four|five|six|seven|eight|nine)|${UNIT})`;
const AFTER_MONTH = new RegExp(`\\b(${MONTH}\\s+(?:the\\s+)?)${DAY}\\b`, 'gi');
const BEFORE_MONTH = new RegExp(`\\b${DAY}(\\s+(?:of\\s+)?${MONTH})\\b`, 'gi');

/** "mid May", "mid-june": the 15th, the middle a person means. */
const MID_MONTH = new RegExp(`\\bmid(?:dle of|[- ]?)\\s*(?=${MONTH}\\b)`, 'gi');

export function dayWordsAsDigits(text: string): string {
  return text
    .replace(MID_MONTH, (mid: string) => '15 '.padEnd(mid.length, ' '))
    .replace(AFTER_MONTH, (all, lead: string, day: string) => lead + digits(day, all.length - lead.length))
    .replace(
      BEFORE_MONTH,
      (all, day: string, tail: string) => digits(day, all.length - tail.length, 'start') + tail,
    );
}

/** "twenty-first" → "21st" padded to the word's length; a word that is no day of a month stays as it was. */
function digits(word: string, width: number, pad: 'start' | 'end' = 'end'): string {
  const lower = word.toLowerCase();
  const [tens, unit] = lower.split(/[- ]/);
  const ordinal = ORDINAL_WORDS[unit ?? tens!] !== undefined;
  const value = unit
    ? (NUMBER_WORDS[tens!] ?? 0) + (ORDINAL_WORDS[unit] ?? NUMBER_WORDS[unit] ?? 0)
    : (ORDINAL_WORDS[lower] ?? NUMBER_WORDS[lower] ?? 0);
  if (value < 1 || value > 31) return word;
  const text = ordinal ? `${value}${suffix(value)}` : String(value);
  // Spaces on the side away from the month, so "4th of june" and "apr 15" stay joined as the readers expect.
  return pad === 'start' ? text.padStart(width, ' ') : text.padEnd(width, ' ');
}

function suffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}
