import { normaliseNumberText } from './number-text.js';

/**
 * The number check: LLM prose may only state numbers that come from the result (or from figures we computed from
 * it). Every number-like token in the text is parsed with its unit (₹, %, lakh/L, crore/Cr, thousand/K, million)
 * and the precision it was written with, then matched against the allowed values after rounding. One token that
 * matches nothing rejects the whole text, and the caller uses the computed wording instead.
 */
export interface NumberContext {
  /** Numeric result cells and figures derived from them (shares, changes, totals). Ratios stay ratios (0.142). */
  values: number[];
  /** Dates the text may mention (result cells, the time range): YYYY-MM-DD. */
  dates: string[];
  /** Small integers the text may use as counts or ranks ("top 3"), e.g. 1..rows. */
  smallIntegers: number[];
}

export interface NumberCheckResult {
  ok: boolean;
  /** The tokens that matched nothing, as written. */
  unmatched: string[];
  /** How many number tokens were checked. */
  checked: number;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_ALT = MONTHS.map((m) => (m.length > 3 ? `${m.slice(0, 3)}(?:${m.slice(3)})?` : m)).join('|');
// "May 2022", "1 May 2022", "May 1, 2022", "Jun 2022": the day and year are checked against the allowed dates.
const MONTH_PHRASE = new RegExp(
  `\\b(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+)?(${MONTH_ALT})\\.?(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d))?(?:,?\\s+(\\d{4}))?\\b`,
  'gi',
);
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;

// A number token: optional sign, optional ₹ (either side of the sign), digits with , grouping, decimals, then an
// optional unit. Digits glued to letters ("3XL", "B2B", "Q2", SKU codes) are identifiers, not numbers.
// Multipliers ("3x", "2.5×") are numbers too, glued or not; ".9 Cr" is 0.9 crore.
const NUMBER_TOKEN =
  /(?<![\p{L}\p{N}_.])([-+−–]?)\s?(₹|rs\.?\s?|inr\s?)?\s?([-−]?)(\d[\d,]*(?:\.\d+)?|\.\d+)(?![\p{N}])(\s?(?:%|percent\b|per cent\b|pp\b|percentage points?\b|cr\b|crores?\b|l\b|lakhs?\b|lacs?\b|k\b|thousand\b|mn\b|m\b|million\b|bn\b|billion\b|x\b|×|times\b|fold\b))?(?![\p{L}\p{N}_])/giu;

const UP_WORDS =
  /\b(up|rose|risen|grew|grown|increase[sd]?|higher|gain(?:ed|s)?|jump(?:ed|s)?|climb(?:ed|s)?)\b/i;
const DOWN_WORDS =
  /\b(down|fell|fallen|dropped|drop|declined?|decrease[sd]?|lower|shrank|slipped|dipped|fall)\b/i;

interface ParsedNumber {
  raw: string;
  value: number;
  /** Half a unit of the last digit written, in the token's own scale. */
  tolerance: number;
  kind: 'percent' | 'points' | 'plain' | 'multiplier';
  explicitSign: boolean;
  isMoney: boolean;
  hasDecimals: boolean;
  start: number;
}

export function checkNumbers(original: string, context: NumberContext): NumberCheckResult {
  // Words, other scripts' digits and full-width forms become ASCII digits first (number-text.ts).
  const text = normaliseNumberText(original);
  const unmatched: string[] = [];
  let checked = 0;
  const allowedDates = new Set(context.dates);
  const allowedYears = new Set(context.dates.map((d) => Number(d.slice(0, 4))));
  const allowedMonths = new Set(context.dates.map((d) => d.slice(0, 7)));
  const allowedDays = new Map<string, Set<number>>();
  for (const d of context.dates) {
    const key = d.slice(5, 7);
    if (!allowedDays.has(key)) allowedDays.set(key, new Set());
    allowedDays.get(key)!.add(Number(d.slice(8, 10)));
  }

  // 1. ISO dates must be allowed dates; blank them out so their parts are not read as numbers.
  let rest = text.replace(ISO_DATE, (m) => {
    checked++;
    if (!allowedDates.has(m)) unmatched.push(m);
    return ' '.repeat(m.length);
  });

  // 2. Month phrases: the year must be one of ours, the day must be a day we have in that month.
  rest = rest.replace(MONTH_PHRASE, (m, dayBefore: string | undefined, month: string, dayAfter, year) => {
    const monthIndex = MONTHS.findIndex((name) => name.startsWith(month.toLowerCase().slice(0, 3)));
    const mm = String(monthIndex + 1).padStart(2, '0');
    // "may" alone is also an English verb: a bare month word with no number is left alone.
    if (!dayBefore && !dayAfter && !year) return m;
    const day = dayBefore ?? dayAfter;
    if (year) {
      checked++;
      if (!allowedYears.has(Number(year)) || !allowedMonths.has(`${year}-${mm}`)) unmatched.push(m.trim());
    }
    if (day) {
      checked++;
      const days = allowedDays.get(mm);
      if (!days || !days.has(Number(day))) unmatched.push(m.trim());
    }
    return ' '.repeat(m.length);
  });

  for (const token of tokenize(rest)) {
    checked++;
    if (!matches(token, context, allowedYears, rest)) unmatched.push(token.raw.trim());
  }
  return { ok: unmatched.length === 0, unmatched, checked };
}

function tokenize(text: string): ParsedNumber[] {
  const out: ParsedNumber[] = [];
  for (const m of text.matchAll(NUMBER_TOKEN)) {
    const [raw, sign1 = '', currency, sign2 = '', digits = '', unitRaw] = m;
    const sign = sign1 || sign2;
    const negative = /[-−–]/.test(sign);
    const unit = (unitRaw ?? '').trim().toLowerCase();
    const clean = digits.replace(/,/g, '');
    const decimals = clean.includes('.') ? clean.split('.')[1]!.length : 0;
    let value = Number(clean);
    let tolerance = 0.5 * 10 ** -decimals;
    let kind: ParsedNumber['kind'] = 'plain';
    const scale = unitScale(unit);
    if (unit === '%' || unit.startsWith('percent') || unit === 'per cent') kind = 'percent';
    else if (unit === 'pp' || unit.startsWith('percentage point')) kind = 'points';
    else if (unit === 'x' || unit === '×' || unit === 'times' || unit === 'fold') kind = 'multiplier';
    else if (scale !== 1) {
      value *= scale;
      tolerance *= scale;
    }
    if (negative) value = -value;
    out.push({
      raw,
      value,
      tolerance: tolerance + 1e-9,
      kind,
      explicitSign: sign !== '',
      isMoney: Boolean(currency),
      hasDecimals: decimals > 0,
      start: m.index ?? 0,
    });
  }
  return out;
}

function unitScale(unit: string): number {
  if (unit === 'cr' || unit.startsWith('crore')) return 10_000_000;
  if (unit === 'l' || unit.startsWith('lakh') || unit.startsWith('lac')) return 100_000;
  if (unit === 'k' || unit === 'thousand') return 1_000;
  if (unit === 'm' || unit === 'mn' || unit === 'million') return 1_000_000;
  if (unit === 'bn' || unit === 'billion') return 1_000_000_000;
  return 1;
}

function matches(token: ParsedNumber, context: NumberContext, years: Set<number>, text: string): boolean {
  if (token.kind === 'multiplier') return matchesRatio(token, context.values);
  const candidates: number[] = [];
  for (const v of context.values) {
    if (!Number.isFinite(v)) continue;
    // Percentages are ratios in the data (0.142 → "14.2%"); percentage points are differences of ratios.
    candidates.push(token.kind === 'plain' ? v : v * 100);
    // "14.2" written without the % sign next to a ratio is still that ratio (ratios only: a count of 3 must not
    // vouch for "300").
    if (token.kind === 'plain' && Math.abs(v) <= 1 && !Number.isInteger(v) && !token.isMoney)
      candidates.push(v * 100);
  }
  const before = text.slice(Math.max(0, token.start - 30), token.start);
  const saysUp = UP_WORDS.test(before);
  const saysDown = DOWN_WORDS.test(before);
  for (const c of candidates) {
    if (token.explicitSign) {
      if (Math.abs(c - token.value) <= token.tolerance) return true;
      continue;
    }
    // An unsigned number may state a magnitude ("down 9.1%"), but its direction word must agree with the sign.
    if (Math.abs(Math.abs(c) - token.value) <= token.tolerance) {
      if (c < 0 && saysUp && !saysDown) continue;
      if (c > 0 && saysDown && !saysUp) continue;
      return true;
    }
  }
  if (token.kind === 'plain' && !token.isMoney && !token.hasDecimals && !token.explicitSign) {
    if (years.has(token.value)) return true;
    if (context.smallIntegers.includes(token.value)) return true;
  }
  return false;
}

/**
 * "3x" must be the ratio of two figures we have. A multiplier is read to 5 % (or its last digit, if finer): "2x"
 * for a ratio of 1.5 is a different claim, even though 1.5 rounds to 2.
 */
function matchesRatio(token: ParsedNumber, values: number[]): boolean {
  const figures = [...new Set(values.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs))].slice(
    0,
    80,
  );
  const tolerance = Math.min(token.tolerance, Math.max(0.05 * token.value, 1e-9));
  for (const a of figures)
    for (const b of figures)
      if (a !== b && Math.abs(a / b - token.value) <= Math.max(tolerance, 0.005)) return true;
  return false;
}
