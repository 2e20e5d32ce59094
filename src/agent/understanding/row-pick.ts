import { formatDay } from '../../format/dates.js';
import { dimensionSources, type Catalog } from '../../semantic/catalog.js';
import type { DataProfile } from '../../semantic/data-profile.js';
import type { Plan } from '../../semantic/plan.js';
import { addDays, endOfMonth } from '../../semantic/time-range.js';
import type { PreviousRows } from '../resolver/resolver.js';
import type { Composed } from './compose-plan.js';
import { sameRange } from './periods.js';
import type { Frame } from './frame.js';

/**
 * "the second one - top 5 cities there", "take the third one and break its stock down by size": the row the words
 * point at is read from the previous answer's rows, in the order they were shown, and becomes a filter on its
 * breakdown. Without those rows (or past their end) which row is meant is not known, and the plan says so in a
 * low slot instead of guessing.
 */
export function applyRowPick(
  out: Composed,
  frame: Frame,
  catalog: Catalog,
  previous: Plan | undefined,
  shownRows: PreviousRows | undefined,
  rankedRows?: PreviousRows,
): void {
  const pick = frame.rowPick;
  if (!pick) return;
  // "n the 2nd?" after "split the top one by category": the next row of the ranking the top one was picked from.
  const continued = continuedRanking(pick, previous, rankedRows);
  const rows = continued ? rankedRows : shownRows;
  // "how many pcs did they take that month" after October's ranking: the thread's own month, already its period.
  const grainPicked = pick.dimension !== undefined && catalog.dimensions[pick.dimension]?.grain !== undefined;
  if (grainPicked && previous?.timeRange && !rows?.columns.includes(pick.dimension!)) {
    out.plan.groupBy = out.plan.groupBy.filter((d) => d !== pick.dimension);
    return;
  }
  // "what share of that state's revenue is Hyderabad" after Telangana's cities: the state the thread is pinned to.
  const pinned = previous?.filters.find(
    (f) => f.dimension === pick.dimension && f.op === 'in' && f.values.length === 1,
  );
  if (pick.single && pinned && !previous?.groupBy.includes(pinned.dimension)) {
    out.plan.groupBy = out.plan.groupBy.filter((d) => d !== pinned.dimension);
    if (!out.plan.groupBy.length && previous) out.plan.groupBy = [...previous.groupBy];
    return;
  }
  const dimension =
    continued ??
    pickedDimension(catalog, previous, pick.dimension) ??
    shownDimension(catalog, rows, out.plan, pick.dimension);
  const column = dimension && rows ? rows.columns.indexOf(dimension) : -1;
  const row =
    rows && (pick.byValue ? extremeRow(rows, out.plan, previous, pick.index) : placedRow(rows, pick.index));
  const value = row && column >= 0 ? row[column] : undefined;
  // "that category" after one row, or after a ranking whose headline named its first row ("Set has the highest…").
  const oneShown = !pick.single || rows?.rows.length === 1 || Boolean(previous?.sort);
  if (!dimension || value === undefined || value === null || !oneShown) {
    if (pickedDay(out, pick, previous)) return;
    out.slots.push({ name: 'filter', score: 0.3, doubt: `which row "${pick.text}" is` });
    return;
  }
  const plan = out.plan;
  const shown = String(value);
  const grain = catalog.dimensions[dimension]?.grain;
  if (grain) {
    pickPeriod(out, grain, shown, pick.text);
    return;
  }
  plan.filters = [
    ...plan.filters.filter((f) => f.dimension !== dimension),
    { dimension, op: 'in', values: [shown] },
  ];
  // "top one's share of the total": the share is of the breakdown, so the row's dimension stays in it.
  if (!plan.share) plan.groupBy = plan.groupBy.filter((d) => d !== dimension);
  // "states with at least 1,000 lines" chose the rows; one row picked, the bound has nothing left to keep.
  if (!plan.groupBy.length) delete plan.threshold;
  // The thread's "top 3" ranked the rows the pick chose from; a new breakdown of the picked row is a whole split.
  if (!frame.rank) {
    delete plan.sort;
    delete plan.limit;
  }
  const label = (catalog.dimensions[dimension]?.label ?? dimension).toLowerCase();
  const order = pick.index > 0 ? pick.index : pick.index === -1 ? 'last' : `${-pick.index} from the end`;
  const place = `row ${order} of ${continued ? 'the ranking' : 'the last answer'}`;
  out.notes.push(`Read "${pick.text}" as ${label} ${shown}, ${place}.`);
}

