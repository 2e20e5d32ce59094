import type { Cell } from '../../warehouse/types.js';

/**
 * Does an answer's result hold the gold result? Every gold column must match some answer column (the answer may
 * carry more: share, previous period, change), row counts must agree, rows are compared order-insensitively unless
 * the question is a ranking. Numbers match within 0.01 (1e-4 for ratios below 1); text ignores case and spacing.
 */
export interface Comparison {
  ok: boolean;
  reason?: string;
}

export function compareResults(
  gold: Cell[][],
  rawAnswer: Cell[][],
  ranked: boolean,
  booleanLabels?: Map<string, boolean>,
): Comparison {
  if (booleanLabels) {
    // Gold written with true/false matches rows the product labels "B2B" / "Retail (B2C)", and gold written with
    // the labels still matches them as they are.
    const plain = compareResults(gold, rawAnswer, ranked);
    if (plain.ok) return plain;
    const labelled = compareResults(
      gold,
      rawAnswer.map((r) => r.map((c) => asBoolean(c, booleanLabels))),
      ranked,
    );
    return labelled.ok ? labelled : plain;
  }
  const answer = rawAnswer;
  // "Which day had the most orders?" written as the single top row: a ranking whose first row is that row answers
  // it (the headline names the top, the rest is context). A shorter answer than the gold never does.
  if (ranked && gold.length === 1 && answer.length > 1) return compareResults(gold, answer.slice(0, 1), true);
  // "cancelled lines by category": the answer lists a category with 0 of them, a gold written with WHERE leaves
  // it out; the same facts. Only rows whose every figure is 0 are set aside, and only to meet the gold's count.
  if (answer.length > gold.length) {
    const nonZero = answer.filter((r) => !allZero(r));
    if (nonZero.length === gold.length && nonZero.length < answer.length)
      return compareResults(gold, nonZero, ranked);
  }
  // And the other way: a gold written over every bucket lists "B2B share in March: 0", the answer (filtered to
  // B2B rows) has no March row. Only all-zero gold rows are set aside, and only to meet the answer's count.
  if (gold.length > answer.length) {
    const nonZero = gold.filter((r) => !allZero(r));
    if (nonZero.length === answer.length && nonZero.length < gold.length)
      return compareResults(nonZero, answer, ranked);
  }
  if (gold.length !== answer.length)
    return { ok: false, reason: `expected ${gold.length} row(s), got ${answer.length}` };
  if (gold.length === 0) return { ok: true };
  const goldWidth = gold[0]!.length;
  const answerWidth = answer[0]!.length;
  const goldCols = Array.from({ length: goldWidth }, (_, j) => gold.map((r) => normalizeCell(r[j] ?? null)));
  const answerCols = Array.from({ length: answerWidth }, (_, k) =>
    answer.map((r) => normalizeCell(r[k] ?? null)),
  );

  // Candidate answer columns per gold column: same values (as a sequence when ranked, as a multiset otherwise).
  const tied = ranked ? tiedAtCut(goldCols) : new Set<number>();
  const candidates = goldCols.map((g) =>
    answerCols
      .map((a, k) => ({ a, k }))
      .filter(({ a }) => (ranked ? sequenceEqual(g, a, tied) : multisetEqual(g, a))),
  );
  const missing = candidates.findIndex((c) => c.length === 0);
  if (missing >= 0) {
    const sample = goldCols[missing]!.slice(0, 3).map(show).join(', ');
    return { ok: false, reason: `no answer column matches gold column ${missing + 1} (${sample}…)` };
  }
  if (ranked) return { ok: true };

  // Unordered: the columns must also line up row by row. Try assignments (there are very few candidates).
  const assignment: number[] = [];
  const search = (j: number): boolean => {
    if (j === goldWidth) return rowsAlign(gold, answer, assignment);
    for (const { k } of candidates[j]!) {
      assignment[j] = k;
      if (search(j + 1)) return true;
    }
    return false;
  };
  return search(0) ? { ok: true } : { ok: false, reason: 'columns match but rows do not line up' };
}

