import { loadCaveat } from '../../semantic/data-availability.js';
import type { Answer, LlmUsage } from '../answer.js';
import type { GraphDeps } from '../graph-deps.js';
import { mergeUsage } from '../shared-state.js';

/**
 * What every synthesised answer (a question's or a summary's) carries last: the LLM usage of the whole run with
 * its fallback note, and the caveat of a degraded load (or of the last good one served instead of the current
 * files), which turns PASSED into WARNING.
 */
export function finishAnswer(
  answer: Answer,
  deps: Pick<GraphDeps, 'warehouse'>,
  usage: LlmUsage | null,
): Answer {
  answer.llm = mergeUsage(usage, answer.llm);
  if (answer.llm?.fallbackNote && !answer.validation.notes.includes(answer.llm.fallbackNote))
    answer.validation.notes.push(answer.llm.fallbackNote);
  const caveat = deps.warehouse.loadReport ? loadCaveat(deps.warehouse.loadReport) : null;
  if (caveat) {
    answer.validation.notes.unshift(caveat);
    if (answer.validation.status === 'PASSED') answer.validation.status = 'WARNING';
  }
  return answer;
}
