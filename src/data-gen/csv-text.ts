/** CSV text the way the retailer's export (pandas `to_csv`, minimal quoting) writes it. */

export type RawCell = string | number | null | undefined;

/** Quotes only fields holding a comma, a quote or a line break; null/undefined are empty. */
export function csvField(value: RawCell): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly RawCell[]): string {
  return cells.map(csvField).join(',');
}

/** Joins lines with '\n'; `finalNewline` false reproduces files whose last line has no line break. */
export function csvText(lines: readonly string[], finalNewline: boolean): string {
  return lines.join('\n') + (finalNewline ? '\n' : '');
}

/** A float as pandas prints it: 406 → '406.0', 647.62 → '647.62'. */
export function pandasFloat(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Number.isInteger(rounded) ? `${rounded}.0` : String(rounded);
}

/** A number as a spreadsheet export prints it: integers bare ('617'), otherwise up to 2 decimals. */
export function sheetNumber(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(rounded);
}

/** 'MM-DD-YY' from a UTC date. */
export function mmddyy(date: Date): string {
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(date.getUTCDate()).padStart(2, '0');
  const yy = String(date.getUTCFullYear() % 100).padStart(2, '0');
  return `${mm}-${dd}-${yy}`;
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
