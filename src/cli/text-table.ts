import { BLANK } from '../format/blank.js';
import type { Cell } from '../warehouse/types.js';

/** A plain-text table for the terminal: numbers right-aligned, long cells cut. */
export function renderTextTable(
  headers: string[],
  rows: Cell[][],
  options: { maxWidth?: number } = {},
): string {
  const maxWidth = options.maxWidth ?? 60;
  const text = (cell: Cell): string => {
    const s = cell === null || cell === '' ? BLANK : String(cell);
    return s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s;
  };
  const cells = rows.map((row) => row.map(text));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const numeric = headers.map(
    (_, i) => rows.length > 0 && rows.every((r) => r[i] === null || typeof r[i] === 'number'),
  );
  const line = (values: string[]) =>
    values
      .map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
