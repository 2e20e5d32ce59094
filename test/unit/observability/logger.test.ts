import { describe, expect, it } from 'vitest';
import { createLogger, newRequestId, withContext, type Logger } from '../../../src/observability/logger.js';
import { configuredSecrets, createRedactor } from '../../../src/observability/redact.js';

// Realistic-looking (but fake) secrets of every kind the app holds.
const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-2468013579-1357924680-AbCdEfGhIjKlMnOpQrStUvWx',
  SLACK_APP_TOKEN: 'xapp-1-A0123ABCD-1234567890-0a1b2c3d4e5f60718293a4b5c6d7e8f9',
  SLACK_SIGNING_SECRET: '8f14e45fceea167a5a36dedd4bea2543',
  OPENAI_API_KEY: 'sk-proj-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0',
  REDIS_PASSWORD: 'r3d1s-Pa55w0rd',
  BEARER: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJl',
};
const REDIS_URL = `redis://default:${SECRETS.REDIS_PASSWORD}@redis.internal:6379/0`;

function capture(secrets: string[] = []): { logger: Logger; lines: () => string[] } {
  const out: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: { write: (chunk: string) => void out.push(chunk) },
    secrets,
  });
  return { logger, lines: () => out.join('').split('\n').filter(Boolean) };
}

function logEverySecret(logger: Logger): void {
  const config = {
    SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
    SLACK_APP_TOKEN: SECRETS.SLACK_APP_TOKEN,
    SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
    OPENAI_API_KEY: SECRETS.OPENAI_API_KEY,
    REDIS_URL,
    PORT: 3000,
  };
  logger.info({ config }, 'configuration loaded');
  logger.info({
    req: { headers: { authorization: `Bearer ${SECRETS.BEARER}`, 'x-slack-signature': 'v0=abc' } },
  });
  logger.info({ headers: { Authorization: `Bearer ${SECRETS.BEARER}` } }, 'outbound call');
  logger.warn(`could not connect to ${REDIS_URL}`);
  logger.error(new Error(`connect ECONNREFUSED ${REDIS_URL}`), 'redis error');
  logger.error({ err: new Error(`auth failed for token ${SECRETS.SLACK_BOT_TOKEN}`) }, 'slack call failed');
  logger.debug({ clientOptions: { token: SECRETS.SLACK_BOT_TOKEN, appToken: SECRETS.SLACK_APP_TOKEN } });
  logger.info({ openai: { apiKey: SECRETS.OPENAI_API_KEY, baseURL: 'http://127.0.0.1:9' } }, 'llm client');
  logger.info('key is %s', SECRETS.OPENAI_API_KEY);
  logger.info({ list: [{ signingSecret: SECRETS.SLACK_SIGNING_SECRET }] }, 'nested in arrays');
  withContext(logger, { requestId: 'req1' })
    .child({ token: SECRETS.SLACK_BOT_TOKEN })
    .info('child with secret');
}

function assertNoSecret(lines: string[]): void {
  const text = lines.join('\n');
  for (const [name, value] of Object.entries(SECRETS)) {
    expect(text, `${name} leaked into the log`).not.toContain(value);
  }
}

describe('logger redaction', () => {
  it('never writes a secret, whether known by value or not', () => {
    for (const secrets of [configuredSecrets({ ...SECRETS, REDIS_URL }), []]) {
      const { logger, lines } = capture(secrets);
      logEverySecret(logger);
      expect(lines().length).toBe(11);
      assertNoSecret(lines());
      expect(lines().join('\n')).toContain('[redacted]');
    }
  });

  it('scrubs a configured secret under an innocent key and inside free text', () => {
    const { logger, lines } = capture(configuredSecrets(SECRETS));
    logger.info({ note: SECRETS.SLACK_SIGNING_SECRET, text: `pasted ${SECRETS.SLACK_SIGNING_SECRET} here` });
    expect(lines().join('')).not.toContain(SECRETS.SLACK_SIGNING_SECRET);
  });

  it('keeps what is useful: non-secret fields, token counts, the Redis host, error shape', () => {
    const { logger, lines } = capture();
    logger.info({ llm: { promptTokens: 120, completionTokens: 30, model: 'gpt-4o-mini' } }, 'answered');
    logger.error(new Error(`connect ECONNREFUSED ${REDIS_URL}`));
    const [answered, failed] = lines().map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(answered).toMatchObject({
      level: 'info',
      msg: 'answered',
      service: 'retail-insights',
      llm: { promptTokens: 120, completionTokens: 30, model: 'gpt-4o-mini' },
    });
    expect(failed?.level).toBe('error');
    const err = failed?.err as Record<string, string>;
    expect(err.type).toBe('Error');
    expect(err.message).toBe('connect ECONNREFUSED redis://default:[redacted]@redis.internal:6379/0');
    expect(err.stack).toContain('logger.test.ts');
    expect(failed?.msg).toContain('redis.internal:6379');
  });

  it('does not mutate the objects it logs', () => {
    const { logger } = capture();
    const config = { SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN };
    logger.info({ config });
    expect(config.SLACK_BOT_TOKEN).toBe(SECRETS.SLACK_BOT_TOKEN);
  });

  it('survives circular objects', () => {
    const { logger, lines } = capture();
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    logger.info({ a }, 'circular');
    expect(JSON.parse(lines()[0]!)).toMatchObject({ a: { name: 'a', self: '[circular]' } });
  });
});

describe('request context', () => {
  it('puts the request and thread ids on every line of a child logger', () => {
    const { logger, lines } = capture();
    const requestId = newRequestId();
    const log = withContext(logger, { requestId, threadKey: 'T1:C1:1700000000.0001', surface: 'mention' });
    log.info('received');
    log.info({ stage: 'synthesis' }, 'answered');
    const parsed = lines().map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed).toHaveLength(2);
    for (const line of parsed) {
      expect(line).toMatchObject({ requestId, threadKey: 'T1:C1:1700000000.0001', surface: 'mention' });
      expect(typeof line.time).toBe('string');
    }
    expect(requestId).toMatch(/^[0-9a-f]{12}$/);
    expect(newRequestId()).not.toBe(requestId);
  });
});

describe('redactor', () => {
  it('scrubs URL passwords of any scheme but leaves URLs without one alone', () => {
    const r = createRedactor();
    expect(r.redactString('rediss://:p%40ss@h:6380 and postgres://u:pw123@db/x')).toBe(
      'rediss://:[redacted]@h:6380 and postgres://u:[redacted]@db/x',
    );
    expect(r.redactString('redis://redis:6379/0')).toBe('redis://redis:6379/0');
  });

  it('knows both spellings of a percent-encoded Redis password', () => {
    const secrets = configuredSecrets({ REDIS_URL: 'redis://:p%40ssw0rd!@h:6379' });
    expect(secrets).toContain('p@ssw0rd!');
    expect(createRedactor(secrets).redactString('AUTH p@ssw0rd! failed')).toBe('AUTH [redacted] failed');
  });
});
