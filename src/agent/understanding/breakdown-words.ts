import type { Catalog } from '../../semantic/catalog.js';
import type { Frame } from './frame.js';
import type { Context } from './grammar-context.js';
import type { Span } from './tagging.js';
import { lettersInOrder } from './tokens.js';

/**
 * "returns by cat?", "orders per svc level": a word after "by" that no lexicon entry knows is still a breakdown, and
 * shorthand for one is common. These are the dimensions it can stand for: the word opens one of a dimension's names
 * ("cat" → category) or is its consonant skeleton ("svc" → service). One candidate is read as that dimension (the
 * reading says so); none or several are asked about, never answered without the breakdown.
 */
export function dimensionsAbbreviatedBy(word: string, catalog: Catalog): string[] {
  // "cats", "custs": the plural of a short form is that short form.
  const w = word.toLowerCase().replace(/(?<=...)s$/, '');
  if (w.length < 3 || !/^[a-z]+$/.test(w)) return [];
  return Object.entries(catalog.dimensions)
    .filter(([, d]) =>
      [d.label, ...d.synonyms].some((name) =>
        name
          .toLowerCase()
          .split(/\s+/)
          .some((part) => abbreviates(w, part)),
      ),
    )
    .map(([id]) => id);
}

function abbreviates(short: string, word: string): boolean {
  if (word.length <= short.length || short[0] !== word[0]) return false;
  if (word.startsWith(short)) return true;
  // "svc" in "service", "qty" in "quantity": the letters in order, the first one first.
  return lettersInOrder(short, word) && short.length >= 3 && !/[aeiou]/.test(short.slice(1));
}

/** "by cat", "split by ship svc level": a grouping word before, with only filler words between. */
export function afterGrouping(ctx: Context, span: Span): boolean {
  for (let k = span.at - 1; k >= Math.max(0, span.at - 3); k--) {
    const s = ctx.spans[k]!;
    // Only "by"/"per" phrases: after "each" a verb is as likely ("how many pieces each took").
    if (/(^|\s)(by|per)$/.test(s.text)) return true;
    // "split by ship svc level": words with no data meaning of their own may stand between.
    if (!s.readings.every((r) => r.kind === 'cue')) return false;
  }
  return false;
}

/** "returns by cat?": a word after "by" that shortens one dimension's name is that breakdown; else it is asked about. */
export function readShorthandBreakdown(frame: Frame, ctx: Context, span: Span): boolean {
  // "by rate": how to measure, not a breakdown (see markRateAndWhole).
  if (/^rates?$/.test(span.text)) return false;
  const dims = dimensionsAbbreviatedBy(span.text, ctx.lexicon.catalog);
  // "by garment size": a word qualifying the breakdown named right after it; the breakdown is that one.
  const next = ctx.spans[span.at + 1];
  if (!dims.length && next?.readings.some((r) => r.kind === 'dimension')) {
    frame.understoodWords++;
    return true;
  }
  if (dims.length === 1) {
    frame.understoodWords++;
    frame.groupBy.push({ id: dims[0]!, at: span.at, shorthand: span.raw });
    return true;
  }
  frame.unknown.push({ word: span.raw, at: span.at, filterLike: false, breakdown: dims });
  return true;
}

/** "oos skus by category": the plural of a counted thing, broken down, with no measure said, is their count. */
export function countedThenBrokenDown(ctx: Context, span: Span, id: string): boolean {
  const after = ctx.spans[span.at + 1];
  return (
    Object.values(ctx.lexicon.catalog.metrics).some((m) => m.countOf === id) &&
    /s$/.test(span.text) &&
    Boolean(after && ctx.cueKinds(after).has('groupBy')) &&
    // "by inventory category": a report's name that is also a measure word names the report there.
    !ctx.spans.some(
      (s) => s.readings.some((r) => r.kind === 'metric') && !s.readings.some((r) => r.kind === 'source'),
    )
  );
}
