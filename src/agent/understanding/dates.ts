import { dayWordsAsDigits } from './day-words.js';
import { MONTH_RE, monthIndex } from './month-names.js';
import { weeksEndingOrStarting } from './week-ending.js';
import * as chrono from 'chrono-node';
import { addDays, startOfWeek } from '../../semantic/time-range.js';
import type { TimeSpec } from './periods.js';
import { numberValue, type Token } from './tokens.js';

/**
 * Time phrases in a question. Calendar days ("on the 4th of May", "May 12", "12/5") come from chrono-node, the
 * maintained parser, with the data's latest date as its reference; business periods that chrono does not know
 * (Q2, MTD, "last fortnight", "first week of May", "since April 15", "between May 5 and May 12") are composed here
 * from those days and from month names. A month without a year is resolved later against the data (periods.ts),
 * so a day number is never read as a year (chrono's en-GB reads "May 12" as May 2012).
 */
export interface TimeMention {
  /** Token range [from, to). */
  from: number;
  to: number;
  spec: TimeSpec;
  text: string;
}

/** A month name or its short form, as one capture group. */
const ORDINAL: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  fifth: 5,
  '5th': 5,
};
const COUNT =
  '(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|sixty|ninety|couple of|few)';
/** "a couple of weeks", "the last few days": counts said in words; the rest go through tokens.ts's number words. */
const VAGUE_COUNTS: Record<string, number> = { 'couple of': 2, few: 3 };

interface Found {
  start: number;
  end: number;
  spec: TimeSpec;
}

/** Day mentions chrono finds, as ISO dates with "????" for a year not said. */
interface DayHit {
  start: number;
  end: number;
  iso: string;
  endIso?: string;
}

