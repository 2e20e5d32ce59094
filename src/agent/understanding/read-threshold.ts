import { SCALE_WORDS } from '../../format/number-words.js';
import type { ThresholdOp } from '../../semantic/plan.js';
import type { CueKind } from './cues.js';
import type { Frame } from './frame.js';
import type { Context } from './grammar-context.js';
import type { Span } from './tagging.js';

const THRESHOLD_CUES: [CueKind, ThresholdOp][] = [
  ['above', 'gt'],
  ['atLeast', 'gte'],
  ['below', 'lt'],
  ['atMost', 'lte'],
  ['between', 'gte'],
];

/**
 * A number after a comparison word is a threshold ("over 9 lakh", "under five pcs"); the word after it may scale
 * it ("9 lakh", "fifteen hundred"); a second number closes a range ("between 2 and 5", "1 or 2"). True when used.
 */
export function readThreshold(frame: Frame, ctx: Context, span: Span, raw: number): boolean {
  const last = frame.thresholds.at(-1);
  // "fifteen hundred": the scale of the number just read (applied when that number was read).
  if (last && last.at === span.at - 1 && SCALE_WORDS[span.text]) return true;
  const next = ctx.spans[span.at + 1]?.text ?? '';
  const value = raw * (SCALE_WORDS[next] ?? 1);
  // "over a thousand": the article between the word and its number.
  const article = /^(a|an)$/.test(ctx.spans[span.at - 1]?.text ?? '') ? 1 : 0;
  const before = ctx.spans[span.at - 1 - article];
  const kinds = before ? ctx.cueKinds(before) : new Set<CueKind>();
  // "not yet zero", "but not 0": above zero.
  const negatedBefore = [1, 2].some((k) => {
    const s = ctx.spans[span.at - k];
    return s !== undefined && ctx.cueKinds(s).has('negate');
  });
  if (value === 0 && negatedBefore) {
    frame.thresholds.push({ op: 'gt', value: 0, at: span.at });
    return true;
  }
  // "states with 1000+ orders": the plus after the number is "at least".
  const said = next === '+' ? 'gte' : THRESHOLD_CUES.find(([cue]) => kinds.has(cue))?.[1];
  // "ignore states with under 500 lines": the rows kept are the others, at 500 or more.
  const op = said && excludedBefore(ctx, span.at - 1 - article) ? FLIPPED[said] : said;
  const money =
    /^(lakh|lakhs|lac|lacs|crore|crores|cr)$/.test(next) ||
    /^(₹|rs|inr)$/.test(ctx.spans[span.at - 1]?.text ?? '');
  if (op) {
    frame.thresholds.push({
      op,
      value,
      at: span.at,
      ...(kinds.has('between') ? { opensRange: true } : {}),
      ...(money ? { money } : {}),
    });
    return true;
  }
  if (last && last.at === span.at - 2 && /^(and|or|to)$/.test(before?.text ?? '')) {
    if (last.opensRange) frame.thresholds.push({ op: 'lte', value, at: span.at });
    else if (last.op === 'lt' || last.op === 'lte') last.value = Math.max(last.value, value);
    return true;
  }
  return false;
}

const FLIPPED: Record<ThresholdOp, ThresholdOp> = { gt: 'lte', gte: 'lt', lt: 'gte', lte: 'gt' };

/** "ignore states with under 500", "excluding skus with less than 3": rows with the bound are the ones left out. */
function excludedBefore(ctx: Context, comparisonAt: number): boolean {
  const window = ctx.spans.slice(Math.max(0, comparisonAt - 4), comparisonAt);
  const withAt = window.findIndex((s) => /^(with|having|that have|which have)$/.test(s.text));
  return (
    withAt > 0 &&
    window
      .slice(0, withAt)
      .some((s) =>
        /^(ignore|ignoring|exclude|excluding|skip|skipping|leave out|leaving out|not counting|drop|dropping|minus|except)$/.test(
          s.text,
        ),
      )
  );
}
