import type { CueKind } from './cues.js';
import type { Frame } from './frame.js';
import { isFiller, type Span } from './tagging.js';

// How far a negation reaches: "not cancelled, merchant-fulfilled only" negates one phrase, "excluding Kerala, Goa"
// a list. The grammar reads words left to right and asks these whether the negation it carries goes on.

/** Cue words with a role of their own: one of them ends a negated phrase. */
const STRUCTURAL_CUES = new Set<CueKind>([
  'rankDesc',
  'rankAsc',
  'compare',
  'share',
  'growth',
  'trend',
  'chart',
  'groupBy',
  'split',
  'only',
  'add',
  'instead',
  'explain',
]);

/** Whether this word ends the negated phrase before it. */
export function breaksNegation(span: Span, kinds: Set<CueKind>): boolean {
  // "not Set, in TN": a preposition starts another filter phrase.
  if (/^(in|for|from|at|during|on|with|by|per)$/.test(span.text)) return true;
  if (isFiller(span) || kinds.has('negate')) return false;
  // "leaving out anything that got cancelled": words with no role of their own keep the negation going.
  const roleless = span.readings.every((r) => r.kind === 'cue' && !STRUCTURAL_CUES.has(r.cue));
  if (roleless) return false;
  if (/^(and|or|nor)$/.test(span.text)) return false;
  return !span.readings.some(
    (r) => r.kind === 'value' || r.kind === 'boolean' || (r.kind === 'metric' && /cancel|return/.test(r.id)),
  );
}

/** "excluding Kerala, Goa": after a comma, a value of the dimension just excluded continues the list. */
export function continuesNegatedList(frame: Frame, span: Span): boolean {
  const last = frame.filters.at(-1);
  if (!last?.negated) return false;
  const dims = new Set([
    ...last.candidates.map((c) => c.dimension),
    ...(last.fixed ? [last.fixed.dimension] : []),
    ...(last.boolean ? [last.boolean.dimension] : []),
  ]);
  return span.readings.some((r) => r.kind === 'value' && dims.has(r.dimension));
}
