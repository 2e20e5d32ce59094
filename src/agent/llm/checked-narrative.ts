import type { NarrativeSnapshot } from '../progress.js';
import type { NarrationPartial } from './narrator.js';
import { checkNumbers, type NumberContext } from './number-check.js';

/** The final answer keeps at most this many insights; no more are shown while streaming either. */
const MAX_INSIGHTS = 3;

/**
 * Turns the LLM's prose as it streams into snapshots that are safe to show: only text whose every number matched
 * the result. A piece still being written is shown up to its last complete word, less a trailing word holding a
 * number (its unit, "Cr" or "%", may still be on its way), and only if that prefix passes the check. A finished
 * piece is shown whole once it passes; one that fails stops the showing there (the synthesis node then rejects the
 * prose and the surface replaces what it showed with the computed text). Snapshots only grow.
 */
export function createCheckedNarrative(context: NumberContext, emit: (snapshot: NarrativeSnapshot) => void) {
  let shown: string[] = [];
  let stopped = false;
  const passes = (text: string) => checkNumbers(text, context).ok;

  function update(partial: NarrationPartial, finished = false): void {
    if (stopped) return;
    const pieces = [partial.headline, ...partial.insights.slice(0, MAX_INSIGHTS)].map((p) => p.trimStart());
    const next: string[] = [];
    for (let i = 0; i < pieces.length; i++) {
      const text = pieces[i]!;
      const before = shown[i] ?? '';
      const complete = finished || i < pieces.length - 1;
      if (complete) {
        const whole = text.trimEnd();
        if (!passes(whole) || !whole.startsWith(before)) {
          stopped = true;
          if (before) next.push(before);
          break;
        }
        next.push(whole);
        continue;
      }
      const prefix = safePrefix(text);
      next.push(prefix.startsWith(before) && passes(prefix) ? prefix : before);
      break;
    }
    while (next.length && !next[next.length - 1]) next.pop();
    if (next.length === shown.length && next.every((t, i) => t === shown[i])) return;
    shown = next;
    emit({ headline: shown[0] ?? '', insights: shown.slice(1).filter(Boolean) });
  }
  return { update };
}

/** Up to the last whole word; a last word with a digit waits for the word after it (its unit). */
function safePrefix(text: string): string {
  const cut = text.slice(0, Math.max(0, text.search(/\s\S*$/)));
  const words = cut.trimEnd();
  const lastSpace = words.search(/\s\S*$/);
  const lastWord = lastSpace >= 0 ? words.slice(lastSpace + 1) : words;
  return /[\d₹]/.test(lastWord) ? words.slice(0, Math.max(0, lastSpace)).trimEnd() : words;
}