export function findTimeMentions(asked: string, tokens: Token[], latest: string | undefined): TimeMention[] {
  const text = dayWordsAsDigits(asked);
  const lower = text.toLowerCase().replace(/’/g, "'");
  const found: Found[] = [];
  const taken = (s: number, e: number) => found.some((f) => s < f.end && e > f.start);
  const take = (re: RegExp, spec: (m: RegExpExecArray) => TimeSpec | undefined) => {
    for (const m of lower.matchAll(new RegExp(re.source, 'g'))) {
      const start = m.index + (m[0].length - m[0].trimStart().length);
      const end = m.index + m[0].trimEnd().length;
      if (taken(start, end)) continue;
      const s = spec(m as RegExpExecArray);
      if (s) found.push({ start, end, spec: s });
    }
  };
  const days = findDays(text, latest);
  const dataYear = (latest ?? new Date().toISOString()).slice(0, 4);
  const dayAt = (s: number, e: number) => days.find((d) => d.start >= s && d.end <= e);

  weeksEndingOrStarting(take);
  // "jan to mar 22", "Jan–Mar 2022", "oct vs nov 21": two months and the year after them (not the 22nd of March).
  for (const m of lower.matchAll(
    new RegExp(
      `(?<!\\d(?:st|nd|rd|th)?\\s?)\\b${MONTH_RE}\\s*(?:-|–|to|till|until|through|thru|vs\\.?|versus|and|or|&)\\s*${MONTH_RE}\\s+'?(\\d{4}|\\d{2})\\b(?!\\s*(?:st|nd|rd|th)\\b)`,
      'g',
    ),
  )) {
    const start = m.index + m[0].indexOf(m[1]!);
    const second = m.index + m[0].lastIndexOf(m[2]!, m[0].length - m[3]!.length - 1);
    if (taken(start, m.index + m[0].length)) continue;
    const year = fullYear(m[3]!);
    // "april to may 15": two digits that are no year near the data's are a day.
    if (m[3]!.length === 2 && (year > Number(dataYear) || year < Number(dataYear) - 3)) continue;
    found.push({ start, end: start + m[1]!.length, spec: { kind: 'month', month: monthIndex(m[1]!), year } });
    found.push({
      start: second,
      end: m.index + m[0].length,
      spec: { kind: 'month', month: monthIndex(m[2]!), year },
    });
  }
  // "April through mid May", "from april to 15 may": from the first month's start to the day named.
  take(
    new RegExp(
      `(?<!\\d(?:st|nd|rd|th)?\\s+(?:of\\s+)?)\\b(?:from\\s+|between\\s+)?${MONTH_RE}\\s+(?:to|through|thru|till|until|-|–|and)\\s+(?:the\\s+)?(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}|${MONTH_RE}\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?)\\b(?!\\s*(?:,\\s*)?\\d{4})`,
    ),
    (m) => {
      const month = monthIndex(m[3] ?? m[4]!);
      return twoDays(monthIndex(m[1]!), 1, month, Number(m[2] ?? m[5]));
    },
  );
  // Ranges of days first: "between May 5 and May 12", "from 1 may to 15 may", "May 5-12", "5th to 12th May".
  take(
    new RegExp(
      `\\b(?:from|between)?\\s*(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}\\s*(?:-|–|to|till|until|through|thru|and)\\s*(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}(?:,?\\s+(\\d{4}))?\\b`,
    ),
    // "from 10 April to 20 April 2022": the year after the range is the range's.
    (m) => withYear(twoDays(monthIndex(m[2]!), Number(m[1]), monthIndex(m[4]!), Number(m[3])), m[5]),
  );
  for (const range of dayRanges(lower, days)) if (!taken(range.start, range.end)) found.push(range);
  take(
    new RegExp(
      `\\b${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:-|–|to|till|until|through|thru)\\s*(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\b`,
    ),
    (m) => rangeSpec(monthIndex(m[1]!), Number(m[2]), Number(m[3])),
  );
  take(
    new RegExp(
      `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:-|–|to|till|until|through|thru)\\s*(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}\\b`,
    ),
    (m) => rangeSpec(monthIndex(m[3]!), Number(m[1]), Number(m[2])),
  );
  // "between 10 and 20 May", "between may 10 and 20": one month, two days joined by "and" after "between".
  take(
    new RegExp(
      `\\bbetween\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+and\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}\\b`,
    ),
    (m) => rangeSpec(monthIndex(m[3]!), Number(m[1]), Number(m[2])),
  );
  take(
    new RegExp(
      `\\bbetween\\s+${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s+and\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\b(?!\\s+(?:of\\s+)?${MONTH_RE})`,
    ),
    (m) => rangeSpec(monthIndex(m[1]!), Number(m[2]), Number(m[3])),
  );
  // Two months joined: "from April to May", "between April and May" (a range, or a comparison with "change").
  for (const m of lower.matchAll(
    new RegExp(
      `\\b(?:from|between)\\s+${MONTH_RE}\\s+(?:to|into|and|till|until|through|thru|-|–)\\s+${MONTH_RE}\\b`,
      'g',
    ),
  )) {
    const first = m.index + m[0].indexOf(m[1]!);
    const second = m.index + m[0].lastIndexOf(m[2]!);
    if (taken(m.index, m.index + m[0].length)) continue;
    found.push({
      start: m.index,
      end: first + m[1]!.length,
      spec: { kind: 'month', month: monthIndex(m[1]!) },
    });
    found.push({
      start: second,
      end: second + m[2]!.length,
      spec: { kind: 'month', month: monthIndex(m[2]!) },
    });
  }
  relativePeriods(take);
  // Open ranges: "since April 15", "after May 20", "till May 10", "since April".
  take(
    new RegExp(
      // The date never runs over another opening word: "ords frm hyd since apr 15" is since April 15.
      `\\b(since|from|after|starting|beginning|till|until|up to|upto|before|thru|through)\\s+(?:the\\s+)?((?:(?!\\b(?:since|from|after|starting|till|until)\\b).){3,24}?)(?=$|[?.!,]|\\s+(?:vs|versus|by|for|in|and|compared|split|broken|per|only)\\b)`,
    ),
    (m) => openRange(m, days, dayAt),
  );
  // Weeks and halves of a month.
  take(
    new RegExp(
      `\\b(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last|final)\\s+(?:week|wk)\\s+(?:of|in)\\s+${MONTH_RE}\\b`,
    ),
    (m) => ({
      kind: 'weekOfMonth',
      month: monthIndex(m[2]!),
      n: ORDINAL[m[1]!] ?? 'last',
    }),
  );
  take(new RegExp(`\\b(first|second|1st|2nd)\\s+fortnight\\s+(?:of\\s+|in\\s+)?${MONTH_RE}\\b`), (m) =>
    /^(first|1st)$/.test(m[1]!) ? rangeSpec(monthIndex(m[2]!), 1, 14) : rangeSpec(monthIndex(m[2]!), 15, 31),
  );
  take(new RegExp(`\\b(first|second|1st|2nd)\\s+half\\s+(?:of\\s+)?${MONTH_RE}\\b`), (m) =>
    /^(first|1st)$/.test(m[1]!) ? rangeSpec(monthIndex(m[2]!), 1, 15) : rangeSpec(monthIndex(m[2]!), 16, 31),
  );
  take(/\bweek\s+of\s+(.{3,20}?)(?=$|[?.!,]|\s)/, (m) => {
    const d = days.find((x) => x.start >= m.index && x.end <= m.index + m[0].length + 12);
    return d
      ? { kind: 'range', from: mondayOf(d.iso, dataYear), to: addDays(mondayOf(d.iso, dataYear), 6) }
      : undefined;
  });
  businessPeriods(take);
  // Remaining single days: "on the 4th of May", "12th june", "yesterday".
  for (const d of days) {
    if (!taken(d.start, d.end))
      found.push({ start: d.start, end: d.end, spec: { kind: 'range', from: d.iso, to: d.endIso ?? d.iso } });
  }
  monthsAndYears(take, lower);
  daysOfTheMonthNamed(lower, found);
  return found
    .sort((a, b) => a.start - b.start)
    .map((f) => toMention(rewrittenWhole(f, asked, text), tokens, text))
    .filter((m): m is TimeMention => m !== undefined);
}

