import type { Frame } from './frame.js';
import type { Context } from './grammar-context.js';

const UPWARDS = /^(and|or) (up|above|bigger|larger|over|higher|more)$|^(upwards|plus|\+|and upwards)$/;
const DOWNWARDS = /^(and|or) (below|smaller|under|lower|less|down)$|^(downwards|and downwards)$/;

/**
 * "3XL and up", "M or smaller": a value of an ordered dimension (the catalog's valueOrder) opens a range over the
 * values after (or before) it, as far as the data holds them. The words of the range are then understood.
 */
export function extendValueRanges(frame: Frame, ctx: Context): void {
  for (const filter of frame.filters) {
    const candidate = filter.candidates[0];
    const order = candidate && ctx.lexicon.catalog.dimensions[candidate.dimension]?.valueOrder;
    if (!candidate || !order || candidate.values.length !== 1) continue;
    const after = [ctx.spans[filter.at + 1], ctx.spans[filter.at + 2]]
      .map((s) => s?.text ?? '')
      .join(' ')
      .trim();
    const oneAfter = ctx.spans[filter.at + 1]?.text ?? '';
    const up = UPWARDS.test(after) || UPWARDS.test(oneAfter);
    const down = DOWNWARDS.test(after) || DOWNWARDS.test(oneAfter);
    const at = order.findIndex((v) => v.toLowerCase() === candidate.values[0]!.toLowerCase());
    if ((!up && !down) || at < 0) continue;
    const range = up ? order.slice(at) : order.slice(0, at + 1);
    const held = range.filter((v) =>
      ctx.lexicon.valuesOf(v.toLowerCase(), { fuzzy: false }).some(
        (r) =>
          r.dimension === candidate.dimension &&
          r.source === candidate.source &&
          // Held as spelled, not reached through an alias or a near spelling of another size.
          r.values.some((x) => x.toLowerCase() === v.toLowerCase()),
      ),
    );
    filter.candidates = [{ ...candidate, values: held }, ...filter.candidates.slice(1)];
    frame.unknown = frame.unknown.filter((u) => u.at !== filter.at + 1 && u.at !== filter.at + 2);
    delete frame.direction;
  }
}
