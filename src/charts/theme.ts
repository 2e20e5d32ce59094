/**
 * The one look every chart shares: DejaVu Sans (Debian fonts-dejavu-core, present on the servers and in the image),
 * the Okabe-Ito colour-blind-safe palette, quiet axes, titles anchored left like a report.
 * Exported so a surface can show a legend colour or a tile in the same colours as the PNG.
 */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

/** Where Debian's fonts-dejavu-core puts the faces the theme uses. */
export const CHART_FONT_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
] as const;

/** Okabe & Ito (2008), ordered so the first colours are the most distinct; yellow last (weak on white). */
export const CHART_PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#56B4E9',
  '#CC79A7',
  '#999999',
  '#F0E442',
] as const;

export const CHART_COLORS = {
  primary: '#0072B2',
  /** The comparison period in paired bars: a light tint of the primary colour. */
  previous: '#A6C8E0',
  /** "Others" roll-up bars. */
  others: '#B8B8B8',
  up: '#009E73',
  down: '#D55E00',
  text: '#222222',
  muted: '#666666',
  grid: '#E6E6E6',
  background: '#FFFFFF',
} as const;

/** CSS pixels; the PNG is rendered at CHART_PIXEL_RATIO × this. Fits a Slack message preview. */
export const CHART_WIDTH_PX = 720;
export const CHART_PIXEL_RATIO = 2;

/** Custom Vega format types registered by renderPng (they call src/format/money.ts). */
export const FORMAT_INR = 'inr';
export const FORMAT_INDIAN = 'indianNumber';

/** The Vega-Lite `config` block put into every spec. */
export function chartThemeConfig(): Record<string, unknown> {
  return {
    customFormatTypes: true,
    font: CHART_FONT_FAMILY,
    background: CHART_COLORS.background,
    padding: 16,
    view: { stroke: null },
    title: {
      anchor: 'start',
      fontSize: 17,
      fontWeight: 'bold',
      color: CHART_COLORS.text,
      subtitleFontSize: 12,
      subtitleColor: CHART_COLORS.muted,
      subtitlePadding: 6,
      offset: 14,
    },
    axis: {
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: 'normal',
      titleColor: CHART_COLORS.muted,
      labelColor: CHART_COLORS.text,
      gridColor: CHART_COLORS.grid,
      domainColor: '#BBBBBB',
      tickColor: '#BBBBBB',
      labelLimit: 220,
      titlePadding: 10,
    },
    axisBand: { grid: false, ticks: false, domain: false },
    legend: {
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: 'normal',
      titleColor: CHART_COLORS.muted,
      labelLimit: 200,
      symbolType: 'circle',
      orient: 'bottom',
      direction: 'horizontal',
      columns: 4,
    },
    header: { labelFontSize: 12, titleFontSize: 12 },
    range: { category: [...CHART_PALETTE], heatmap: { scheme: 'blues' } },
    bar: { color: CHART_COLORS.primary },
    line: { color: CHART_COLORS.primary, strokeWidth: 2.5 },
    point: { color: CHART_COLORS.primary, size: 50, filled: true },
    arc: { stroke: CHART_COLORS.background, strokeWidth: 2 },
    text: { color: CHART_COLORS.text, fontSize: 11 },
    concat: { spacing: 28 },
  };
}
