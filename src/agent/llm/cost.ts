import type { LlmUsage } from '../answer.js';

/**
 * USD per 1M tokens (input, output), from the providers' public price lists. A model not listed costs 0 here and
 * the usage says so in the log; the token counts are still exact.
 */
export const PRICE_PER_MILLION_TOKENS: Record<string, { input: number; output: number }> = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'o3-mini': { input: 1.1, output: 4.4 },
};

/** Price for a model id, also for dated snapshots ("gpt-4o-mini-2024-07-18" → gpt-4o-mini). */
export function priceFor(model: string): { input: number; output: number } | undefined {
  const id = model.toLowerCase();
  if (PRICE_PER_MILLION_TOKENS[id]) return PRICE_PER_MILLION_TOKENS[id];
  const prefix = Object.keys(PRICE_PER_MILLION_TOKENS)
    .filter((k) => id.startsWith(`${k}-`))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? PRICE_PER_MILLION_TOKENS[prefix] : undefined;
}

export function estimateCostUsd(model: string, promptTokens: number, completionTokens: number): number {
  const price = priceFor(model);
  if (!price) return 0;
  return (promptTokens * price.input + completionTokens * price.output) / 1_000_000;
}

export function usageFor(model: string, promptTokens: number, completionTokens: number, calls = 1): LlmUsage {
  return {
    model,
    promptTokens,
    completionTokens,
    estimatedCostUsd: estimateCostUsd(model, promptTokens, completionTokens),
    calls,
  };
}