/** A mention that starts or ends in the padding of a day word written as digits covers the whole word it was. */
function rewrittenWhole(f: Found, asked: string, text: string): Found {
  let { start, end } = f;
  const padding = (i: number) => text[i] === ' ' && asked[i] !== ' ';
  while (start > 0 && padding(start - 1)) start--;
  while (end < text.length && padding(end)) end++;
  return start === f.start && end === f.end ? f : { ...f, start, end };
}

/**
 * "the first fortnight of June (1st to 14th)", "May, on the 4th": days said without a month, in a question that
 * names exactly one month right beside them, are days of that month; they narrow (or restate) that month's mention.
 * Elsewhere, or with no month or several, they stay unplaced and the grammar asks.
 */
function daysOfTheMonthNamed(lower: string, found: Found[]): void {
  const months = found.map((f) => ({ f, month: monthOf(f.spec) })).filter((x) => x.month !== undefined);
  if (months.length !== 1) return;
  const { f: named, month } = months[0]!;
  const re =
    /\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)(?:\s*(?:-|–|to|till|until|through|thru)\s*(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?)?\b/g;
  for (const m of lower.matchAll(re)) {
    const start = m.index;
    const end = start + m[0].length;
    if (found.some((f) => start < f.end && end > f.start)) continue;
    const spec = rangeSpec(month!, Number(m[1]), Number(m[2] ?? m[1]));
    // Only right beside the month ("June (1st to 14th)", "May, on the 4th"): one mention covers both.
    const [first, last] = named.start < start ? [named, { start, end }] : [{ start, end }, named];
    const between = lower.slice(first.end, last.start);
    if (!spec || !/^[\s,;:()–-]*(?:on\s+)?(?:the\s+)?[\s,;:()–-]*$/.test(between)) continue;
    found.splice(found.indexOf(named), 1, { start: first.start, end: last.end, spec });
    return;
  }
}

