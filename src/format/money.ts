/**
 * Money and number formatting for one currency (INR): Indian digit grouping (12,34,567.89) and
 * lakh/crore abbreviations (₹1.2 Cr). Text, Slack blocks and chart axes all use this module so a number
 * reads the same everywhere.
 */
const LAKH = 100_000;
const CRORE = 10_000_000;

const groupedFormatters = new Map<number, Intl.NumberFormat>();
function grouped(fractionDigits: number): Intl.NumberFormat {
  let f = groupedFormatters.get(fractionDigits);
  if (!f) {
    f = new Intl.NumberFormat('en-IN', {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    groupedFormatters.set(fractionDigits, f);
  }
  return f;
}

/** 7859267.3 → "78,59,267.30" */
export function formatIndianNumber(value: number, fractionDigits = 0): string {
  return grouped(fractionDigits).format(value);
}

/** 78592678.3 → "₹78,592,678.30" in Indian grouping: "₹7,85,92,678.30" */
export function formatInr(value: number, fractionDigits = 2): string {
  const sign = value < 0 ? '-' : '';
  return `${sign}₹${formatIndianNumber(Math.abs(value), fractionDigits)}`;
}

/** 78592678.3 → "₹7.86 Cr"; 245000 → "₹2.45 L"; 950 → "₹950". */
export function formatInrCompact(value: number, significantDecimals = 2): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  if (abs >= CRORE) return `${sign}₹${trimZeros((abs / CRORE).toFixed(significantDecimals))} Cr`;
  if (abs >= LAKH) return `${sign}₹${trimZeros((abs / LAKH).toFixed(significantDecimals))} L`;
  return `${sign}₹${formatIndianNumber(abs, abs % 1 === 0 ? 0 : 2)}`;
}

/** 0.1421 → "14.2%" */
export function formatPercent(ratio: number, fractionDigits = 1): string {
  return `${(ratio * 100).toFixed(fractionDigits)}%`;
}

/** Signed change: 0.052 → "+5.2%", -0.1 → "-10.0%". */
export function formatPercentChange(ratio: number, fractionDigits = 1): string {
  const s = formatPercent(ratio, fractionDigits);
  return ratio > 0 ? `+${s}` : s;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Plain counts in lakh/crore: 1234 → "1,234"; 245000 → "2.45 L"; 31000000 → "3.1 Cr" (chart axes, tiles). */
export function formatIndianCompact(value: number, significantDecimals = 2): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  if (abs >= CRORE) return `${sign}${trimZeros((abs / CRORE).toFixed(significantDecimals))} Cr`;
  if (abs >= LAKH) return `${sign}${trimZeros((abs / LAKH).toFixed(significantDecimals))} L`;
  return `${sign}${formatIndianNumber(abs, abs % 1 === 0 ? 0 : 1)}`;
}

/**
 * One unit for a whole axis: ticks up to ₹3 Cr read "₹0.5 Cr, ₹1 Cr, …", never "₹50 L" next to "₹1 Cr". The unit
 * is chosen from the largest value on the axis.
 */
export type CompactUnit = 'Cr' | 'L' | 'one';

export function compactUnitFor(maxAbs: number): CompactUnit {
  if (maxAbs >= CRORE) return 'Cr';
  if (maxAbs >= LAKH) return 'L';
  return 'one';
}

/** A number in a fixed unit: (5_000_000, 'Cr') → "0.5 Cr"; (250_000, 'L') → "2.5 L"; (950, 'one') → "950". */
export function formatIndianInUnit(value: number, unit: CompactUnit, significantDecimals = 2): string {
  if (value === 0) return '0';
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  if (unit === 'Cr') return `${sign}${trimZeros((abs / CRORE).toFixed(significantDecimals))} Cr`;
  if (unit === 'L') return `${sign}${trimZeros((abs / LAKH).toFixed(significantDecimals))} L`;
  return `${sign}${formatIndianNumber(abs, abs % 1 === 0 ? 0 : 1)}`;
}

/** Rupees in a fixed unit: (5_000_000, 'Cr') → "₹0.5 Cr". */
export function formatInrInUnit(value: number, unit: CompactUnit): string {
  const text = formatIndianInUnit(value, unit);
  return text.startsWith('-') ? `-₹${text.slice(1)}` : `₹${text}`;
}

export function isCompactUnit(value: unknown): value is CompactUnit {
  return value === 'Cr' || value === 'L' || value === 'one';
}