function rowsAlign(gold: Cell[][], answer: Cell[][], assignment: number[]): boolean {
  const g = gold.map((r) => r.map((c) => normalizeCell(c)));
  const a = answer.map((r) => assignment.map((k) => normalizeCell(r[k] ?? null)));
  g.sort(compareRows);
  a.sort(compareRows);
  return g.every((row, i) => row.every((c, j) => cellEqual(c, a[i]![j]!)));
}

function asBoolean(cell: Cell, labels: Map<string, boolean>): Cell {
  if (typeof cell !== 'string') return cell;
  const value = labels.get(cell.trim().toLowerCase());
  return value === undefined ? cell : value;
}

export function normalizeCell(cell: Cell | undefined): Cell {
  if (cell === undefined || cell === null) return null;
  if (typeof cell === 'string') {
    const t = cell.trim();
    if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(t)) return Number(t);
    if (/^\d{4}-\d{2}-\d{2}(?:[ T]00:00:00(?:\.0+)?Z?)?$/.test(t)) return t.slice(0, 10);
    // A month written as "2022-04" (strftime) is the month the product labels with its first day.
    if (/^\d{4}-\d{2}$/.test(t)) return `${t}-01`;
    return t.toLowerCase().replace(/\s+/g, ' ');
  }
  if (typeof cell === 'bigint') return Number(cell);
  return cell;
}

export function cellEqual(a: Cell, b: Cell): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'number' && typeof b === 'number') {
    const tolerance = Math.abs(a) < 1 && Math.abs(b) < 1 ? 1e-4 : Math.max(0.01, Math.abs(a) * 1e-9);
    return Math.abs(a - b) <= tolerance;
  }
  if (typeof a === 'boolean' || typeof b === 'boolean')
    return String(a).toLowerCase() === String(b).toLowerCase();
  return String(a) === String(b);
}

/**
 * The last rows of a top N whose figures equal the last row's: the cut may fall inside a tie (with rows the gold
 * left out), and which tied rows made the list is arbitrary (the gold's engine picks one, the product breaks ties by
 * name). Their labels are not compared; their figures still are, so a different row with another figure fails.
 */
function tiedAtCut(goldCols: Cell[][]): Set<number> {
  const numeric = goldCols.filter((c) => c.every((v) => typeof v === 'number'));
  const n = goldCols[0]?.length ?? 0;
  if (!numeric.length || n < 2) return new Set();
  const tied = new Set<number>();
  for (let i = n - 1; i >= 0 && numeric.every((c) => cellEqual(c[i]!, c[n - 1]!)); i--) tied.add(i);
  return tied;
}

function allZero(row: Cell[]): boolean {
  const numbers = row.filter((c) => typeof c === 'number');
  return numbers.length > 0 && numbers.every((c) => c === 0);
}

function sequenceEqual(a: Cell[], b: Cell[], tied = new Set<number>()): boolean {
  return (
    a.length === b.length &&
    a.every(
      (x, i) => cellEqual(x, b[i]!) || (tied.has(i) && typeof x !== 'number' && typeof b[i] !== 'number'),
    )
  );
}

function multisetEqual(a: Cell[], b: Cell[]): boolean {
  if (a.length !== b.length) return false;
  const sa = [...a].sort(compareCells);
  const sb = [...b].sort(compareCells);
  return sa.every((x, i) => cellEqual(x, sb[i]!));
}

/** Nulls last, numbers numerically, then text; exact order, so near-equal numbers pair up after sorting. */
function compareCells(a: Cell, b: Cell): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return String(a).localeCompare(String(b));
}

function compareRows(a: Cell[], b: Cell[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = compareCells(a[i] ?? null, b[i] ?? null);
    if (c !== 0) return c;
  }
  return 0;
}

function show(c: Cell): string {
  return c === null ? 'null' : String(c);
}