/**
 * The dimension of the thread's ranking when the previous question was one of its rows ("split the top one by
 * category", "how much rev from the first one"): its filter holds one value the ranking showed. A pick that names
 * another dimension, or picks by value, is of the last answer's own rows.
 */
function continuedRanking(
  pick: NonNullable<Frame['rowPick']>,
  previous: Plan | undefined,
  ranked: PreviousRows | undefined,
): string | undefined {
  if (!previous || !ranked || previous.limit || pick.byValue || pick.single || pick.index <= 0)
    return undefined;
  const picked = previous.filters.find((f) => {
    if (f.op !== 'in' || f.values.length !== 1 || (pick.dimension && pick.dimension !== f.dimension))
      return false;
    const column = ranked.columns.indexOf(f.dimension);
    return column >= 0 && ranked.rows.some((r) => String(r[column]) === f.values[0]);
  });
  return picked && ranked.rows.length >= pick.index ? picked.dimension : undefined;
}

/**
 * "n the 5th?" after "orders on jun 4?": with no fifth row to point at, the day of the thread's month, as a person
 * moving from one day to the next means it.
 */
function pickedDay(out: Composed, pick: NonNullable<Frame['rowPick']>, previous: Plan | undefined): boolean {
  const range = previous?.timeRange;
  if (!range || range.from !== range.to || !/^the \d{1,2}(st|nd|rd|th)$/.test(pick.text) || pick.index > 31)
    return false;
  const day = `${range.from.slice(0, 8)}${String(pick.index).padStart(2, '0')}`;
  if (day > endOfMonth(range.from)) return false;
  out.plan.timeRange = { from: day, to: day, label: formatDay(day) };
  out.notes.push(`Read "${pick.text}" as ${day}, a day of the thread's month.`);
  return true;
}

/** "that day", "that week": the period of the row shown becomes the plan's period, no longer a breakdown. */
function pickPeriod(out: Composed, grain: string, start: string, text: string): void {
  const plan = out.plan;
  const to = grain === 'week' ? addDays(start, 6) : grain === 'month' ? endOfMonth(start) : start;
  plan.timeRange = { from: start, to, label: start === to ? formatDay(start) : `${start} to ${to}` };
  plan.groupBy = plan.groupBy.filter((d) => d !== grain);
  if (!plan.groupBy.length) delete plan.threshold;
  delete plan.sort;
  delete plan.limit;
  delete plan.compareTo;
  out.notes.push(`Read "${text}" as ${plan.timeRange.label}, the ${grain} of the last answer.`);
}

function placedRow(rows: PreviousRows, index: number): PreviousRows['rows'][number] | undefined {
  // "the second-lowest one": counted from the end.
  return index > 0 ? rows.rows[index - 1] : rows.rows.at(index);
}

