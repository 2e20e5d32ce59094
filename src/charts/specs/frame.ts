import { CHART_WIDTH_PX, chartThemeConfig } from '../theme.js';

/**
 * Vega-Lite spec builders, one file per chart family under src/charts/specs/; this one holds what every spec
 * shares (schema, title block, sizing). Every spec is plain data: values inlined under fixed field names
 * (label, value, text, …) so no column name or user text is ever parsed as a field path or an expression; text
 * shown on the chart is computed in the builders (src/format/money.ts) and carried as data.
 */
export const VEGA_LITE_SCHEMA_URL = 'https://vega.github.io/schema/vega-lite/v6.json';

export interface TitleParts {
  title: string;
  subtitle: string[];
}

export type Spec = Record<string, unknown>;

const TITLE_LINE_PX = 24;
const SUBTITLE_LINE_PX = 17;
/** Title block height for the layout arithmetic (autosize "fit" counts it inside the given height). */
export function headerPx(t: TitleParts): number {
  return 30 + TITLE_LINE_PX * titleLines(t.title).length + SUBTITLE_LINE_PX * t.subtitle.length;
}

/** Splits a long title at ", " so it never runs off the image. */
function titleLines(title: string): string[] {
  if (title.length <= 58) return [title];
  const cut = title.lastIndexOf(', ', 58);
  if (cut > 20) return [title.slice(0, cut + 1), title.slice(cut + 2)];
  return [title];
}

function titleBlock(t: TitleParts): Record<string, unknown> {
  const lines = titleLines(t.title);
  return {
    text: lines.length === 1 ? lines[0] : lines,
    ...(t.subtitle.length > 0 ? { subtitle: t.subtitle.length === 1 ? t.subtitle[0] : t.subtitle } : {}),
  };
}

/** The frame every chart shares: schema, title block, size and theme. */
export function baseSpec(t: TitleParts, heightPx: number, widthPx = CHART_WIDTH_PX): Spec {
  return {
    $schema: VEGA_LITE_SCHEMA_URL,
    description: t.title,
    title: titleBlock(t),
    width: widthPx,
    height: Math.round(heightPx),
    autosize: { type: 'fit', contains: 'padding' },
    config: chartThemeConfig(),
  };
}

/** Room after the longest bar for its value label. */
export function paddedMax(values: readonly number[]): number {
  const max = Math.max(0, ...values);
  return max > 0 ? max * 1.22 : 1;
}