/** The one month a mention lies in, when it does (a month, a week of it, or days within it). */
function monthOf(spec: TimeSpec): number | undefined {
  if (spec.kind === 'month' || spec.kind === 'weekOfMonth') return spec.month;
  if (spec.kind === 'range' && spec.from.slice(5, 7) === spec.to.slice(5, 7))
    return Number(spec.from.slice(5, 7)) - 1;
  return undefined;
}

function lowerOf(m: RegExpExecArray): string {
  return (m.input ?? '').toLowerCase();
}

/** "wks", "mths": the unit a chat short form names. */
function unitOf(word: string): 'day' | 'week' | 'month' {
  if (/^w/.test(word)) return 'week';
  if (/^m/.test(word)) return 'month';
  return 'day';
}

/** Periods said against another: "same day last week", "the week before last", "the one before that". */
function relativePeriods(
  take: (re: RegExp, spec: (m: RegExpExecArray) => TimeSpec | undefined) => void,
): void {
  // "vs the same day the week before", "same day last week": the thread's day a week earlier, to compare with.
  take(
    /\b(?:the\s+)?same\s+day\s+(?:the\s+|a\s+)?(?:week\s+before|last\s+(?:week|wk)|previous\s+week|prior\s+week|a\s+(?:week|wk)\s+(?:earlier|ago))\b/,
    () => ({ kind: 'earlier', unit: 'week' }),
  );
  // "vs same days last month", "the same period last month": the thread's days a month earlier.
  take(
    /\b(?:the\s+)?same\s+(?:days|dates|period|stretch)\s+(?:of\s+|in\s+)?(?:last|the\s+previous|the\s+prior)\s+month\b/,
    () => ({ kind: 'earlier', unit: 'month' }),
  );
  // "same days in June", "the same dates of May": the thread's days of the month, in that month.
  take(
    new RegExp(
      `\\b(?:the\\s+)?same\\s+(?:days|dates|period|stretch|window)\\s+(?:of\\s+|in\\s+)${MONTH_RE}\\b`,
    ),
    (m) => ({ kind: 'sameDaysIn', month: monthIndex(m[1]!) }),
  );
  // "last wknd"; "vs the wknd before (that)": the weekend a week earlier; "the whole wknd": the thread day's weekend.
  take(/\b(?:last|past|previous)\s+(?:weekend|wknd|wkend|week-end)\b/, () => ({ kind: 'lastWeekend' }));
  take(/\b(?:the\s+)?(?:weekend|wknd|wkend|week-end)\s+before(?:\s+(?:that|it))?\b/, () => ({
    kind: 'earlier',
    unit: 'week',
  }));
  take(/\b(?:(?:that|the|this)\s+)?(?:(?:whole|entire|full)\s+)?(?:weekend|wknd|wkend|week-end)\b/, () => ({
    kind: 'weekAround',
    weekend: true,
  }));
  // "stretch that to the whole month" after 1–15 June: all of June.
  take(/\b(?:the\s+)?(?:whole|entire|full)\s+(?:month|mth|mnth)\b/, () => ({ kind: 'monthAround' }));
  // "what about the whole quarter?" after May: the quarter May is in.
  take(
    /\b(?:the\s+)?(?:whole|entire|full)\s+(?:quarter|qtr)\b|\bthe\s+(?:quarter|qtr)\b(?!\s+(?:before|after|of|ending))/,
    () => ({ kind: 'quarterAround' }),
  );
  // "the week before last", "the month before last": two calendar periods back.
  take(/\b(?:the\s+)?(week|wk|month|mth|mnth)\s+before\s+last\b/, (m) => ({
    kind: 'calendar',
    unit: unitOf(m[1]!) === 'week' ? 'week' : 'month',
    offset: -2,
  }));
  // "and the one before that", "what about the month before that": the thread's period moved back one.
  take(
    /\b(?:the\s+)?(?:one|week|month|quarter|period|fortnight|day)\s+before\s+(?:that|it|this)(?:\s+one)?\b/,
    // "vs the week before that", "compared with the week before it": a comparison, read as "previous" below.
    (m) =>
      /\b(vs\.?|versus|against|compared?(?:\s+(?:with|to))?|than|over)\s*$/.test(lowerOf(m).slice(0, m.index))
        ? undefined
        : { kind: 'shiftBack' },
  );
  // "the week before", "the previous period": the period before the one named.
  take(
    /\b(?:the\s+)?(?:(?:week|wk|month|mth|quarter|year|period|fortnight)\s+(?:before|prior)\b(?!\s+to\b)|(?<=\b(?:vs\.?|versus|against|than|with|to)\s+the\s+)one\s+before(?:\s+(?:that|it|this))?(?!\s+last)|(?:\d+|one|two|three|four|seven|fourteen|thirty|ninety)\s+(?:days|weeks|wks|months|mths)\s+before|(?:previous|prior|preceding)\s+period|period before)\b/,
    () => ({ kind: 'previous' }),
  );
  // "that whole week", "the same week": the week around the thread's period, resolved against it.
  take(
    /\b(?:that|the|same|this same)\s+(?:whole\s+|entire\s+|full\s+|same\s+)?week\b(?!\s+(?:of|before|after|earlier|later)\b)/,
    () => ({
      kind: 'weekAround',
    }),
  );
}

