import type { Catalog } from './catalog.js';
import type { DataProfile } from './data-profile.js';
import { inSentence } from './label-text.js';
import type { Source } from './plan.js';

/**
 * One paragraph on what the bot can answer, with the real date coverage, for refusals. Derived from the catalog:
 * each source's `describe` (subject, the dimensions it breaks down by) and the metrics that carry `describeAs`, so
 * a new metric or report is named here by its catalog entry alone.
 */
export function describeDataWeHave(catalog: Catalog, profile: DataProfile): string {
  const parts: string[] = [];
  for (const [id, source] of Object.entries(catalog.sources) as [Source, Catalog['sources'][Source]][]) {
    const d = source?.describe;
    if (!d) continue;
    const range = d.dates ? profile.dateRanges[id] : undefined;
    const metrics = Object.values(catalog.metrics)
      .filter((m) => m.source === id && m.describeAs)
      .map((m) => m.describeAs!);
    const by = d.by.map((dim) => inSentence(catalog.dimensions[dim]?.label ?? dim));
    parts.push(
      `${d.subject}${range ? ` (${range.from} to ${range.to})` : ''}${metrics.length ? `: ${andList(metrics)}` : ''}${by.length ? ` ${d.word} ${andList(by)}` : ''}`,
    );
  }
  return `I have data on ${parts.join('; ')}.`;
}

/** "a, b and c". */
function andList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
