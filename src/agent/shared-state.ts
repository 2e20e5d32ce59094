import { Annotation } from '@langchain/langgraph';
import type { LlmUsage, ValidationStatus } from './answer.js';

/**
 * What the Q&A graph's state (state.ts) and the summary graph's (summary/summary-state.ts) share: how a channel
 * keeps its value, how timings and LLM usage add up, and the extraction error and validation outcome their nodes
 * hand on.
 */

export interface ValidationOutcome {
  status: ValidationStatus;
  /** Shown to the user as validation notes (empty result explained, nulls, truncation, implausible values). */
  reasons: string[];
  /** FAILED and worth another resolution pass (SQL error, implausible LLM result). */
  repairable: boolean;
}

export interface ExtractionError {
  code: string;
  /** Safe to show and to feed back to the resolver (no stack, no internals). */
  message: string;
  /** Internal detail (DuckDB's message) for the resolver's repair pass; logged, never shown. */
  detail?: string;
}

/** A channel that keeps the last value written. */
export const lastValue = <T>(initial: () => T) =>
  Annotation<T>({ reducer: (_old, next) => next, default: initial });

/** Milliseconds per stage, added up across passes (a repair pass resolves and queries again). */
export const timingsChannel = () =>
  Annotation<Record<string, number>>({
    reducer: (a, b) => {
      const out = { ...a };
      for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
      return out;
    },
    default: () => ({}),
  });

/** Adds token counts across resolution passes and the narrator; keeps the first fallback note. */
export function mergeUsage(a: LlmUsage | null, b: LlmUsage | null): LlmUsage | null {
  if (!a) return b;
  if (!b) return a;
  const merged: LlmUsage = {
    model: a.model === b.model ? a.model : `${a.model}, ${b.model}`,
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    estimatedCostUsd: a.estimatedCostUsd + b.estimatedCostUsd,
    calls: a.calls + b.calls,
  };
  const note = a.fallbackNote ?? b.fallbackNote;
  if (note) merged.fallbackNote = note;
  return merged;
}