/** The row with the highest (index 1) or lowest value of the measure asked now, else the one shown first. */
function extremeRow(
  rows: PreviousRows,
  plan: Plan,
  previous: Plan | undefined,
  index: number,
): PreviousRows['rows'][number] | undefined {
  // "the size with the most OOS" after stock and SKU counts of out-of-stock lines: a measure that is the same on
  // every row (stock 0) picks nothing, so the first one that varies.
  const candidates = [...plan.metrics, ...(previous?.metrics ?? [])].filter((m) => rows.columns.includes(m));
  const varies = (m: string) =>
    new Set(rows.rows.map((r) => r[rows.columns.indexOf(m)])).size > 1 || rows.rows.length === 1;
  const measure = candidates.find(varies) ?? candidates[0];
  const column = measure ? rows.columns.indexOf(measure) : -1;
  if (column < 0) return undefined;
  const valued = rows.rows.filter((r) => typeof r[column] === 'number');
  return valued.reduce<PreviousRows['rows'][number] | undefined>((best, r) => {
    if (!best) return r;
    const better =
      index > 0 ? Number(r[column]) > Number(best[column]) : Number(r[column]) < Number(best[column]);
    return better ? r : best;
  }, undefined);
}

/** The breakdown whose rows were shown: the one named ("the second state"), else the first that is not a date. */
function pickedDimension(
  catalog: Catalog,
  previous: Plan | undefined,
  named: string | undefined,
): string | undefined {
  const dims = previous?.groupBy ?? [];
  if (named) return dims.includes(named) ? named : undefined;
  return dims.find((d) => !catalog.dimensions[d]?.grain);
}

/**
 * "the first one" answering "which one do you mean?" about stock, after top styles by revenue: the question's plan
 * has no breakdown, so the row's dimension is the shown rows' own (when the question's report has it).
 */
function shownDimension(
  catalog: Catalog,
  rows: PreviousRows | undefined,
  plan: Plan,
  named: string | undefined,
): string | undefined {
  return rows?.columns.find(
    (c) =>
      (!named || c === named) &&
      catalog.dimensions[c] !== undefined &&
      !catalog.dimensions[c]!.grain &&
      dimensionSources(catalog, c).includes(plan.source),
  );
}

const MAX_POINTED_ROWS = 100;

/**
 * "how much stock do we have on those skus" after "top 10 skus by units in May": the thread's rows are on another
 * report, so its filters cannot say which SKUs; the values shown can. On the same report the thread's own filters
 * and ranking already pick them.
 */
export function applyThoseRows(
  out: Composed,
  frame: Frame,
  catalog: Catalog,
  previous: Plan | undefined,
  rows: PreviousRows | undefined,
): void {
  if (!frame.pointsBack || frame.rowPick || !previous || !rows || previous.source === out.plan.source) return;
  // "how much stock is left of those?": one row for each of those, on the breakdown they were shown by.
  const dimension =
    out.plan.groupBy.find((d) => previous.groupBy.includes(d)) ??
    previous.groupBy.find(
      (d) => !catalog.dimensions[d]?.grain && dimensionSources(catalog, d).includes(out.plan.source),
    );
  const column = dimension ? rows.columns.indexOf(dimension) : -1;
  if (!dimension || column < 0) return;
  if (!out.plan.groupBy.includes(dimension)) out.plan.groupBy = [...out.plan.groupBy, dimension];
  // "of it": the one row the answer led with (its headline); "those": every row it showed.
  const shown = frame.pointsAtIt && previous.sort ? rows.rows.slice(0, 1) : rows.rows;
  const values = [...new Set(shown.map((r) => r[column]).filter((v) => v !== null && v !== undefined))].map(
    String,
  );
  if (!values.length) return;
  // Thousands of rows shown (a whole ranking): which of them "those" are is not clear, so ask.
  if (values.length > MAX_POINTED_ROWS) {
    out.slots.push({ name: 'filter', score: 0.3, doubt: `which of the ${values.length} rows "those" are` });
    return;
  }
  out.plan.filters = [
    ...out.plan.filters.filter((f) => f.dimension !== dimension),
    { dimension, op: 'in', values },
  ];
  out.notes.push(`"Those": the ${values.length} from the last answer.`);
}

/**
 * "both side by side" after "MH rev by month" then "and KA?": the follow-up swapped Maharashtra for Karnataka, so
 * "both" is the two values of that dimension together, one row (or series) each. Only when the plan before the
 * previous one differs from it in that one filter; otherwise "both" says nothing new.
 */
