import type { Config } from '../config/config.js';

/**
 * Secret scrubbing for log lines. Three independent nets, because a secret can reach a log in many shapes
 * (a config dump, an HTTP header, an error message quoting a URL, a token pasted into a Slack message):
 *   1. by key: a string under a key that names a secret (token, secret, password, authorization, api key…);
 *   2. by shape: Slack tokens (xoxb-/xoxp-/xapp-…), OpenAI-style keys (sk-…), `Bearer …`, and the password part
 *      of any URL (redis://user:PASSWORD@host);
 *   3. by value: the exact secrets this process was configured with, wherever they appear in any string.
 */
export const REDACTED = '[redacted]';

/** Keys whose string values are secrets. Numbers under such keys (e.g. `promptTokens: 120`) are kept. */
const SECRET_KEY =
  /token|secret|password|passwd|pwd|api[-_]?key|authorization|cookie|credential|private[-_]?key/i;

const SECRET_SHAPES: RegExp[] = [
  /\bxox[abposre]-[A-Za-z0-9-]+/g,
  /\bxapp-[A-Za-z0-9-]+/g,
  /\bsk-[A-Za-z0-9_-]{16,}/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi,
];

/** scheme://user:password@host → scheme://user:[redacted]@host (Redis, Postgres, proxies…). */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):([^\s@/]+)@/gi;

/** Values shorter than this are not scrubbed by value: "1" or "abc" would mangle ordinary text. */
const MIN_SECRET_LENGTH = 6;
const MAX_DEPTH = 8;

export interface Redactor {
  /** A copy of `value` with secrets replaced; never mutates its input. */
  redact<T>(value: T): T;
  redactString(text: string): string;
}

export function createRedactor(knownSecrets: ReadonlyArray<string | undefined> = []): Redactor {
  // Longest first, so a secret that contains another is replaced whole.
  const secrets = [
    ...new Set(knownSecrets.filter((s): s is string => !!s && s.length >= MIN_SECRET_LENGTH)),
  ].sort((a, b) => b.length - a.length);

  function redactString(text: string): string {
    let out = text;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    out = out.replace(URL_PASSWORD, `$1:${REDACTED}@`);
    for (const shape of SECRET_SHAPES) out = out.replace(shape, REDACTED);
    return out;
  }

  function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
    if (typeof value === 'string') return redactString(value);
    if (value === null || typeof value !== 'object') return value;
    if (seen.has(value)) return '[circular]';
    if (depth > MAX_DEPTH) return '[too deep]';
    seen.add(value);
    try {
      if (value instanceof Error) return walkError(value, depth, seen);
      if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, seen));
      if (value instanceof Date || ArrayBuffer.isView(value)) return value;
      if (value instanceof Map) return walk(Object.fromEntries(value), depth, seen);
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) out[key] = walkEntry(key, inner, depth, seen);
      return out;
    } finally {
      seen.delete(value);
    }
  }

  function walkEntry(key: string, inner: unknown, depth: number, seen: WeakSet<object>): unknown {
    if (SECRET_KEY.test(key) && (typeof inner === 'string' || Array.isArray(inner))) {
      if (Array.isArray(inner)) return inner.map(() => REDACTED);
      return inner === '' ? inner : REDACTED;
    }
    return walk(inner, depth + 1, seen);
  }

  // Errors become plain objects (pino's err serializer keeps plain objects as they are), so their message,
  // stack and extra fields (ioredis puts the URL on some errors) are scrubbed too.
  function walkError(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
    const out: Record<string, unknown> = {
      type: error.name,
      message: redactString(error.message),
      stack: error.stack === undefined ? undefined : redactString(error.stack),
    };
    for (const [key, inner] of Object.entries(error)) out[key] = walkEntry(key, inner, depth, seen);
    if (error.cause !== undefined) out.cause = walk(error.cause, depth + 1, seen);
    return out;
  }

  return {
    redact: <T>(value: T) => walk(value, 0, new WeakSet()) as T,
    redactString,
  };
}

/** The secrets this process holds, for scrubbing by value. */
export function configuredSecrets(config: Partial<Config>): string[] {
  const secrets = [
    config.SLACK_BOT_TOKEN,
    config.SLACK_SIGNING_SECRET,
    config.SLACK_APP_TOKEN,
    config.OPENAI_API_KEY,
  ].filter((s): s is string => typeof s === 'string');
  // Both spellings: the URL holds it percent-encoded, a client error may quote it decoded.
  secrets.push(...urlPasswords(config.REDIS_URL));
  return secrets;
}

function urlPasswords(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const password = new URL(url).password;
    if (!password) return [];
    return [password, decodeURIComponent(password)];
  } catch {
    return [];
  }
}
