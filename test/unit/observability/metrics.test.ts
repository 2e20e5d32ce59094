import { register as globalRegistry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import {
  createMetrics,
  recordAnswer,
  recordCacheLookup,
  METRIC_PREFIX,
} from '../../../src/observability/metrics.js';

describe('createMetrics', () => {
  it('uses its own registry, so two instances coexist and the global registry stays empty', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.requests.inc({ surface: 'mention' });
    expect(await b.registry.getSingleMetricAsString(`${METRIC_PREFIX}requests_total`)).not.toContain(
      'surface="mention"',
    );
    const globalNames = (await globalRegistry.getMetricsAsJSON()).map((m) => m.name);
    expect(globalNames.filter((n) => n.startsWith(METRIC_PREFIX))).toEqual([]);
  });

  it('includes process metrics by default and can leave them out', async () => {
    expect(await createMetrics().registry.metrics()).toContain('process_cpu_user_seconds_total');
    expect(await createMetrics({ defaultMetrics: false }).registry.metrics()).not.toContain(
      'process_cpu_user_seconds_total',
    );
  });

  it('records an answer: status, per-stage latency in seconds, tokens, cost and fallbacks', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    recordAnswer(metrics, 'mention', {
      status: 'answered',
      timingsMs: { query_resolution: 3, data_extraction: 40, synthesis: 2, total: 45 },
      llm: {
        model: 'gpt-4o-mini',
        promptTokens: 900,
        completionTokens: 120,
        estimatedCostUsd: 0.0002,
        calls: 1,
        fallbackNote: 'timed out',
      },
    });
    recordAnswer(metrics, 'dm', { status: 'clarify', timingsMs: { query_resolution: 2 }, llm: null });
    const text = await metrics.registry.metrics();
    expect(text).toContain(`${METRIC_PREFIX}answers_total{surface="mention",status="answered"} 1`);
    expect(text).toContain(`${METRIC_PREFIX}answers_total{surface="dm",status="clarify"} 1`);
    expect(text).toContain(`${METRIC_PREFIX}answer_duration_seconds_count{stage="query_resolution"} 2`);
    expect(text).toContain(`${METRIC_PREFIX}answer_duration_seconds_sum{stage="data_extraction"} 0.04`);
    expect(text).toContain(`${METRIC_PREFIX}answer_duration_seconds_bucket{le="0.05",stage="total"} 1`);
    expect(text).toContain(`${METRIC_PREFIX}answer_duration_seconds_bucket{le="0.025",stage="total"} 0`);
    expect(text).toContain(`${METRIC_PREFIX}llm_tokens_total{model="gpt-4o-mini",kind="prompt"} 900`);
    expect(text).toContain(`${METRIC_PREFIX}llm_tokens_total{model="gpt-4o-mini",kind="completion"} 120`);
    expect(text).toContain(`${METRIC_PREFIX}llm_cost_usd_total{model="gpt-4o-mini"} 0.0002`);
    expect(text).toContain(`${METRIC_PREFIX}llm_fallbacks_total{model="gpt-4o-mini"} 1`);
  });

  it('exposes the cache hit ratio computed from the hit/miss counters', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    for (const result of ['hit', 'hit', 'hit', 'miss'] as const) recordCacheLookup(metrics, 'result', result);
    recordCacheLookup(metrics, 'thread', 'miss');
    const text = await metrics.registry.metrics();
    expect(text).toContain(`${METRIC_PREFIX}cache_lookups_total{cache="result",result="hit"} 3`);
    expect(text).toContain(`${METRIC_PREFIX}cache_hit_ratio{cache="result"} 0.75`);
    expect(text).toContain(`${METRIC_PREFIX}cache_hit_ratio{cache="thread"} 0`);
  });

  it('counts Slack API errors, scheduled posts and in-flight work', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.slackApiErrors.inc({ method: 'chat.postMessage', code: 'not_in_channel' });
    metrics.scheduledPosts.inc({ status: 'posted' });
    metrics.inFlight.set(2);
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      `${METRIC_PREFIX}slack_api_errors_total{method="chat.postMessage",code="not_in_channel"} 1`,
    );
    expect(text).toContain(`${METRIC_PREFIX}scheduled_posts_total{status="posted"} 1`);
    expect(text).toContain(`${METRIC_PREFIX}in_flight_work 2`);
  });
});
