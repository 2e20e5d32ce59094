import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { backoffDelayMs, classifyPostError } from '../../../src/scheduler/retry-policy.js';

// Shapes of @slack/web-api errors (platform error: data.error; rate limit: retryAfter seconds).
const platform = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), {
    code: 'slack_webapi_platform_error',
    data: { ok: false, error },
  });
const rateLimited = (retryAfter: number) =>
  Object.assign(new Error('rate limited'), { code: 'slack_webapi_rate_limited_error', retryAfter });

describe('retry policy', () => {
  it('doubles the delay from the base and caps it', () => {
    const policy = { maxAttempts: 6, baseDelayMs: 1_000, maxDelayMs: 5_000 };
    expect([1, 2, 3, 4, 5].map((a) => backoffDelayMs(policy, a))).toEqual([
      1_000, 2_000, 4_000, 5_000, 5_000,
    ]);
  });

  it('does not retry what retrying cannot fix: archived channel, bot removed, channel gone', () => {
    for (const code of ['is_archived', 'not_in_channel', 'channel_not_found', 'invalid_auth']) {
      expect(classifyPostError(platform(code))).toEqual({ code, retryable: false });
    }
  });

  it('retries rate limits honouring Retry-After, and unknown or transient failures', () => {
    expect(classifyPostError(rateLimited(30))).toEqual({
      code: 'ratelimited',
      retryable: true,
      retryAfterMs: 30_000,
    });
    expect(classifyPostError(platform('internal_error'))).toEqual({
      code: 'internal_error',
      retryable: true,
    });
    expect(classifyPostError(new Error('socket hang up'))).toMatchObject({ retryable: true });
    expect(classifyPostError(Object.assign(new Error('x'), { code: 'ETIMEDOUT' }))).toEqual({
      code: 'ETIMEDOUT',
      retryable: true,
    });
  });

  it('looks through an AppError to the Slack error it wraps, and honours an explicit retryable flag', () => {
    const wrapped = new AppError('SLACK_API_FAILED', 'Slack refused the post.', {
      cause: platform('is_archived'),
    });
    expect(classifyPostError(wrapped)).toEqual({ code: 'is_archived', retryable: false });
    expect(classifyPostError(new AppError('SLACK_API_FAILED', 'x'))).toEqual({
      code: 'SLACK_API_FAILED',
      retryable: true,
    });
    expect(classifyPostError({ code: 'custom', retryable: false })).toEqual({
      code: 'custom',
      retryable: false,
    });
  });
});