export function applyBoth(
  out: Composed,
  frame: Frame,
  catalog: Catalog,
  previous: Plan | undefined,
  prior: Plan | undefined,
): void {
  if (!frame.both || !previous || !prior || prior.source !== previous.source) return;
  const inFilter = (plan: Plan, dimension: string) =>
    plan.filters.find((f) => f.dimension === dimension && f.op === 'in');
  const swapped = previous.filters.find((f) => {
    const before = f.op === 'in' ? inFilter(prior, f.dimension) : undefined;
    return before && before.values.join('\u0000') !== f.values.join('\u0000');
  });
  if (!swapped) {
    bothPeriods(out, catalog, previous, prior);
    return;
  }
  // "both side by side with hyd": a value the question adds joins the two.
  const added = inFilter(out.plan, swapped.dimension)?.values ?? [];
  const values = [...new Set([...inFilter(prior, swapped.dimension)!.values, ...swapped.values, ...added])];
  out.plan.filters = [
    ...out.plan.filters.filter((f) => !(f.dimension === swapped.dimension && f.op === 'in')),
    { dimension: swapped.dimension, op: 'in', values },
  ];
  if (!out.plan.groupBy.includes(swapped.dimension))
    out.plan.groupBy = [...out.plan.groupBy, swapped.dimension];
}

/**
 * "compare the two fortnights' totals" after "the fortnight before": the thread swapped its period, so both are the
 * two periods, the later one against the earlier, each as one total.
 */
function bothPeriods(out: Composed, catalog: Catalog, previous: Plan, prior: Plan): void {
  const [a, b] = [previous.timeRange, prior.timeRange];
  if (!a || !b || sameRange(a, b) || previous.compareTo) return;
  const [later, earlier] = a.from > b.from ? [a, b] : [b, a];
  out.plan.timeRange = later;
  out.plan.compareTo = earlier;
  out.plan.groupBy = out.plan.groupBy.filter((d) => !catalog.dimensions[d]?.grain);
}

/**
 * "split those by size" after "only the top 3" categories: the three shown, each split by size, not the top 3 of
 * every category-and-size pair. The thread's ranking becomes a filter on the rows it chose.
 */
export function applySplitOfRanked(
  out: Composed,
  frame: Frame,
  previous: Plan | undefined,
  rows: PreviousRows | undefined,
): void {
  const plan = out.plan;
  if (!previous?.limit || !previous.sort || !rows || frame.rank || previous.source !== plan.source) return;
  if (!(frame.pointsBack || frame.edits.split)) return;
  const ranked = previous.groupBy.length === 1 ? previous.groupBy[0]! : undefined;
  const column = ranked ? rows.columns.indexOf(ranked) : -1;
  if (!ranked || column < 0 || !plan.groupBy.includes(ranked) || plan.groupBy.length <= 1) return;
  keepShownRows(plan, ranked, rows, column);
  delete plan.sort;
}

/** The ranking's rows as a filter on the ranked breakdown, in place of its limit: those rows, and no others. */
function keepShownRows(plan: Plan, ranked: string, rows: PreviousRows, column: number): void {
  const values = [
    ...new Set(rows.rows.map((r) => r[column]).filter((v) => v !== null && v !== undefined)),
  ].map(String);
  plan.filters = [
    ...plan.filters.filter((f) => f.dimension !== ranked),
    { dimension: ranked, op: 'in', values },
  ];
  delete plan.limit;
}

/**
 * "how many pcs did they take" after "who was the biggest customer in oct?": the one the ranking led with, as "it"
 * is; after a list with no order, "they" stay every row shown (the thread's breakdown).
 */
