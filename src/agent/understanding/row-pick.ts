import type { Catalog } from '../../semantic/catalog.js';
import type { Plan } from '../../semantic/plan.js';
import type { PreviousRows } from '../resolver/resolver.js';
import type { Composed } from './compose-plan.js';
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
  rows: PreviousRows | undefined,
): void {
  const pick = frame.rowPick;
  if (!pick) return;
  const dimension = pickedDimension(catalog, previous, pick.dimension);
  const column = dimension && rows ? rows.columns.indexOf(dimension) : -1;
  const row = rows && (pick.index > 0 ? rows.rows[pick.index - 1] : rows.rows.at(-1));
  const value = row && column >= 0 ? row[column] : undefined;
  if (!dimension || value === undefined || value === null) {
    out.slots.push({ name: 'filter', score: 0.3, doubt: `which row "${pick.text}" is` });
    return;
  }
  const plan = out.plan;
  const shown = String(value);
  plan.filters = [
    ...plan.filters.filter((f) => f.dimension !== dimension),
    { dimension, op: 'in', values: [shown] },
  ];
  plan.groupBy = plan.groupBy.filter((d) => d !== dimension);
  if (!frame.rank && !plan.groupBy.length) {
    delete plan.sort;
    delete plan.limit;
  }
  const label = (catalog.dimensions[dimension]?.label ?? dimension).toLowerCase();
  out.notes.push(
    `Read "${pick.text}" as ${label} ${shown}, row ${pick.index > 0 ? pick.index : 'last'} of the last answer.`,
  );
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
