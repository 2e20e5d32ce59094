import { BLANK } from '../format/blank.js';
import { axisFormat, formatChange, formatValue, metricInfo, type MetricInfo } from './fields.js';
import { VEGA_LITE_SCHEMA_URL } from './specs/frame.js';
import { CHART_COLORS, CHART_PALETTE, chartThemeConfig } from './theme.js';
import { formatPeriod } from './titles.js';

/**
 * The summary dashboard: one Vega-Lite concat spec (one PNG) with KPI tiles, the revenue trend, the status mix, top
 * categories and top states. The summary-mode engineer fills a DashboardData from the summary queries; everything
 * shown is computed here from those numbers (formatting through src/format/money.ts), so the spec is pure data.
 */

/** One KPI tile. */
export interface DashboardKpi {
  /** Metric id from the catalog: revenue, orders, units, aov, cancel_rate (any id works; these are expected). */
  metric: string;
  /** The value for the period (rates as fractions: 0.142 = 14.2 %). */
  value: number;
  /** The same metric over the comparison period; null/absent → no delta shown. */
  previous?: number | null;
  /** Tile caption; defaults to the metric's label ("Cancellation rate"). */
  label?: string;
}

export interface DashboardData {
  /** The period summarised (inclusive ISO dates). `label` is ignored: the title formats the dates itself. */
  period: { from: string; to: string; label?: string };
  /** The period the deltas compare against. */
  comparePeriod?: { from: string; to: string; label?: string };
  /** Title prefix: "Weekly summary", "Monthly summary"; default "Summary". */
  heading?: string;
  /** A line under the title, e.g. the filters applied ("Category: Kurta"). */
  note?: string;
  /** Tiles, in display order (up to 6). Usually revenue, orders, units, aov, cancel_rate. */
  kpis: DashboardKpi[];
  /** Revenue over the period at one grain, 'YYYY-MM-DD' bucket starts. */
  trend: { grain: 'day' | 'week' | 'month'; points: { date: string; revenue: number }[] };
  /** Largest categories by revenue (the first 8 are shown). */
  topCategories: { name: string; revenue: number }[];
  /** Largest states by revenue (the first 8 are shown). */
  topStates: { name: string; revenue: number }[];
  /** Orders (or order lines) per status; shown as shares of the total. */
  statusMix: { status: string; orders: number }[];
  /** Catalog metric entries, to label and format the tiles like the rest of the app. */
  metrics?: Record<string, MetricInfo>;
}

const TILE_WIDTH_PX = 172;
const TILE_HEIGHT_PX = 86;
const FULL_WIDTH_PX = 940;
const TOP_N = 8;

type Spec = Record<string, unknown>;

function tile(kpi: DashboardKpi, data: DashboardData): Spec {
  const info = metricInfo(kpi.metric, data.metrics, [kpi.value]);
  const change = formatChange(kpi.value, kpi.previous, info.format);
  const previous = kpi.previous ?? null;
  let tone = 'flat';
  let deltaText = data.comparePeriod ? 'no comparison' : '';
  if (change && previous !== null) {
    const up = kpi.value > previous;
    const down = kpi.value < previous;
    const good = info.lowerIsBetter ? down : up;
    tone = !up && !down ? 'flat' : good ? 'good' : 'bad';
    deltaText = `${up ? '▲' : down ? '▼' : '■'} ${change.replace(/^[+-]/, '')} vs previous`;
  }
  const line = (
    text: string,
    y: number,
    mark: Record<string, unknown>,
    color?: Record<string, unknown>,
  ): Spec => ({
    data: { values: [{ text, tone }] },
    mark: { type: 'text', align: 'left', baseline: 'alphabetic', x: 14, y, ...mark },
    encoding: { text: { field: 'text', type: 'nominal' }, ...(color ? { color } : {}) },
  });
  return {
    width: TILE_WIDTH_PX,
    height: TILE_HEIGHT_PX,
    view: { fill: '#F3F6FA', stroke: null, cornerRadius: 8 },
    layer: [
      line(kpi.label ?? info.label, 24, {
        fontSize: 12,
        color: CHART_COLORS.muted,
        limit: TILE_WIDTH_PX - 20,
      }),
      line(formatValue(kpi.value, info.format), 54, {
        fontSize: 23,
        fontWeight: 'bold',
        color: CHART_COLORS.text,
      }),
      line(
        deltaText,
        76,
        { fontSize: 11.5, limit: TILE_WIDTH_PX - 20 },
        {
          field: 'tone',
          type: 'nominal',
          scale: {
            domain: ['good', 'bad', 'flat'],
            range: [CHART_COLORS.up, CHART_COLORS.down, CHART_COLORS.muted],
          },
          legend: null,
        },
      ),
    ],
  };
}

