import type { Spec } from './frame.js';
import type { TimePoint } from './time-axis.js';

// Partial-bucket styling: how a period the data covers only in part is drawn.

/** Opacity of a column the data covers only in part. */
export const PARTIAL_OPACITY = 0.4;

/**
 * A line whose partial buckets read as such: the line through complete buckets solid, the segments to a partial
 * bucket dashed, complete buckets as filled points and partial ones hollow.
 */
export function partialLineSpec(
  head: Spec,
  points: readonly TimePoint[],
  encoding: Record<string, unknown>,
  style: { strokeWidth: number; pointSize: number },
): Spec {
  const row = (p: TimePoint, segment = '') => ({ x: p.x, value: p.value, series: p.series ?? '', segment });
  const bySeries = new Map<string, TimePoint[]>();
  for (const p of points) bySeries.set(p.series ?? '', [...(bySeries.get(p.series ?? '') ?? []), p]);
  const dashed: ReturnType<typeof row>[] = [];
  for (const [series, list] of bySeries) {
    const sorted = [...list].sort((a, b) => a.x - b.x);
    sorted.forEach((p, i) => {
      const next = sorted[i + 1];
      if (next && (p.partial || next.partial)) {
        const segment = `${series}\u0000${i}`;
        dashed.push(row(p, segment), row(next, segment));
      }
    });
  }
  const { color, ...xy } = encoding as { color?: unknown } & Record<string, unknown>;
  const colour = color ? { color } : {};
  return {
    ...head,
    encoding: xy,
    layer: [
      {
        data: { values: points.filter((p) => !p.partial).map((p) => row(p)) },
        mark: { type: 'line', strokeWidth: style.strokeWidth },
        encoding: colour,
      },
      {
        data: { values: dashed },
        mark: { type: 'line', strokeWidth: style.strokeWidth, strokeDash: [6, 4] },
        encoding: { ...colour, detail: { field: 'segment', type: 'nominal' } },
      },
      {
        data: { values: points.filter((p) => !p.partial).map((p) => row(p)) },
        mark: { type: 'point', filled: true, size: style.pointSize, opacity: 1 },
        encoding: colour,
      },
      {
        data: { values: points.filter((p) => p.partial).map((p) => row(p)) },
        mark: {
          type: 'point',
          filled: false,
          size: style.pointSize,
          strokeWidth: 2,
          opacity: 1,
          fill: '#FFFFFF',
        },
        encoding: colour,
      },
    ],
  };
}
