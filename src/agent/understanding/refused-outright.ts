import type { Catalog } from '../../semantic/catalog.js';
import type { DataProfile } from '../../semantic/data-profile.js';
import type { Resolution } from '../resolver/resolver.js';
import { refuse } from './clarify.js';
import { describeDataWeHave } from './describe.js';
import { looksLikeInjection } from './injection.js';
import { asksToChangeData } from './write-request.js';

/**
 * Questions refused before any parsing: attempts to steer the bot or smuggle SQL in, requests to change the data,
 * and subjects the catalog says the data does not hold (profit, delivery times, other marketplaces' sales…).
 * Each refusal says what data there is instead.
 */
export function refusedOutright(
  question: string,
  catalog: Catalog,
  profile: DataProfile,
): Resolution | undefined {
  const have = describeDataWeHave(catalog, profile);
  if (looksLikeInjection(question))
    return refuse(
      `I can only answer questions about the sales data; I don't run commands or SQL from messages. ${have}`,
    );
  if (asksToChangeData(question))
    return refuse(`I can only read the sales data, not change it: nothing was updated. ${have}`);
  // An ASCII word that is not in the question at all (case aside) cannot match: ~360 words, most never compiled.
  const lower = question.toLowerCase();
  const says = (w: string) =>
    (!isAscii(w) || lower.includes(w.toLowerCase())) &&
    new RegExp(`(?<![\\w])${escapeRe(w)}(?![\\w])`, 'i').test(question);
  const outOfScope = catalog.outOfScope.find(
    (g) => g.words.some(says) || (g.together?.every((set) => set.some(says)) ?? false),
  );
  if (outOfScope) return refuse(`I don't have data on ${outOfScope.reason}. ${have}`);
  return undefined;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