function trendView(data: DashboardData, widthPx: number): Spec {
  const points = data.trend.points
    .map((p) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(p.date);
      return m ? { x: Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])), value: p.revenue } : null;
    })
    .filter((p): p is { x: number; value: number } => p !== null);
  const grain = data.trend.grain;
  // Ticks on the data's own buckets (vega's weeks start on Sunday, the warehouse's on Monday).
  const xs = points.map((p) => p.x).sort((a, b) => a - b);
  const every = Math.max(1, Math.ceil(xs.length / 8));
  return {
    title: { text: `Revenue by ${grain}`, fontSize: 14 },
    width: widthPx,
    height: 190,
    data: { values: points },
    mark: {
      type: 'line',
      strokeWidth: 2.5,
      ...(points.length <= 20 ? { point: { filled: true, size: 45 } } : {}),
    },
    encoding: {
      x: {
        field: 'x',
        type: 'temporal',
        scale: { type: 'utc' },
        axis: {
          format: grain === 'month' ? '%b %Y' : '%-d %b',
          values: xs.filter((_, i) => i % every === 0),
          labelAngle: 0,
          labelOverlap: true,
          grid: false,
          title: null,
        },
      },
      y: {
        field: 'value',
        type: 'quantitative',
        title: null,
        scale: { zero: true },
        axis: {
          ...axisFormat(
            'inr',
            points.map((p) => p.value),
          ),
          tickCount: 4,
        },
      },
    },
  };
}

function barView(
  title: string,
  items: { label: string; value: number; text: string }[],
  widthPx: number,
  color: string,
): Spec {
  const max = Math.max(0, ...items.map((i) => i.value));
  return {
    title: { text: title, fontSize: 14 },
    width: widthPx,
    height: Math.max(60, items.length * 24),
    data: { values: items },
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        sort: items.map((i) => i.label),
        title: null,
        axis: { labelLimit: 210 },
      },
      x: {
        field: 'value',
        type: 'quantitative',
        title: null,
        scale: { domain: [0, max > 0 ? max * 1.3 : 1], nice: false },
        axis: null,
      },
    },
    layer: [
      { mark: { type: 'bar', color, cornerRadiusEnd: 2, height: { band: 0.7 } } },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 5, fontSize: 11 },
        encoding: { text: { field: 'text', type: 'nominal' } },
      },
    ],
  };
}

export function buildDashboardSpec(data: DashboardData): Record<string, unknown> {
  const period = formatPeriod(data.period.from, data.period.to);
  const subtitle: string[] = [];
  if (data.comparePeriod) {
    subtitle.push(`Changes compared with ${formatPeriod(data.comparePeriod.from, data.comparePeriod.to)}`);
  }
  if (data.note) subtitle.push(data.note);

  const kpis = data.kpis.slice(0, 6);
  const tileGap = kpis.length > 1 ? (FULL_WIDTH_PX - kpis.length * TILE_WIDTH_PX) / (kpis.length - 1) : 0;

  const statusTotal = data.statusMix.reduce((s, r) => s + Math.max(0, r.orders), 0);
  const statusItems = [...data.statusMix]
    .sort((a, b) => b.orders - a.orders)
    .slice(0, TOP_N)
    .map((r) => {
      const share = statusTotal > 0 ? r.orders / statusTotal : 0;
      return { label: r.status || BLANK, value: share, text: `${(share * 100).toFixed(1)}%` };
    });
  const revenueItems = (rows: { name: string; revenue: number }[]) =>
    [...rows]
      .sort((a, b) => b.revenue - a.revenue)
      .slice(0, TOP_N)
      .map((r) => ({ label: r.name || BLANK, value: r.revenue, text: formatValue(r.revenue, 'inr') }));

  const halfWidth = (FULL_WIDTH_PX - 200) / 2;
  return {
    $schema: VEGA_LITE_SCHEMA_URL,
    description: `${data.heading ?? 'Summary'}, ${period}`,
    title: {
      text: `${data.heading ?? 'Summary'}, ${period}`,
      ...(subtitle.length > 0 ? { subtitle: subtitle.length === 1 ? subtitle[0] : subtitle } : {}),
      fontSize: 20,
    },
    config: { ...chartThemeConfig(), concat: { spacing: 26 } },
    vconcat: [
      { hconcat: kpis.map((k) => tile(k, data)), spacing: Math.max(8, Math.floor(tileGap)) },
      {
        hconcat: [
          trendView(data, 450),
          barView('Status mix (% of total)', statusItems, 170, CHART_PALETTE[4]),
        ],
        spacing: 40,
      },
      {
        hconcat: [
          barView(
            'Top categories by revenue',
            revenueItems(data.topCategories),
            halfWidth,
            CHART_COLORS.primary,
          ),
          barView('Top states by revenue', revenueItems(data.topStates), halfWidth, CHART_COLORS.primary),
        ],
        spacing: 40,
      },
    ],
  };
}
