import type OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { Logger } from '../../observability/logger.js';
import { usageFor } from './cost.js';
import { LlmNarrationSchema } from './llm-schema.js';
import type { Narrator } from './narrator.js';
import { fallbackNote } from './openai-resolver.js';
import { NARRATOR_SYSTEM_PROMPT, narratorUserPrompt } from './prompts.js';

/**
 * Narrator over an OpenAI-compatible endpoint (the cheaper model: it rewrites a draft, it does not reason). Any
 * failure means "no prose" and the computed text stands; the synthesis node checks every number it returns.
 */
export function createOpenAiNarrator(options: {
  client: OpenAI;
  model: string;
  timeoutMs: number;
  logger: Logger;
}): Narrator {
  const format = zodResponseFormat(LlmNarrationSchema, 'narration');
  return {
    async narrate(input) {
      try {
        const completion = await options.client.chat.completions.parse(
          {
            model: options.model,
            temperature: 0.2,
            messages: [
              { role: 'system', content: NARRATOR_SYSTEM_PROMPT },
              { role: 'user', content: narratorUserPrompt(input) },
            ],
            response_format: format,
          },
          { timeout: options.timeoutMs, maxRetries: 0 },
        );
        const usage = usageFor(
          completion.model || options.model,
          completion.usage?.prompt_tokens ?? 0,
          completion.usage?.completion_tokens ?? 0,
        );
        const parsed = completion.choices[0]?.message.parsed;
        return { text: parsed ?? null, usage };
      } catch (error) {
        options.logger.warn(
          { err: error, note: fallbackNote(error, options.timeoutMs) },
          'LLM narration failed; using the computed text',
        );
        return { text: null, usage: usageFor(options.model, 0, 0, 1) };
      }
    },
  };
}
