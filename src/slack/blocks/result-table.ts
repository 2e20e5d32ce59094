import { answerColumns, type AnswerColumn, type ColumnMeta } from '../../agent/columns.js';
import { formatCell as formatValue } from '../../agent/format-value.js';
import type { Cell, ResultColumn } from '../../warehouse/types.js';

/**
 * A result rendered as a fixed-width text table for a Slack code block: at most `maxRows` rows, long labels
 * clipped. Each cell is formatted by its column's meaning from the result contract (money in ₹ lakh/crore, rates as
 * %, changes as % or pp, dates at their grain, one blank label), never guessed from the column's name. Pure; the
 * full result goes out as CSV instead.
 */
const MAX_CELL_CHARS = 28;

export function formatCell(column: ColumnMeta, cell: Cell): string {
  const text = formatValue(cell, column.format, { grain: column.grain });
  return text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS - 1)}…` : text;
}

function isNumericColumn(rows: Cell[][], index: number): boolean {
  return rows.some((r) => typeof r[index] === 'number') && rows.every((r) => typeof r[index] !== 'string');
}

export function textTable(columns: readonly AnswerColumn[], rows: Cell[][], maxRows: number): string {
  const shown = rows.slice(0, maxRows);
  const meta = answerColumns({ columns, rows });
  const headerCells = columns.map((c) => c.name);
  const body = shown.map((row) => meta.map((c, i) => formatCell(c, row[i] ?? null)));
  const widths = headerCells.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const numeric = columns.map((_, i) => isNumericColumn(shown, i));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  return [line(headerCells), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)]
    .map((l) => l.trimEnd())
    .join('\n');
}

/**
 * RFC 4180 CSV of the whole result, raw values (numbers unformatted so spreadsheets can compute). Text that a
 * spreadsheet would run as a formula (=, +, -, @, tab or CR first: a SKU or customer name from the data, or the
 * output of LLM-written SQL) gets a leading apostrophe, OWASP's advice against CSV injection; numbers stay numbers.
 */
export function toCsv(columns: ResultColumn[], rows: Cell[][]): string {
  const escape = (cell: Cell): string => {
    if (cell === null) return '';
    const raw = String(cell);
    const s = typeof cell === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map((c) => escape(c.name)), ...rows.map((r) => columns.map((_, i) => escape(r[i] ?? null)))]
    .map((cells) => cells.join(','))
    .join('\r\n')
    .concat('\r\n');
}
