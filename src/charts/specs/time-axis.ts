import type { TimeGrain } from '../fields.js';

/** A point on a time axis: one bucket of one series. */
export interface TimePoint {
  /** epoch ms (UTC midnight) */
  x: number;
  value: number;
  series?: string;
  /** The data covers this bucket only in part (a month it ends inside): drawn hollow and dashed, or faded. */
  partial?: boolean;
}

/** Vega time format of the x-axis labels per grain. */
export const TIME_LABEL_FORMAT: Record<TimeGrain, string> = { day: '%-d %b', week: '%-d %b', month: '%b %Y' };

/** Period labels written by hand (not vega's format), so a bar's x category is plain text. */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export function periodLabel(ms: number, grain: TimeGrain): string {
  const d = new Date(ms);
  const m = MONTHS[d.getUTCMonth()]!;
  return grain === 'month' ? `${m} ${d.getUTCFullYear()}` : `${d.getUTCDate()} ${m}`;
}
