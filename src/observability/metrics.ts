import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Answer } from '../agent/answer.js';

/**
 * Prometheus metrics, created once in the composition root and passed to whoever records them.
 * Everything lives on a Registry of our own (never prom-client's global one), so tests and several app
 * instances in one process do not collide.
 *
 * How to record (label values are the literal unions below; keep them low-cardinality):
 *   requests        metrics.requests.inc({ surface: 'mention' })              once per inbound question/command
 *   answers         recordAnswer(metrics, 'mention', answer)                  status, stage latencies and LLM usage
 *   answerLatency   metrics.answerLatency.observe({ stage: 'synthesis' }, seconds)   or recordStageTimings()
 *   llmTokens       metrics.llmTokens.inc({ model, kind: 'prompt' }, n)        or recordLlmUsage()
 *   llmCostUsd      metrics.llmCostUsd.inc({ model }, usd)
 *   cacheLookups    metrics.cacheLookups.inc({ cache: 'result', result: 'hit' })
 *   slackApiErrors  metrics.slackApiErrors.inc({ method: 'chat.postMessage', code: 'not_in_channel' })
 *   scheduledPosts  metrics.scheduledPosts.inc({ status: 'posted' })
 *   inFlight        set by the lifecycle tracker (createInFlightTracker({ onCountChange }))
 */
export type Surface =
  'mention' | 'thread' | 'dm' | 'assistant' | 'command' | 'action' | 'home' | 'cli' | 'schedule';
export type AnswerOutcome = Answer['status'];
/** Graph stages as the agent names them in `Answer.timingsMs` (plus `total` for the whole answer). */
export type Stage = 'query_resolution' | 'data_extraction' | 'validation' | 'synthesis' | 'chart' | 'total';
export type TokenKind = 'prompt' | 'completion';
export type CacheName = 'result' | 'thread' | 'chart';
export type CacheResult = 'hit' | 'miss';
export type ScheduledPostStatus = 'posted' | 'failed' | 'skipped';

export interface Metrics {
  registry: Registry;
  requests: Counter<'surface'>;
  answers: Counter<'surface' | 'status'>;
  answerLatency: Histogram<'stage'>;
  llmTokens: Counter<'model' | 'kind'>;
  llmCostUsd: Counter<'model'>;
  llmFallbacks: Counter<'model'>;
  cacheLookups: Counter<'cache' | 'result'>;
  slackApiErrors: Counter<'method' | 'code'>;
  scheduledPosts: Counter<'status'>;
  inFlight: Gauge;
  redisUp: Gauge;
  /** 👍/👎 taken by this instance. */
  feedback: Counter<'verdict'>;
  /** Feedback per UTC day (all instances: read from the shared store at scrape time, see feedbackSource). */
  feedbackByDay: Gauge<'day' | 'verdict'>;
  /** Where feedbackByDay reads its counts; set by the composition root once the store exists. */
  feedbackSource: { countsByDay?: () => Promise<{ day: string; verdict: string; count: number }[]> };
}

/** Days of feedback counts /metrics shows (older days stay in the store and in `feedback export`). */
const FEEDBACK_DAYS_SHOWN = 14;

export interface MetricsOptions {
  /** Process metrics (CPU, memory, event-loop lag, GC, handles). Default true. */
  defaultMetrics?: boolean;
}

export const METRIC_PREFIX = 'retail_insights_';

