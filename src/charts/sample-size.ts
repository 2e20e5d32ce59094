import { categoryLabel, toNumber, type DimensionColumn, type MeasureColumn } from './analyze.js';
import type { Ctx } from './chart-context.js';
import { formatValue } from './fields.js';
import { inSentence } from '../semantic/label-text.js';

/**
 * A rate per group read from a handful of rows is noise: when the result carries the rate's base (order lines or
 * orders per group), each bar gets its n and the groups under SMALL_SAMPLE_ROWS are drawn lighter. Without that
 * column nothing is claimed (the compiler does not add one).
 */
export const SMALL_SAMPLE_ROWS = 30;

/** The counts a rate is computed over, in the order they are preferred. */
const BASE_COUNT_IDS = ['order_lines', 'orders'];

export interface SampleSizes {
  /** group label → n */
  byLabel: Map<string, number>;
  /** "order lines" */
  unit: string;
}

export function sampleSizes(ctx: Ctx, dim: DimensionColumn): SampleSizes | null {
  const { primary } = ctx;
  if (primary.info.format !== 'percent' || primary.info.additive) return null;
  const base = BASE_COUNT_IDS.map((id) => ctx.shape.measures.find((m) => m.id === id)).find(
    (m): m is MeasureColumn => m !== undefined,
  );
  if (!base) return null;
  const byLabel = new Map<string, number>();
  for (const r of ctx.result.rows) {
    const n = toNumber(r[base.index]);
    if (n !== null) byLabel.set(categoryLabel(r[dim.index], dim.id), n);
  }
  return { byLabel, unit: inSentence(base.info.label) };
}

/** "14.7% (n = 1,204)" */
export function withSampleSize(text: string, n: number | undefined): string {
  return n === undefined ? text : `${text} (n = ${formatValue(n, 'count')})`;
}

export function smallSampleNote(unit: string): string {
  return `Lighter bars: based on fewer than ${SMALL_SAMPLE_ROWS} ${unit}`;
}
