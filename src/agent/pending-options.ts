import type { PendingOption, Suggestion } from './answer.js';
import { alternativeId } from './understanding/reading.js';

/**
 * A thread remembers at most this many options: the follow-ups and clarification choices of its last several
 * answers (three or four each), so the buttons of recent answers still answer their plans.
 */
export const MAX_PENDING_OPTIONS = 24;

/**
 * The suggestions as surfaces get them: each one with a plan carries that plan's id, the value its button sends
 * back (never words to parse again). Suggestions without a plan are left as they are.
 */
export function withOptionIds(suggestions: readonly Suggestion[]): Suggestion[] {
  return suggestions.map((s) => (s.plan ? { ...s, id: alternativeId(s.plan) } : s));
}

/**
 * The options a thread remembers after an answer: the answer's own options with a plan first, then the earlier
 * ones still in the thread (their buttons may still be clicked), without duplicates, at most MAX_PENDING_OPTIONS.
 */
export function nextPendingOptions(
  previous: readonly PendingOption[] | undefined,
  suggestions: readonly Suggestion[],
): PendingOption[] {
  const out: PendingOption[] = [];
  const seen = new Set<string>();
  const add = (option: PendingOption) => {
    if (seen.has(option.id) || out.length >= MAX_PENDING_OPTIONS) return;
    seen.add(option.id);
    out.push(option);
  };
  for (const s of suggestions) {
    if (s.plan) add({ id: s.id ?? alternativeId(s.plan), label: s.label, plan: s.plan });
  }
  for (const option of previous ?? []) add(option);
  return out;
}
