import type OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletionStream } from 'openai/lib/ChatCompletionStream';
import type { Logger } from '../../observability/logger.js';
import { usageFor } from './cost.js';
import { LlmNarrationSchema } from './llm-schema.js';
import type { NarrationPartial, Narrator } from './narrator.js';
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
    async narrate(input, narration = {}) {
      const body = {
        model: options.model,
        temperature: 0.2,
        messages: [
          { role: 'system' as const, content: NARRATOR_SYSTEM_PROMPT },
          { role: 'user' as const, content: narratorUserPrompt(input) },
        ],
        response_format: format,
      };
      const request = { timeout: options.timeoutMs, maxRetries: 0 };
      try {
        const onPartial = narration.onPartial;
        const completion = onPartial
          ? await listen(
              options.client.chat.completions.stream(
                { ...body, stream_options: { include_usage: true } },
                request,
              ),
              onPartial,
            ).finalChatCompletion()
          : await options.client.chat.completions.parse(body, request);
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

/**
 * The same structured request with `stream: true` (the SDK's stream helper): the JSON arrives token by token and
 * the SDK's partial-JSON parser gives the headline and insights as far as they are written. The final completion
 * is parsed against the schema exactly like the non-streamed one.
 */
function listen<S extends Pick<ChatCompletionStream<unknown>, 'on'>>(
  stream: S,
  onPartial: (partial: NarrationPartial) => void,
): S {
  stream.on('content.delta', ({ parsed }) => {
    const partial = parsed as { headline?: unknown; insights?: unknown } | null;
    if (!partial || typeof partial !== 'object') return;
    onPartial({
      headline: typeof partial.headline === 'string' ? partial.headline : '',
      insights: Array.isArray(partial.insights)
        ? partial.insights.filter((s): s is string => typeof s === 'string')
        : [],
    });
  });
  return stream;
}