function businessPeriods(
  take: (re: RegExp, spec: (m: RegExpExecArray) => TimeSpec | undefined) => void,
): void {
  take(
    new RegExp(
      `\\b(?:last|past|previous|trailing|prior|recent)\\s+${COUNT}\\s+(?:(full|complete|whole|entire|calendar)\\s+)?(days?|weeks?|wks?|months?|mths?|mnths?)\\b`,
    ),
    (m) => ({
      kind: 'rolling',
      unit: unitOf(m[3]!),
      n: VAGUE_COUNTS[m[1]!] ?? numberValue(m[1]!) ?? Number(m[1]),
      ...(m[2] && !/^days?$/.test(m[3]!) ? { whole: true } : {}),
    }),
  );
  take(/\b(?:last|past|previous|this|the last)\s+(?:fortnight|fortnite|fort night)\b/, () => ({
    kind: 'rolling',
    unit: 'day',
    n: 14,
  }));
  // "the whole wk so far", "WTD": the week holding the latest day, up to it (what "this week" is).
  take(
    /\b(?:wtd|week to date|week-to-date|(?:this |the )?(?:whole |full )?(?:week|wk) so far|so far this (?:week|wk))\b/,
    () => ({
      kind: 'calendar',
      unit: 'week',
      offset: 0,
    }),
  );
  take(
    /\b(mtd|month to date|month-to-date|qtd|quarter to date|ytd|year to date|year-to-date|so far this (?:year|yr|month|mth|quarter)|(?:this )?(?:year|yr|month|mth|mnth) so far)\b/,
    (m) => ({
      kind: 'toDate',
      unit: /^m|month|mth|mnth/.test(m[1]!) ? 'month' : /^q|quarter/.test(m[1]!) ? 'quarter' : 'year',
    }),
  );
  // "this month vs last": the second period named by "last" alone.
  take(
    /\blast\b(?!\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|week|wk|month|mo|quarter|year|fortnight|few|couple))(?=\s*(?:[?.!,]|$))/,
    (m) => {
      const unit = /\bthis\s+(week|wk|month|quarter|year)\b/.exec(lowerOf(m))?.[1];
      return unit
        ? {
            kind: 'calendar',
            unit: unit === 'wk' ? 'week' : (unit as 'week' | 'month' | 'quarter' | 'year'),
            offset: -1,
          }
        : undefined;
    },
  );
  take(
    /\b(last|previous|past|prior|this|current|latest)\s+(day|week|wk|month|mnth|mth|quarter|year|yr)\b/,
    (m) => ({
      kind: 'calendar',
      unit: (m[2] === 'wk' ? 'week' : m[2] === 'yr' ? 'year' : /^m(n)?th$/.test(m[2]!) ? 'month' : m[2]) as
        'day' | 'week' | 'month' | 'quarter' | 'year',
      offset: /^(this|current|latest)$/.test(m[1]!) ? 0 : -1,
    }),
  );
  // "orders tdy?": chat shorthand for today, the data's latest day.
  take(/\b(today|tdy|tday|2day|latest day|most recent day)\b/, () => ({
    kind: 'calendar',
    unit: 'day',
    offset: 0,
  }));
  // "yday", "yest": chat shorthand chrono does not know; "yesterday" itself is chrono's.
  take(/\b(yday|yda|yest|ystd|ystrdy|yesterdy|yesturday)\b/, () => ({
    kind: 'calendar',
    unit: 'day',
    offset: -1,
  }));
  take(/\bq([1-4])(?:\s*(?:fy)?\s*'?(\d{4}|\d{2}))?\b/, (m) => ({
    kind: 'quarter',
    quarter: Number(m[1]),
    ...(m[2] ? { year: fullYear(m[2]) } : {}),
  }));
  take(/\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b/, (m) => ({
    kind: 'quarter',
    quarter: ORDINAL[m[1]!]!,
  }));
  take(
    /\b(all time|all-time|ever|since launch|since the start|since the beginning|whole period|entire period|full period|to date|till date|so far|until now|till now|up to now|(?:across|over|for|in) the (?:whole|entire|full) (?:year|period|time|data)|all year)\b/,
    () => ({ kind: 'all' }),
  );
}

