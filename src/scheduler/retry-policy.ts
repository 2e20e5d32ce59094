import { isAppError } from '../errors.js';

export interface RetryPolicy {
  /** Total tries, the first included. */
  maxAttempts: number;
  /** Delay before the 2nd try; doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
};

/** Exponential back-off: base, 2×base, 4×base … capped. `attempt` is the try that just failed (1-based). */
export function backoffDelayMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}

export interface PostErrorInfo {
  /** Stable code for the log: a Slack error ("not_in_channel", "ratelimited"), an AppError code, or "unknown". */
  code: string;
  retryable: boolean;
  /** The server asked us to wait at least this long (Slack's Retry-After). */
  retryAfterMs?: number;
}

/**
 * Slack answers that no retry can fix: the channel is gone or archived, the bot was removed, the token or its
 * scopes are wrong. Retrying them only delays the log line that tells an operator what to do.
 */
const PERMANENT_SLACK_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'restricted_action',
  'restricted_action_read_only_channel',
  'team_access_not_granted',
  'ekm_access_denied',
  'no_permission',
]);

interface Shaped {
  code?: unknown;
  retryable?: unknown;
  retryAfter?: unknown;
  retryAfterMs?: unknown;
  data?: { error?: unknown };
  slackError?: unknown;
  cause?: unknown;
}

/**
 * Reads what a failed post threw. Understands @slack/web-api errors (platform errors carry data.error, rate
 * limits carry retryAfter in seconds), errors with an explicit `retryable`/`retryAfterMs`, and AppErrors
 * wrapping any of these as their cause. Unknown errors (timeouts, 5xx) are retryable.
 */
export function classifyPostError(error: unknown): PostErrorInfo {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const e = current as Shaped;
    const slackError =
      typeof e.data?.error === 'string'
        ? e.data.error
        : typeof e.slackError === 'string'
          ? e.slackError
          : null;
    const retryAfterMs =
      typeof e.retryAfterMs === 'number'
        ? e.retryAfterMs
        : typeof e.retryAfter === 'number'
          ? e.retryAfter * 1000
          : undefined;
    if (e.code === 'slack_webapi_rate_limited_error' || slackError === 'ratelimited') {
      return {
        code: 'ratelimited',
        retryable: true,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      };
    }
    if (slackError) return { code: slackError, retryable: !PERMANENT_SLACK_ERRORS.has(slackError) };
    if (typeof e.retryable === 'boolean') {
      return {
        code: typeof e.code === 'string' ? e.code : 'unknown',
        retryable: e.retryable,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      };
    }
    if (!e.cause) {
      return {
        code: isAppError(current) ? current.code : typeof e.code === 'string' ? e.code : 'unknown',
        retryable: true,
      };
    }
    current = e.cause;
  }
  return { code: 'unknown', retryable: true };
}
