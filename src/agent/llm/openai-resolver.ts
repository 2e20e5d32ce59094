import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { Logger } from '../../observability/logger.js';
import type { Catalog } from '../../semantic/catalog.js';
import type { LlmUsage } from '../answer.js';
import { splitUsage, type Resolver, type ResolverInput, type ResolverResult } from '../resolver/resolver.js';
import { checkResolutionText } from './check-resolution.js';
import { usageFor } from './cost.js';
import { LlmOutputError, LlmResolutionSchema, toResolution } from './llm-schema.js';
import { resolverSystemPrompt, resolverUserPrompt, type Grounding } from './prompts.js';

/**
 * The LLM resolver: the deterministic planner first (cheaper, faster, exact); the model only when the planner is
 * not confident, could not resolve the question, or a previous attempt failed (repair). The model returns a Plan
 * (or guarded SQL for what a Plan cannot express) as zod-validated structured output. Timeouts, 429, 5xx and
 * unusable output fall back to the planner's answer with a note; the answer never fails because the model did.
 */
export interface OpenAiResolverOptions {
  client: OpenAI;
  planner: Resolver;
  grounding: Grounding;
  catalog: Catalog;
  logger: Logger;
  model: string;
  /** Cheaper model for simple questions (the planner had a draft plan). Defaults to `model`. */
  simpleModel?: string;
  timeoutMs: number;
  /** Planner plans at or above this confidence are used without asking the model. */
  confidenceThreshold?: number;
  /** SDK retries on 429/5xx before falling back (default 0: the planner is a good, instant fallback). */
  maxRetries?: number;
}

export const DEFAULT_CONFIDENCE_THRESHOLD = 0.75;

export function createOpenAiResolver(options: OpenAiResolverOptions): Resolver {
  const threshold = options.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
  const format = zodResponseFormat(LlmResolutionSchema, 'resolution');
  let systemPrompt: string | undefined;

  return {
    async resolve(input: ResolverInput): Promise<ResolverResult> {
      // The planner asks no model (nothing to add up): its answer stands alone, or is the fallback, with the
      // model's cost beside it.
      const planned = splitUsage(await options.planner.resolve(input)).resolution;
      if (!input.repairFeedback) {
        if (planned.kind === 'plan' && (planned.confidence >= threshold || planned.presentationOnly))
          return planned;
      }
      const draft = planned.kind === 'plan' ? planned.plan : undefined;
      const simple = Boolean(draft) && !input.repairFeedback && input.question.length <= 120;
      const model = simple ? (options.simpleModel ?? options.model) : options.model;
      systemPrompt ??= resolverSystemPrompt(options.grounding);
      const started = performance.now();
      try {
        const completion = await options.client.chat.completions.parse(
          {
            model,
            temperature: 0,
            messages: [
              { role: 'system', content: systemPrompt },
              { role: 'user', content: resolverUserPrompt(input, draft) },
            ],
            response_format: format,
          },
          { timeout: options.timeoutMs, maxRetries: options.maxRetries ?? 0 },
        );
        const usage = usageFor(
          completion.model || model,
          completion.usage?.prompt_tokens ?? 0,
          completion.usage?.completion_tokens ?? 0,
        );
        const message = completion.choices[0]?.message;
        if (!message?.parsed)
          return {
            ...planned,
            usage: withNote(
              usage,
              'The language model gave no usable answer, so the offline planner answered.',
            ),
          };
        // Every number in the model's own words must be one we can vouch for; what fails becomes computed text.
        const checked = checkResolutionText(toResolution(message.parsed, options.catalog), {
          question: input.question,
          schema: options.grounding.schema,
          planned,
        });
        if (checked.rejected.length)
          options.logger.info(
            { unmatched: checked.rejected },
            'LLM text rejected by the number check; using computed text',
          );
        const resolution = checked.resolution;
        options.logger.debug(
          { model, kind: resolution.kind, ms: Math.round(performance.now() - started), usage },
          'LLM resolution',
        );
        return { ...resolution, usage };
      } catch (error) {
        const note = fallbackNote(error, options.timeoutMs);
        options.logger.warn({ err: error, model, note }, 'LLM resolver failed; falling back to the planner');
        return { ...planned, usage: withNote(usageFor(model, 0, 0, 1), note) };
      }
    },
  };
}

function withNote(usage: LlmUsage, note: string): LlmUsage {
  return { ...usage, fallbackNote: note };
}

/** A short, user-safe reason the model was not used. */
export function fallbackNote(error: unknown, timeoutMs: number): string {
  const tail = 'so the offline planner answered.';
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return `The language model timed out after ${Math.round(timeoutMs / 100) / 10} s, ${tail}`;
  if (error instanceof OpenAI.RateLimitError) return `The language model is rate-limited right now, ${tail}`;
  if (error instanceof OpenAI.APIConnectionError) return `The language model could not be reached, ${tail}`;
  if (error instanceof OpenAI.APIError && (error.status ?? 0) >= 500)
    return `The language model had a server error (${error.status}), ${tail}`;
  if (error instanceof OpenAI.APIError)
    return `The language model refused the request (${error.status}), ${tail}`;
  if (
    error instanceof LlmOutputError ||
    error instanceof SyntaxError ||
    (error instanceof Error && error.name === 'ZodError')
  )
    return `The language model gave an unusable answer, ${tail}`;
  return `The language model failed, ${tail}`;
}
