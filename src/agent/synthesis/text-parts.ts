import type { Catalog } from '../../semantic/catalog.js';
import type { DateSpan } from '../../semantic/bucket-coverage.js';
import { inSentence } from '../../semantic/label-text.js';
import type { Plan } from '../../semantic/plan.js';
import type { Cell, QueryResult } from '../../warehouse/types.js';
import type { KeyFigure } from '../answer.js';
import type { ColumnMeta } from '../columns.js';
import { describeFilters, periodPhrase } from '../explain-empty.js';
import { formatCell, formatChange } from '../format-value.js';

/**
 * The computed answer: headline, 1–3 insights and key figures from the result alone. This is what users get
 * offline, and what replaces LLM prose whose numbers do not check out. `derived` lists every number the insights
 * computed (shares, changes, totals) so the number check accepts them in LLM prose too.
 */
export interface ComposedText {
  headline: string;
  insights: string[];
  keyFigures: KeyFigure[];
  derived: number[];
}

export interface ComposeInput {
  plan?: Plan;
  result: QueryResult;
  columns: ColumnMeta[];
  catalog: Catalog;
  /** "why?" follow-up: lead with what drove the change. */
  explain?: boolean;
  /** Comparison period label, when the plan compared periods. */
  compareLabel?: string;
  /** The period actually measured when it differs from the plan's (a comparison cut like for like). */
  periodLabel?: string;
  /** The days the result can cover (the table's dates within the plan's period): buckets outside are partial. */
  coverage?: DateSpan;
}

export function context(input: ComposeInput, options: { exceptGrouped?: boolean } = {}): string {
  const plan = input.plan;
  // Rows grouped by a dimension already name its values: "Set has the highest revenue by category", not "… by
  // category for Kurta or Set". Exclusions ("other than Set") still say what was left out.
  const shown =
    plan && options.exceptGrouped
      ? { ...plan, filters: plan.filters.filter((f) => f.op !== 'in' || !plan.groupBy.includes(f.dimension)) }
      : plan;
  const parts = shown ? describeFilters(shown, input.catalog) : [];
  const period = input.periodLabel ?? input.plan?.timeRange?.label;
  if (period) parts.push(periodPhrase(period));
  return parts.length ? ` ${parts.join(' ')}` : '';
}

export function changeColumn(columns: ColumnMeta[], metric: ColumnMeta): ColumnMeta | undefined {
  return columns.find((c) => c.role === 'change' && c.ref === metric.ref);
}
export function previousColumn(columns: ColumnMeta[], metric: ColumnMeta): ColumnMeta | undefined {
  return columns.find((c) => c.role === 'previous' && c.ref === metric.ref);
}

export function num(cell: Cell | undefined): number | null {
  return typeof cell === 'number' && Number.isFinite(cell) ? cell : null;
}

export function rowLabel(row: Cell[], dims: ColumnMeta[]): string {
  return dims.map((d) => formatCell(row[d.index] ?? null, d.format, { grain: d.grain })).join(' · ');
}

/** "up 5.2% from May 2022", "down 1.2 pp", "flat compared with May 2022". */
export function changeWords(change: number, format: ColumnMeta['format'], label?: string): string {
  const text = formatChange(Math.abs(change), format)!.replace('+', '');
  const vs = label ? ` from ${label}` : '';
  if (Math.abs(change) < 0.0005) return `flat${vs ? ` compared${vs.replace(' from', ' with')}` : ''}`;
  return change > 0 ? `up ${text}${vs}` : `down ${text}${vs}`;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "month" → "months" for "over 4 months"; labels are the catalog's. */
export function plural(label: string): string {
  const lower = inSentence(label);
  return /[^aeiou]y$/.test(lower) ? `${lower.slice(0, -1)}ies` : `${lower}s`;
}

export type { Catalog, QueryResult };
