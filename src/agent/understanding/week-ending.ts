import { addDays } from '../../semantic/time-range.js';
import { MONTH_RE, monthIndex } from './month-names.js';
import type { TimeSpec } from './periods.js';

/**
 * "week ending 19 June", "the week to June 19", "week starting 6 June": seven days ending (or starting) on the day
 * named, whatever weekday it is.
 */
export function weeksEndingOrStarting(
  take: (re: RegExp, spec: (m: RegExpExecArray) => TimeSpec | undefined) => void,
): void {
  take(
    new RegExp(
      `\\b(?:the\\s+)?(?:week|wk)\\s+(ending|ended|ending on|to|finishing|starting|beginning|commencing|from)\\s+(?:the\\s+)?(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}|${MONTH_RE}\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?)\\b`,
    ),
    (m) => {
      const day = Number(m[2] ?? m[5]);
      if (day < 1 || day > 31) return undefined;
      const iso = `2001-${String(monthIndex(m[3] ?? m[4]!) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const ending = /^(ending|ended|ending on|to|finishing)$/.test(m[1]!);
      const [from, to] = ending ? [addDays(iso, -6), iso] : [iso, addDays(iso, 6)];
      // A year not said stays "????" (the data's year); 2001 only does the day arithmetic.
      return { kind: 'range', from: from.replace(/^2001/, '????'), to: to.replace(/^2001/, '????') };
    },
  );
}