function monthsAndYears(
  take: (re: RegExp, spec: (m: RegExpExecArray) => TimeSpec | undefined) => void,
  lower: string,
): void {
  // "may 2022", "May '22", "may-22" (the reports' own month notation, as in "Jun-21"): a month of that year.
  take(new RegExp(`\\b${MONTH_RE}(?:(?:\\s*,?\\s*|-)'?(20\\d{2}|\\d{2}))?\\b`), (m) => {
    if (m[1] === 'may' && isModalMay(lower, m.index + m[0].length)) return undefined;
    if (m[1] === 'mar' && /^\s*(?:a|the)\b/.test(lower.slice(m.index + 3))) return undefined;
    const year = m[2] && (m[2].length === 4 || Number(m[2]) >= 15) ? fullYear(m[2]) : undefined;
    return { kind: 'month', month: monthIndex(m[1]!), ...(year ? { year } : {}) };
  });
  take(/\b(?:in|for|during|of|year)?\s*(20[12]\d)\b/, (m) => ({ kind: 'year', year: Number(m[1]) }));
}

/** "may I…", "we may want…": the verb, not the month. */
function isModalMay(lower: string, after: number): boolean {
  return /^\s+(i|we|you|it|he|she|they|be|have|not|need|want|also|still|well|or may)\b/.test(
    lower.slice(after),
  );
}

/**
 * Whether chrono could find a day in the text that findDays keeps: it keeps only results whose own text has a
 * digit, a month name (MONTH_RE, anywhere in a word) or "yesterday"/"today", and a result's text is a piece of
 * the question, so a question with none of them has no day to find. Checked first because chrono's first parse
 * in a process costs ~20 ms (it builds its patterns). Weekday names alone never make a kept day (no digit, no
 * month): they need no clue of their own.
 */
export function mayNameADay(text: string): boolean {
  return DAY_CLUE.test(text);
}
const DAY_CLUE = new RegExp(`\\d|${MONTH_RE}|yesterday|today`, 'i');

