import {
  formatIndianNumber,
  formatInr,
  formatInrCompact,
  formatPercent,
  formatPercentChange,
} from '../format/money.js';
import { monthLabel } from '../semantic/time-range.js';
import type { Cell } from '../warehouse/types.js';
import type { ColumnFormat } from './columns.js';

/** Display text for one cell, by the column's format. Money always goes through src/format/money.ts. */
export function formatCell(value: Cell, format: ColumnFormat, options: { exact?: boolean } = {}): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return format === 'date' ? value : value;
  switch (format) {
    case 'inr':
      return options.exact ? formatInr(value) : formatInrCompact(value);
    case 'count':
      return formatIndianNumber(value, Number.isInteger(value) ? 0 : 1);
    case 'percent':
      return formatPercent(value);
    case 'number':
      return formatIndianNumber(value, Number.isInteger(value) ? 0 : 2);
    default:
      return String(value);
  }
}

export function formatChange(ratio: number | null | undefined): string | undefined {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return undefined;
  return formatPercentChange(ratio);
}

/** A date cell as a person reads it at a grain: month → "May 2022", week → "week of 2022-05-02". */
export function formatDateAtGrain(iso: string, grain: string | undefined): string {
  if (grain === 'month') return monthLabel(iso);
  if (grain === 'week') return `week of ${iso}`;
  return iso;
}
