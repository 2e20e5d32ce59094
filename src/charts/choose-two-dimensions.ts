import { categoryLabel, dateMs, toNumber, type DimensionColumn } from './analyze.js';
import {
  DEFAULT_MAX_BARS,
  isAdditive,
  isNaturallyOrdered,
  periodText,
  valueRank,
  titleFor,
  type ChosenChart,
  type Ctx,
} from './chart-context.js';
import { heatmapSpec, stackedBarSpec, type Cell2 } from './specs/cross-tab.js';
import { periodLabel } from './specs/time-axis.js';
import { inSentence } from '../semantic/label-text.js';

/** Two dimensions at once: a heatmap when the grid is dense (or asked for), otherwise stacked or grouped bars. */

const MAX_STACK_PARTS = 7;
/** A heatmap's rows and columns beyond these are left out (and the subtitle says so): the image stays readable. */
const MAX_HEATMAP_ROWS = 25;
const MAX_HEATMAP_COLUMNS = 16;

/** "Top 25 of 40 states by total revenue" ("First 25 …" for dates and sizes, which are not ranked). */
function cutNote(d: DimensionColumn, shown: number, of: number, metricLabel: string): string | null {
  if (shown >= of) return null;
  const what = `${shown} of ${of} ${d.plural}`;
  if (d.grain !== undefined || isNaturallyOrdered(d)) return `First ${what}`;
  return `Top ${what} by total ${inSentence(metricLabel)}`;
}
const MAX_GROUPED_PARTS = 4;