/**
 * "orders may vs june" answered as one row (orders, orders_previous, orders_change) holds the same numbers as a
 * gold written one row per month: the period comparison seen as two rows, current then previous, one column per
 * compared metric (the compiler's `<metric>` / `<metric>_previous` naming). A comparison broken down ("cancel rate
 * by fulfilment vs last month") gives two rows per row shown, its labels kept. Undefined when it is not one.
 */
export function asPeriodRows(
  columnNames: readonly string[],
  rows: Cell[][],
  options: { whole?: boolean } = {},
): Cell[][] | undefined {
  if (!rows.length) return undefined;
  // A like-for-like cut also carries the other period whole (`_previous_full`): gold names whole periods, unless
  // it asked for the same days ("vs same days last month"), which is the cut (`whole: false`).
  const previousOf = (name: string) => {
    const whole = options.whole === false ? -1 : columnNames.indexOf(`${name}_previous_full`);
    return whole >= 0 ? whole : columnNames.indexOf(`${name}_previous`);
  };
  const pairs = columnNames
    .map((name, i) => ({ i, previous: previousOf(name) }))
    .filter((p) => p.previous >= 0);
  if (!pairs.length) return undefined;
  const derived = /_(previous|previous_full|change|share\w*)$/;
  const labels = columnNames
    .map((name, i) => ({ name, i }))
    .filter(({ name, i }) => !derived.test(name) && !pairs.some((p) => p.i === i))
    .map(({ i }) => i);
  return rows.flatMap((row) => [
    [...labels.map((i) => row[i] ?? null), ...pairs.map((p) => row[p.i] ?? null)],
    [...labels.map((i) => row[i] ?? null), ...pairs.map((p) => row[p.previous] ?? null)],
  ]);
}

/** Both readings of a like-for-like comparison as rows per period: the other period whole, then cut. */
export function periodRowsOf(columnNames: readonly string[], rows: Cell[][]): Cell[][][] {
  const whole = asPeriodRows(columnNames, rows);
  const cut = asPeriodRows(columnNames, rows, { whole: false });
  return [whole, cut].filter(
    (r, k, all): r is Cell[][] =>
      r !== undefined && (k === 0 || JSON.stringify(r) !== JSON.stringify(all[0])),
  );
}

/** A date, as a day ("2022-06-13") or a timestamp at one. */
export function isDateCell(c: Cell): boolean {
  return c !== null && /^\d{4}-\d{2}-\d{2}/.test(String(c));
}

/** The gold without its period-label columns (dates): a one-row-per-period gold's labels have no cell to match. */
export function withoutDateColumns(gold: Cell[][]): Cell[][] {
  const width = gold[0]?.length ?? 0;
  const keep = Array.from({ length: width }, (_, j) => j).filter(
    (j) => !gold.every((r) => isDateCell(r[j] ?? null)),
  );
  return gold.map((r) => keep.map((j) => r[j] ?? null));
}

/** The gold's numeric columns only: the period labels of a one-row-per-period gold have no cell to match. */
export function numericColumns(gold: Cell[][]): Cell[][] {
  const width = gold[0]?.length ?? 0;
  const keep = Array.from({ length: width }, (_, j) => j).filter((j) =>
    gold.every((r) => typeof r[j] === 'number' || r[j] === null),
  );
  return gold.map((r) => keep.map((j) => r[j] ?? null));
}

/**
 * A week-on-week series ("revenue week over week": each week with the one before and the change) as one comparison
 * row per bucket, its date dropped: a gold written as the latest week against the one before is one of them, the
 * same three facts. Empty unless the answer carries a change column beside a date breakdown.
 */
export function stepRowsOf(
  columns: readonly { role?: string | undefined; grain?: string | undefined }[],
  rows: Cell[][],
): Cell[][] {
  const dated = columns.some((c) => c.role === 'dimension' && c.grain);
  if (!dated || !columns.some((c) => c.role === 'change')) return [];
  const keep = columns.flatMap((c, i) => (c.role === 'dimension' ? [] : [i]));
  return rows.map((r) => keep.map((i) => r[i] ?? null));
}