/** Seconds; an offline answer takes milliseconds, an LLM answer with a chart several seconds. */
const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });

  const cacheLookups = new Counter({
    name: `${METRIC_PREFIX}cache_lookups_total`,
    help: 'Cache lookups by cache and result (hit/miss).',
    labelNames: ['cache', 'result'] as const,
    registers,
  });

  // The ratio is computed at scrape time from the counters, for dashboards without PromQL at hand;
  // alerts should use rate(hits)/rate(lookups) instead, which reflects recent traffic only.
  new Gauge({
    name: `${METRIC_PREFIX}cache_hit_ratio`,
    help: 'Cache hits / lookups since start, by cache.',
    labelNames: ['cache'] as const,
    registers,
    async collect() {
      const totals = new Map<string, { hit: number; all: number }>();
      for (const sample of (await cacheLookups.get()).values) {
        const cache = String(sample.labels.cache);
        const entry = totals.get(cache) ?? { hit: 0, all: 0 };
        entry.all += sample.value;
        if (sample.labels.result === 'hit') entry.hit += sample.value;
        totals.set(cache, entry);
      }
      for (const [cache, { hit, all }] of totals) if (all > 0) this.set({ cache }, hit / all);
    },
  });

  const feedbackSource: Metrics['feedbackSource'] = {};
  return {
    registry,
    requests: new Counter({
      name: `${METRIC_PREFIX}requests_total`,
      help: 'Questions and commands received, by surface.',
      labelNames: ['surface'] as const,
      registers,
    }),
    answers: new Counter({
      name: `${METRIC_PREFIX}answers_total`,
      help: 'Answers produced, by surface and status (answered/clarify/refused/error).',
      labelNames: ['surface', 'status'] as const,
      registers,
    }),
    answerLatency: new Histogram({
      name: `${METRIC_PREFIX}answer_duration_seconds`,
      help: 'Time spent per graph stage (query_resolution, data_extraction, validation, synthesis, chart, total).',
      labelNames: ['stage'] as const,
      buckets: LATENCY_BUCKETS_SECONDS,
      registers,
    }),
    llmTokens: new Counter({
      name: `${METRIC_PREFIX}llm_tokens_total`,
      help: 'LLM tokens used, by model and kind (prompt/completion).',
      labelNames: ['model', 'kind'] as const,
      registers,
    }),
    llmCostUsd: new Counter({
      name: `${METRIC_PREFIX}llm_cost_usd_total`,
      help: 'Estimated LLM cost in US dollars, by model.',
      labelNames: ['model'] as const,
      registers,
    }),
    llmFallbacks: new Counter({
      name: `${METRIC_PREFIX}llm_fallbacks_total`,
      help: 'Answers where the LLM failed (timeout, 429, 5xx) and the offline planner answered instead.',
      labelNames: ['model'] as const,
      registers,
    }),
    cacheLookups,
    slackApiErrors: new Counter({
      name: `${METRIC_PREFIX}slack_api_errors_total`,
      help: 'Slack Web API calls that failed, by method and error code (e.g. ratelimited, not_in_channel).',
      labelNames: ['method', 'code'] as const,
      registers,
    }),
    scheduledPosts: new Counter({
      name: `${METRIC_PREFIX}scheduled_posts_total`,
      help: 'Scheduled summary posts, by status (posted/failed/skipped).',
      labelNames: ['status'] as const,
      registers,
    }),
    inFlight: new Gauge({
      name: `${METRIC_PREFIX}in_flight_work`,
      help: 'Answers and posts being worked on right now (drained on shutdown).',
      registers,
    }),
    redisUp: new Gauge({
      name: `${METRIC_PREFIX}redis_up`,
      help: '1 when the configured Redis answers a PING, 0 when it does not (absent without REDIS_URL).',
      registers,
    }),
    feedback: new Counter({
      name: `${METRIC_PREFIX}feedback_total`,
      help: 'Answer feedback taken by this instance, by verdict (up/down).',
      labelNames: ['verdict'] as const,
      registers,
    }),
    feedbackByDay: new Gauge({
      name: `${METRIC_PREFIX}feedback_by_day`,
      help: `Answer feedback per UTC day and verdict, last ${FEEDBACK_DAYS_SHOWN} days, from the shared store.`,
      labelNames: ['day', 'verdict'] as const,
      registers,
      async collect() {
        const counts = await feedbackSource.countsByDay?.().catch(() => undefined);
        if (!counts) return;
        this.reset();
        for (const c of counts.slice(-FEEDBACK_DAYS_SHOWN * 2))
          this.set({ day: c.day, verdict: c.verdict }, c.count);
      },
    }),
    feedbackSource,
  };
}

/** Records one finished answer: its status, the per-stage timings and the LLM usage. */
export function recordAnswer(
  metrics: Metrics,
  surface: Surface,
  answer: Pick<Answer, 'status' | 'timingsMs' | 'llm'>,
): void {
  metrics.answers.inc({ surface, status: answer.status });
  recordStageTimings(metrics, answer.timingsMs);
  if (answer.llm) recordLlmUsage(metrics, answer.llm);
}

/** `timingsMs` as the graph reports it (milliseconds per stage name); observed in seconds. */
export function recordStageTimings(metrics: Metrics, timingsMs: Readonly<Record<string, number>>): void {
  for (const [stage, ms] of Object.entries(timingsMs)) {
    if (Number.isFinite(ms) && ms >= 0) metrics.answerLatency.observe({ stage }, ms / 1000);
  }
}

export function recordLlmUsage(metrics: Metrics, llm: NonNullable<Answer['llm']>): void {
  const model = llm.model || 'unknown';
  if (llm.promptTokens > 0) metrics.llmTokens.inc({ model, kind: 'prompt' }, llm.promptTokens);
  if (llm.completionTokens > 0) metrics.llmTokens.inc({ model, kind: 'completion' }, llm.completionTokens);
  if (llm.estimatedCostUsd > 0) metrics.llmCostUsd.inc({ model }, llm.estimatedCostUsd);
  if (llm.fallbackNote) metrics.llmFallbacks.inc({ model });
}

export function recordCacheLookup(metrics: Metrics, cache: CacheName, result: CacheResult): void {
  metrics.cacheLookups.inc({ cache, result });
}
