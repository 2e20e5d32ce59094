import type { LlmUsage } from '../answer.js';
import type { ColumnMeta } from '../columns.js';
import type { Cell } from '../../warehouse/types.js';

/**
 * Richer prose for an answer, written by the LLM from the computed draft and the result. The synthesis node checks
 * every number in it (number-check.ts) before using it.
 */
export interface NarrationInput {
  question: string;
  headline: string;
  insights: string[];
  columns: ColumnMeta[];
  rows: Cell[][];
  definitions: string[];
}

export interface NarrationOutput {
  /** null when the model failed or gave nothing usable. */
  text: { headline: string; insights: string[] } | null;
  usage: LlmUsage | null;
}

/** The prose as far as the model has written it (unchecked: the caller checks it before showing any of it). */
export interface NarrationPartial {
  headline: string;
  insights: string[];
}

export interface NarrationOptions {
  /** When given, the narrator streams (token by token where the model can) and reports the prose so far. */
  onPartial?: (partial: NarrationPartial) => void;
}

export interface Narrator {
  narrate(input: NarrationInput, options?: NarrationOptions): Promise<NarrationOutput>;
}