export function twoDimensions(ctx: Ctx, a: DimensionColumn, b: DimensionColumn): ChosenChart | null {
  const { primary, preference } = ctx;
  // Dates at their grain ("Apr 2022", "4 Apr"), ordered by the date they stand for.
  const dateOf = new Map<string, number>();
  const label = (d: DimensionColumn, cell: unknown): string => {
    if (d.grain === undefined) return categoryLabel(cell as never, d.id);
    const ms = dateMs(cell as string) ?? 0;
    const text = periodLabel(ms, d.grain);
    dateOf.set(text, ms);
    return text;
  };
  const raw: { a: string; b: string; value: number }[] = [];
  for (const r of ctx.result.rows) {
    const v = toNumber(r[primary.index]);
    if (v === null) continue;
    raw.push({ a: label(a, r[a.index]), b: label(b, r[b.index]), value: v });
  }
  if (raw.length === 0) return null;
  const totalsOf = (key: 'a' | 'b'): Map<string, number> => {
    const m = new Map<string, number>();
    for (const c of raw) m.set(c[key], (m.get(c[key]) ?? 0) + c.value);
    return m;
  };
  const order = (d: DimensionColumn, totals: Map<string, number>): string[] => {
    const keys = [...totals.keys()];
    if (d.grain !== undefined) return keys.sort((x, y) => (dateOf.get(x) ?? 0) - (dateOf.get(y) ?? 0));
    if (isNaturallyOrdered(d))
      return keys.sort((x, y) => valueRank(d, x) - valueRank(d, y) || x.localeCompare(y));
    return keys.sort((x, y) => totals.get(y)! - totals.get(x)!);
  };
  const aTotals = totalsOf('a');
  const bTotals = totalsOf('b');
  const additive =
    isAdditive(
      ctx,
      primary,
      raw.map((c) => c.value),
    ) && !ctx.result.truncated;
  const density = raw.length / (aTotals.size * bTotals.size);
  const dense = aTotals.size * bTotals.size >= 24 && density >= 0.5;

  if (
    preference === 'heatmap' ||
    (preference === 'auto' && dense) ||
    (!additive && preference !== 'grouped_bar' && aTotals.size * bTotals.size > 24)
  ) {
    // Rows: the dimension with more values (reads down the page); columns: the shorter one (size across the top).
    // Ordered dimensions (size, dates) read left to right; otherwise the shorter dimension goes across.
    const ordered = (d: DimensionColumn): boolean => isNaturallyOrdered(d) || d.grain !== undefined;
    const aAcross = ordered(a) !== ordered(b) ? ordered(a) : aTotals.size < bTotals.size;
    const [rowDim, colDim] = aAcross ? [b, a] : [a, b];
    const rowKey = rowDim === a ? 'a' : 'b';
    const rowTotals = rowDim === a ? aTotals : bTotals;
    const colTotals = rowDim === a ? bTotals : aTotals;
    const rowOrder = order(rowDim, rowTotals).slice(0, MAX_HEATMAP_ROWS);
    const colOrder = order(colDim, colTotals).slice(0, MAX_HEATMAP_COLUMNS);
    const keepRow = new Set(rowOrder);
    const keepCol = new Set(colOrder);
    const cells: Cell2[] = raw
      .map((c) => ({ row: rowKey === 'a' ? c.a : c.b, col: rowKey === 'a' ? c.b : c.a, value: c.value }))
      .filter((c) => keepRow.has(c.row) && keepCol.has(c.col));
    const notes = [
      cutNote(rowDim, rowOrder.length, rowTotals.size, primary.info.label),
      cutNote(colDim, colOrder.length, colTotals.size, primary.info.label),
    ].filter((n): n is string => n !== null);
    const t = titleFor(
      ctx,
      [primary],
      [rowDim, colDim],
      periodText(ctx, a.grain ? a : b.grain ? b : undefined),
      notes,
    );
    return {
      type: 'heatmap',
      title: t.title,
      spec: heatmapSpec(t, cells, {
        format: primary.info.format,
        valueTitle: primary.info.label,
        rowOrder,
        colOrder,
        rowTitle: rowDim.label,
        colTitle: colDim.label,
      }),
    };
  }

  // Bars: the dimension with more values on the rows, the other as colours (stacked when additive).
  const [rowDim, colDim] = bTotals.size > aTotals.size && !isNaturallyOrdered(b) ? [b, a] : [a, b];
  const rowKey = rowDim === a ? 'a' : 'b';
  const rowTotals = rowDim === a ? aTotals : bTotals;
  const colTotals = rowDim === a ? bTotals : aTotals;
  const grouped = preference === 'grouped_bar' || !additive;
  const maxParts = grouped ? MAX_GROUPED_PARTS : MAX_STACK_PARTS;
  const maxRows = grouped ? 10 : (ctx.options.maxBars ?? DEFAULT_MAX_BARS);
  const rowOrder = order(rowDim, rowTotals).slice(0, maxRows);
  const colRanked = order(colDim, colTotals);
  const keepCols = new Set(colRanked.slice(0, maxParts));
  const rolled = colRanked.length > maxParts && additive;
  const othersLabel = `Others (${colRanked.length - maxParts} more)`;
  const colOrder = [...colRanked.filter((c) => keepCols.has(c)), ...(rolled ? [othersLabel] : [])];
  const keepRows = new Set(rowOrder);
  const merged = new Map<string, Cell2>();
  for (const c of raw) {
    const row = rowKey === 'a' ? c.a : c.b;
    let col = rowKey === 'a' ? c.b : c.a;
    if (!keepRows.has(row)) continue;
    if (!keepCols.has(col)) {
      if (!rolled) continue;
      col = othersLabel;
    }
    const key = `${row}\u0000${col}`;
    const prev = merged.get(key);
    merged.set(key, { row, col, value: (prev?.value ?? 0) + c.value });
  }
  const notes: string[] = [];
  if (rowOrder.length < rowTotals.size)
    notes.push(`Top ${rowOrder.length} of ${rowTotals.size} ${rowDim.plural}`);
  if (colRanked.length > maxParts && !rolled)
    notes.push(`Top ${maxParts} of ${colRanked.length} ${colDim.plural}`);
  const t = titleFor(ctx, [primary], [rowDim, colDim], periodText(ctx), notes);
  return {
    type: grouped ? 'grouped_bar' : 'stacked_bar',
    title: t.title,
    spec: stackedBarSpec(t, [...merged.values()], {
      format: primary.info.format,
      valueTitle: primary.info.label,
      rowOrder,
      colOrder,
      colTitle: colDim.label,
      grouped,
    }),
  };
}