function findDays(text: string, latest: string | undefined): DayHit[] {
  if (!mayNameADay(text)) return [];
  const ref = latest ? new Date(`${latest}T12:00:00Z`) : new Date();
  const out: DayHit[] = [];
  for (const r of chrono.en.parse(text, { instant: ref, timezone: 0 }, { forwardDate: false })) {
    const known = {
      day: r.start.isCertain('day') ? 1 : undefined,
      year: r.start.isCertain('year') ? 1 : undefined,
    };
    const slashed = /\d\/\d/.test(r.text);
    // "may-22", "Jun-21": a month and a two-digit year in the reports' notation, not the 22nd of May.
    if (new RegExp(`^${MONTH_RE}-\\d{2}$`, 'i').test(r.text.trim())) continue;
    // "in feb 22", "during may '22": after "in" a month and a two-digit year, not a day (that is "on feb 22").
    if (monthThenYear(text.slice(0, r.index), r.text, text.slice(r.index + r.text.length))) continue;
    if (known.day === undefined && !/yesterday|today/i.test(r.text)) continue;
    // Only explicit dates: chrono also reads "week before" or "6 days" as dates relative to the reference.
    if (!/\d/.test(r.text) && !new RegExp(MONTH_RE, 'i').test(r.text) && !/yesterday|today/i.test(r.text))
      continue;
    // Numeric dates here are day-first (India): "5/4" is 5 April, re-read with the en-GB parser.
    const start = slashed ? (chrono.en.GB.parse(r.text, ref)[0]?.start ?? r.start) : r.start;
    const iso = isoOf(start, known.year === undefined && !/yesterday|today/i.test(r.text));
    const hit: DayHit = { start: r.index, end: r.index + r.text.length, iso };
    if (r.end && r.end.isCertain('day')) hit.endIso = isoOf(r.end, !r.end.isCertain('year'));
    out.push(hit);
  }
  return out;
}

function monthThenYear(before: string, said: string, after: string): boolean {
  const m = new RegExp(`^${MONTH_RE}\\s+'?(\\d{2})$`, 'i').exec(said.trim());
  if (!m || Number(m[2]) < 15) return false;
  // "on the may 22 price list": a month's report is named by its month and year.
  const report = /^\s*(?:price list|pricelist|list|report|file|sheet|prices)\b/i.test(after);
  return /\b(?:in|during|for|throughout|of)\s*$/i.test(before) || report;
}

function isoOf(c: chrono.ParsedComponents, yearUnknown: boolean): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const year = yearUnknown ? '????' : String(c.get('year'));
  return `${year}-${pad(c.get('month') ?? 1)}-${pad(c.get('day') ?? 1)}`;
}

function dayRanges(lower: string, days: DayHit[]): Found[] {
  const out: Found[] = [];
  for (let k = 0; k + 1 < days.length; k++) {
    const a = days[k]!;
    const b = days[k + 1]!;
    const between = lower.slice(a.end, b.start);
    if (!/^\s*(?:-|–|to|till|until|through|thru|and)\s*$/.test(between)) continue;
    const lead = /\b(between|from)\s+(?:the\s+)?$/.exec(lower.slice(Math.max(0, a.start - 14), a.start));
    if (/and/.test(between) && !lead) continue;
    const start = lead ? a.start - lead[0].length : a.start;
    out.push({ start, end: b.end, spec: { kind: 'range', from: a.iso, to: b.iso } });
    k++;
  }
  for (const d of days)
    if (d.endIso)
      out.push({ start: d.start, end: d.end, spec: { kind: 'range', from: d.iso, to: d.endIso } });
  return out;
}

