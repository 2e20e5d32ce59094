import type { Plan } from '../../semantic/plan.js';
import type { PreviousRows } from '../resolver/resolver.js';
import type { Frame } from './frame.js';

/**
 * "which of those grew", "only the ones that fell": with no ranking word ("most", "top") the question asks for the
 * rows that moved that way, not the one that moved most. A top N shown before is pinned to its rows first, since
 * the top 5 by revenue are not the top 5 of those that grew.
 */
export function keepMovedRows(plan: Plan, frame: Frame, shown: PreviousRows | undefined): void {
  plan.changeKept = frame.direction === 'down' ? 'fell' : 'grew';
  if (!plan.limit) return;
  delete plan.limit;
  const dimension = plan.groupBy[0];
  const column = dimension && shown ? shown.columns.indexOf(dimension) : -1;
  if (!dimension || !shown || column < 0) return;
  const values = [...new Set(shown.rows.map((r) => r[column]).filter((v) => v !== null && v !== undefined))];
  if (!values.length) return;
  plan.filters = [
    ...plan.filters.filter((f) => f.dimension !== dimension),
    {
      dimension,
      op: 'in',
      values: values.map((v) => (typeof v === 'boolean' || typeof v === 'number' ? v : String(v))),
    },
  ];
}

/**
 * "only the ones that shrank", "those that grew", "only the ones up on last week": which of the rows moved that way,
 * asked as "which of those grew" is.
 */
export function askedWhichMoved(frame: Frame, words: string): void {
  const upOrDown = /\b(?:ones|those)(?: that| which)?(?: are| were| went| is)? (up|down)\b/.exec(words);
  if (upOrDown && !frame.rank) {
    frame.growth = true;
    frame.direction = upOrDown[1] === 'down' ? 'down' : 'up';
  }
  if (frame.growth && !frame.rank && (upOrDown || /\b(?:the ones|those) (?:that|which)\b/.test(words)))
    frame.rank = { direction: 'desc', which: true, byChange: false };
}
