import type { Plan } from '../../semantic/plan.js';
import type { Frame } from './frame.js';

// How a share question becomes rows: what the share is of, and across which breakdown.

/**
 * Whose share: "share of Western Dress revenue that carried a promotion" is the promotion's share within Western
 * Dress, the value named after the measure; the one before it is the scope.
 */
export function shareTarget(frame: Frame, previousPlan: Plan | undefined, plan: Plan): string | undefined {
  const dimOf = (f: Frame['filters'][number]) =>
    f.boolean?.dimension ?? f.candidates.find((c) => c.source === plan.source)?.dimension;
  // "mumbai's cut of MH rev": the value said right before the share word is the part, the one after it the whole
  // ("of kurta revenue, what fraction was FBA" opens with the whole).
  const shareAt = frame.shareAt ?? -1;
  const part = frame.filters.find((f) => f.at === shareAt - 1 && !f.negated);
  if (part && frame.filters.some((f) => f.at > shareAt && !f.negated)) return dimOf(part);
  const metricAt = frame.metrics[0]?.at ?? -1;
  const after = frame.filters.filter((f) => f.at > metricAt && !f.negated);
  const dims = after.map(dimOf).filter((d): d is string => Boolean(d));
  // "what % of TN is that" after Chennai's revenue: "that" (the thread's one city) is the part, TN the whole.
  const pinned = previousPlan?.filters.find(
    (f) => f.op === 'in' && f.values.length === 1 && !dims.includes(f.dimension),
  );
  if (frame.pointsBack && pinned && dims.length && plan.filters.some((f) => f.dimension === pinned.dimension))
    return pinned.dimension;
  return dims.length && plan.filters.filter((f) => f.op === 'in').length > 1
    ? dims[dims.length - 1]
    : undefined;
}

/** "promo share in each category", "B2B share by month": a yes/no value is the part, the breakdown the whole. */
export function booleanTarget(frame: Frame, plan: Plan): string | undefined {
  const dim = frame.filters.find((f) => f.boolean && !f.negated)?.boolean?.dimension;
  return dim && plan.filters.some((f) => f.dimension === dim && f.op === 'in') ? dim : undefined;
}

/** A share's shape: the breakdown it is across, the part named, or the value the filters pin. */
export function shareShape(plan: Plan, target?: string, partTarget?: string): void {
  if (plan.groupBy.length) {
    if (partTarget && !plan.groupBy.includes(partTarget)) plan.groupBy = [...plan.groupBy, partTarget];
    plan.share = true;
    return;
  }
  if (target) {
    plan.groupBy = [target];
    plan.share = true;
    return;
  }
  const status = plan.filters.find((f) => f.dimension === 'status' && f.op === 'in');
  const valueDims = [...new Set(plan.filters.filter((f) => f.op === 'in').map((f) => f.dimension))];
  if (status) plan.groupBy = ['status'];
  else if (valueDims.length === 1) plan.groupBy = [valueDims[0]!];
  else if (plan.source === 'amazon_sales' && plan.filters.every((f) => f.dimension === 'status'))
    plan.groupBy = ['category'];
  plan.share = plan.groupBy.length > 0;
}
