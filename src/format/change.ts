import { formatPercentChange } from './money.js';

/**
 * Changes, decided in one place for every surface (answer text, key figures, tables, Slack, chart labels and
 * tiles): amounts and counts change by a relative % ("+5.2%"); rates and shares by percentage points
 * ("+1.2 pp"), never by a % of a %.
 *
 * A change's unit: 'change' = a relative change (0.052 → +5.2%), 'points' = a difference of two ratios
 * (0.012 → +1.2 pp).
 */
export type ChangeUnit = 'change' | 'points';

/** The unit a metric's change is shown in, from the metric's format ('percent' = a rate or share). */
export function changeUnitOf(metricFormat: string): ChangeUnit {
  return metricFormat === 'percent' ? 'points' : 'change';
}

/** A change value as text in its unit: "+5.2%", "-9.1%", "+1.2 pp", "0.0 pp". */
export function formatChangeIn(value: number | null | undefined, unit: ChangeUnit): string | undefined {
  if (value === null || value === undefined || !Number.isFinite(value)) return undefined;
  if (unit === 'points') {
    const points = value * 100;
    const sign = points >= 0.05 ? '+' : points <= -0.05 ? '-' : '';
    return `${sign}${Math.abs(points).toFixed(1)} pp`;
  }
  return formatPercentChange(value);
}

/**
 * The change from `previous` to `current` in the unit the metric calls for: relative for amounts (none when the
 * previous value is 0), the difference for rates.
 */
export function changeBetween(
  current: number,
  previous: number | null | undefined,
  metricFormat: string,
): { value: number; unit: ChangeUnit } | null {
  if (previous === null || previous === undefined || !Number.isFinite(previous)) return null;
  const unit = changeUnitOf(metricFormat);
  if (unit === 'points') return { value: current - previous, unit };
  if (previous === 0) return null;
  return { value: (current - previous) / Math.abs(previous), unit };
}