export function applyTheyPick(
  out: Composed,
  frame: Frame,
  catalog: Catalog,
  previous: Plan | undefined,
  rows: PreviousRows | undefined,
): void {
  const pickedPeriod = frame.rowPick?.dimension && catalog.dimensions[frame.rowPick.dimension]?.grain;
  // "how many skus is that" after "which kurta size do we hold the most stock in": that size.
  // "how many returns is that" after "which is worst": that category's count.
  // "whats the gmv on it" after "which is highest": that one's figure.
  const countsThat =
    frame.pointsAtIt &&
    (frame.countOf !== undefined || frame.howMany || frame.metrics.length > 0) &&
    !previous?.limit;
  // "top 3 b2b cities there" after "which state has the most b2b revenue": in that state.
  const there = frame.pointsThere && previous?.groupBy.some((d) => isPlace(catalog, d));
  if (
    !(frame.pointsAtThey || countsThat || there) ||
    (frame.rowPick && !pickedPeriod) ||
    !previous?.sort ||
    !rows
  )
    return;
  const dimension = previous.groupBy.find((d) => !catalog.dimensions[d]?.grain);
  if (frame.groupBy.some((g) => !catalog.dimensions[g.id]?.grain && (!there || g.id === dimension))) return;
  if (previous.source !== out.plan.source) return;
  const column = dimension ? rows.columns.indexOf(dimension) : -1;
  const value = column >= 0 ? rows.rows[0]?.[column] : undefined;
  if (!dimension || value === undefined || value === null) return;
  const plan = out.plan;
  plan.filters = [
    ...plan.filters.filter((f) => f.dimension !== dimension),
    { dimension, op: 'in', values: [String(value)] },
  ];
  plan.groupBy = plan.groupBy.filter((d) => d !== dimension);
  delete plan.sort;
  delete plan.limit;
  out.notes.push(
    `Read "${there ? 'there' : countsThat ? 'that' : 'they'}" as ${String(value)}, the first row of the last answer.`,
  );
}

/** A place dimension: one that holds, or sits inside, another (state and city). */
function isPlace(catalog: Catalog, id: string): boolean {
  return (
    Boolean(catalog.dimensions[id]?.within) || Object.values(catalog.dimensions).some((d) => d.within === id)
  );
}

/**
 * "and last wk for the same cities" after "top 3 cities this wk": the cities shown, in the new period, not that
 * period's own top 3. A ranking's rows become a filter when a follow-up moves the period and says "same" or
 * "those" of the ranked breakdown.
 */
export function applySameRows(
  out: Composed,
  frame: Frame,
  previous: Plan | undefined,
  rows: PreviousRows | undefined,
): void {
  const plan = out.plan;
  if (!previous?.limit || !previous.sort || !rows || !frame.times.length || frame.rank) return;
  if (!(frame.sameRows || frame.pointsBack) || previous.groupBy.length !== 1) return;
  const ranked = previous.groupBy[0]!;
  const column = rows.columns.indexOf(ranked);
  if (column < 0 || !plan.groupBy.includes(ranked) || plan.source !== previous.source) return;
  keepShownRows(plan, ranked, rows, column);
}

/**
 * "and the other channel?" after Amazon.in: the one other value of a two-valued dimension, in place of the thread's.
 * "same for that other style" names none of hundreds, so which one is asked, never guessed.
 */
export function applyOtherValue(
  out: Composed,
  frame: Frame,
  profile: DataProfile,
  base: Plan | undefined,
): void {
  const id = frame.otherOf;
  if (!id) return;
  const picked = base?.filters.find((f) => f.dimension === id && f.op === 'in' && f.values.length === 1);
  const values = profile.values[out.plan.source]?.[id] ?? [];
  const other = picked && values.length === 2 ? values.find((v) => v !== picked.values[0]) : undefined;
  if (!other) {
    out.slots.push({ name: 'filter', score: 0.3, doubt: `which other ${id} is meant` });
    return;
  }
  out.plan.filters = [
    ...out.plan.filters.filter((f) => f.dimension !== id),
    { dimension: id, op: 'in', values: [other] },
  ];
  out.notes.push(`Read "the other" as ${other}, the value the thread did not show.`);
}
