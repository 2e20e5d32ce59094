import type { Catalog } from '../../semantic/catalog.js';
import type { Plan } from '../../semantic/plan.js';

/**
 * "can you check where that order has got to?", "where's my order": one order, named by no ID. The totals of every
 * order would be a confident wrong answer, so the bot asks for the ID (order IDs are looked up by their shape).
 */
const ONE_ORDER = [
  /\b(?:that|this|my|his|her|their|your|customer's)\s+order\b(?!s|\s+(?:count|value|lines?|volume|numbers?\s+(?:by|per)|totals?)\b)/i,
  /\bwhere(?:'s|\s+is|\s+has|\s+did)?\s+(?:the|an?)\s+order\b(?!s)/i,
];

/** Built once per catalog: the ID shapes compiled, the question tested against them on each call. */
export function oneUnnamedOrder(catalog: Catalog): (question: string, previous: Plan | undefined) => boolean {
  const shapes = Object.values(catalog.dimensions).flatMap((d) =>
    d.valuePattern ? [new RegExp(d.valuePattern)] : [],
  );
  return (question, previous) => {
    const named = question.split(/\s+/).some((w) => shapes.some((s) => s.test(w.replace(/[?.,!]+$/, ''))));
    const pinned = previous?.filters.some((f) => catalog.dimensions[f.dimension]?.valuePattern);
    return !named && !pinned && ONE_ORDER.some((re) => re.test(question));
  };
}
