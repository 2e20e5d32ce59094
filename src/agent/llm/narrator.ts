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

export interface Narrator {
  narrate(input: NarrationInput): Promise<NarrationOutput>;
}
