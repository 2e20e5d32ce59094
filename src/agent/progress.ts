import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { Logger } from '../observability/logger.js';

/**
 * How an answer in the making reaches a surface before it is complete: the stage it is at, and the narrative
 * (headline and insights) as far as it is written. Every narrative snapshot holds only text that passed the number
 * check: a number is shown once it has been matched against a result cell, never before. The final Answer is
 * still the truth: when the LLM's prose is rejected after some of it was shown, the Answer carries the computed
 * text and the surface replaces what it showed.
 */
export type AnswerStage = 'reading' | 'querying' | 'charting';

export interface NarrativeSnapshot {
  /** The headline so far (a prefix of the final one while the LLM writes it). */
  headline: string;
  /** Insights so far; the last one may still be growing. */
  insights: string[];
}

export type AnswerProgress =
  { kind: 'stage'; stage: AnswerStage } | ({ kind: 'narrative' } & NarrativeSnapshot);

export type OnProgress = (event: AnswerProgress) => void;

/** Calls the listener; a surface's failure never costs the answer (it is logged and the answer goes on). */
export function emitProgress(listener: OnProgress | undefined, event: AnswerProgress, logger?: Logger): void {
  if (!listener) return;
  try {
    listener(event);
  } catch (error) {
    logger?.debug({ err: error, kind: event.kind }, 'progress listener failed');
  }
}

/** The listener travels in the graph run's config (not in its state: it is not data and is never stored). */
export function progressConfig(onProgress: OnProgress | undefined): {
  configurable?: { onProgress: OnProgress };
} {
  return onProgress ? { configurable: { onProgress } } : {};
}

export function progressOf(config: LangGraphRunnableConfig | undefined): OnProgress | undefined {
  const listener = (config?.configurable as { onProgress?: unknown } | undefined)?.onProgress;
  return typeof listener === 'function' ? (listener as OnProgress) : undefined;
}