function openRange(
  m: RegExpExecArray,
  days: DayHit[],
  dayAt: (s: number, e: number) => DayHit | undefined,
): TimeSpec | undefined {
  const word = m[1]!;
  const startAt = m.index + m[0].indexOf(m[2]!);
  // The day must open the phrase: in "bought from us in feb 22" the day is not what "from" governs.
  const day = days.find(
    (d) => d.start >= startAt && d.start <= startAt + 1 && d.end <= startAt + m[2]!.length + 1,
  );
  void dayAt;
  const month = new RegExp(`^${MONTH_RE}\\b`).exec(m[2]!);
  if (!day && !month) return undefined;
  const opening = /^(since|from|after|starting|beginning)$/.test(word);
  // "through May", "thru June": the month itself (a day after them still means "up to").
  if (!day && /^(through|thru)$/.test(word)) return { kind: 'month', month: monthIndex(month![1]!) };
  if (day) {
    if (word === 'after') return { kind: 'since', from: shiftIso(day.iso, 1) };
    if (word === 'before') return { kind: 'until', to: shiftIso(day.iso, -1) };
    return opening ? { kind: 'since', from: day.iso } : { kind: 'until', to: day.iso };
  }
  const mi = monthIndex(month![1]!);
  // "since Oct 2021": the year said with the month.
  const year = /\b(20\d{2})\b/.exec(m[2]!)?.[1] ?? '????';
  const first = `${year}-${String(mi + 1).padStart(2, '0')}-01`;
  if (word === 'before') return { kind: 'until', to: shiftIso(first, -1) };
  if (word === 'after') return { kind: 'since', from: `????-${String(mi + 2).padStart(2, '0')}-01` };
  return opening
    ? { kind: 'since', from: first }
    : { kind: 'until', to: `????-${String(mi + 1).padStart(2, '0')}-31` };
}

/** Shift a "????-MM-DD" or ISO date by days, keeping an unknown year unknown (2022 is not a leap year either). */
function shiftIso(iso: string, days: number): string {
  const unknown = iso.startsWith('????');
  const d = new Date(`${unknown ? '2001' : iso.slice(0, 4)}${iso.slice(4)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  const out = d.toISOString().slice(0, 10);
  return unknown ? `????${out.slice(4)}` : out;
}

function rangeSpec(month: number, d1: number, d2: number): TimeSpec | undefined {
  if (d1 < 1 || d2 > 31 || d1 > d2) return undefined;
  const mm = String(month + 1).padStart(2, '0');
  return {
    kind: 'range',
    from: `????-${mm}-${String(d1).padStart(2, '0')}`,
    to: `????-${mm}-${String(d2).padStart(2, '0')}`,
  };
}

function twoDays(m1: number, d1: number, m2: number, d2: number): TimeSpec | undefined {
  const iso = (m: number, d: number) =>
    `????-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (d1 < 1 || d1 > 31 || d2 < 1 || d2 > 31) return undefined;
  return { kind: 'range', from: iso(m1, d1), to: iso(m2, d2) };
}

/** The Monday of a date's week; a year not said is the data's year. */
function mondayOf(iso: string, dataYear: string): string {
  return startOfWeek(iso.startsWith('????') ? `${dataYear}${iso.slice(4)}` : iso);
}

function fullYear(y: string): number {
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

function toMention(f: Found, tokens: Token[], text: string): TimeMention | undefined {
  // "this month's sales": a token that only adds a possessive to the phrase's last word is inside it.
  const possessive = (t: Token) => t.start < f.end && t.end > f.end && /^'s$/i.test(text.slice(f.end, t.end));
  const inside = tokens.filter((t) => t.start >= f.start && (t.end <= f.end || possessive(t)));
  if (!inside.length) return undefined;
  return {
    from: inside[0]!.i,
    to: inside[inside.length - 1]!.i + 1,
    spec: f.spec,
    text: text.slice(f.start, f.end),
  };
}

/** A range written without its year ("????") takes the year said right after it. */
function withYear(spec: TimeSpec | undefined, year: string | undefined): TimeSpec | undefined {
  if (!spec || !year || spec.kind !== 'range') return spec;
  return { ...spec, from: spec.from.replace('????', year), to: spec.to.replace('????', year) };
}
