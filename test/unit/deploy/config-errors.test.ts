import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { AppError } from '../../../src/errors.js';

function configError(env: Record<string, string>): AppError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be rejected`);
}

// What an operator sees when start-up stops: the variable, and what it should have been.
describe('a wrong setting stops start-up with a message naming the variable and what is expected', () => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: 'http' }, /PORT: .*expected number/],
    [{ SHUTDOWN_TIMEOUT_MS: '-5' }, /SHUTDOWN_TIMEOUT_MS: .*>=0/],
    [{ QUERY_TIMEOUT_MS: '10' }, /QUERY_TIMEOUT_MS: .*>=100/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL: .*"info"/],
    [{ NODE_ENV: 'prod' }, /NODE_ENV: .*"production"/],
    [{ METRICS_ENABLED: 'maybe' }, /METRICS_ENABLED: .*expected boolean/],
    [{ ROLLUPS_ENABLED: 'sometimes' }, /ROLLUPS_ENABLED: .*expected boolean/],
    [{ DUCKDB_MEMORY_LIMIT: 'lots' }, /DUCKDB_MEMORY_LIMIT: a size such as 1GB or 512MB/],
    [{ REDIS_URL: 'not a url' }, /REDIS_URL: .*URL/i],
    [{ SLACK_API_URL: 'slack dot com' }, /SLACK_API_URL: .*URL/i],
    [{ SUMMARY_CHANNELS: 'C0123ABCD,#general' }, /SUMMARY_CHANNELS.*: Slack channel IDs such as C0123ABCD/],
    [{ SUMMARY_TIMEZONE: 'India/Mumbai' }, /SUMMARY_TIMEZONE: unknown IANA time zone "India\/Mumbai"/],
  ];
  for (const [env, expected] of cases) {
    const [name] = Object.keys(env);
    it(`${name}=${Object.values(env)[0]}`, () => {
      const error = configError(env);
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.userMessage).toMatch(expected);
      // A message for people: no stack frames.
      expect(error.userMessage).not.toMatch(/\n\s+at /);
    });
  }

  it('accepts the usual spellings of booleans', () => {
    for (const [value, expected] of [
      ['false', false],
      ['0', false],
      ['off', false],
      ['TRUE', true],
      ['yes', true],
    ] as const) {
      expect(loadConfig({ METRICS_ENABLED: value }).METRICS_ENABLED).toBe(expected);
    }
    expect(loadConfig({}).METRICS_ENABLED).toBe(true);
  });
});
