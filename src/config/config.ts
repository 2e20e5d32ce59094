import { z } from 'zod';
import { AppError } from '../errors.js';

/**
 * Every environment variable the app reads, in one schema. Parsed once in the composition root
 * (src/main.ts or the CLI entry); nothing else reads process.env. `.env.example` mirrors this file.
 */
/** A valid IANA zone (a test checks it), so loadConfig need not look it up. */
export const DEFAULT_SUMMARY_TIMEZONE = 'Asia/Kolkata';
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyToUndefined, z.url().optional());
const intWithDefault = (def: number, min = 0) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).default(def));
const boolWithDefault = (def: boolean) =>
  z.preprocess((v) => {
    const s = emptyToUndefined(v);
    if (s === undefined) return undefined;
    if (typeof s === 'string')
      return ['1', 'true', 'yes', 'on'].includes(s.toLowerCase())
        ? true
        : ['0', 'false', 'no', 'off'].includes(s.toLowerCase())
          ? false
          : s;
    return s;
  }, z.boolean().default(def));

export const ConfigSchema = z.object({
  NODE_ENV: z.preprocess(
    emptyToUndefined,
    z.enum(['development', 'production', 'test']).default('development'),
  ),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),

  // Data
  DATA_DIR: optionalString,
  DATA_SOURCE: optionalString,
  CACHE_DIR: optionalString,
  QUERY_TIMEOUT_MS: intWithDefault(10_000, 100),
  QUERY_ROW_LIMIT: intWithDefault(10_000, 1),
  DUCKDB_MEMORY_LIMIT: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'a size such as 1GB or 512MB')
      .default('1GB'),
  ),
  DUCKDB_THREADS: intWithDefault(2, 1),
  // SQL from outside the compiler (LLM, `sql` command) runs in a worker process killed past this resident size.
  SQL_WORKER_MEMORY_MB: intWithDefault(512, 128),
  DUCKDB_TEMP_DIR: optionalString,
  ROLLUPS_ENABLED: boolWithDefault(true),
  // Below this many order rows the detail table answers in milliseconds; building rollups would only slow the load.
  ROLLUP_MIN_ROWS: intWithDefault(1_000_000, 0),
  // A load that fails its checks (cut-off, empty or failed file, a table that shrank): strict keeps serving the last
  // good load, warn uses the new one with a caveat on every answer. Unset: strict in production, warn otherwise.
  DATA_LOAD_POLICY: z.preprocess(emptyToUndefined, z.enum(['strict', 'warn']).optional()),
  DATA_MAX_SHRINK_PERCENT: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(0).max(100).default(25),
  ),

  // State
  REDIS_URL: optionalUrl,
  THREAD_TTL_SECONDS: intWithDefault(7 * 24 * 3600, 60),
  CACHE_TTL_SECONDS: intWithDefault(3600, 1),

  // LLM (any OpenAI-compatible endpoint)
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: z.preprocess(emptyToUndefined, z.string().default('gpt-4o-mini')),
  OPENAI_MODEL_SIMPLE: optionalString,
  OPENAI_TIMEOUT_MS: intWithDefault(20_000, 100),

  // Slack
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalUrl,
  PORT: intWithDefault(3000, 0),
  HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),

  // Weekly summaries
  SUMMARY_CRON: z.preprocess(emptyToUndefined, z.string().default('0 9 * * 1')),
  SUMMARY_TIMEZONE: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_SUMMARY_TIMEZONE)),
  SUMMARY_CHANNELS: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'Slack channel IDs such as C0123ABCD')).default([]),
  ),
  SUMMARY_CATCHUP_HOURS: intWithDefault(12, 0),
  SHUTDOWN_TIMEOUT_MS: intWithDefault(10_000, 0),

  // Observability
  METRICS_ENABLED: boolWithDefault(true),
});

export type Config = z.infer<typeof ConfigSchema>;

/** Parses the environment; on failure throws one CONFIG_INVALID error naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    const message = `Invalid configuration:\n${lines.join('\n')}`;
    throw new AppError('CONFIG_INVALID', message);
  }
  const config = parsed.data;
  // The default is a known zone; checking it would cost every command the time zone data's first load (~20 ms).
  const timezone = config.SUMMARY_TIMEZONE;
  if (timezone && timezone !== DEFAULT_SUMMARY_TIMEZONE && !isValidTimeZone(timezone)) {
    throw new AppError(
      'CONFIG_INVALID',
      `Invalid configuration:\n  SUMMARY_TIMEZONE: unknown IANA time zone "${config.SUMMARY_TIMEZONE}"`,
    );
  }
  return config;
}

/** DATA_LOAD_POLICY, or its default: strict in production (never answer from a worse load), warn elsewhere. */
export function dataLoadPolicy(config: Config): 'strict' | 'warn' {
  return config.DATA_LOAD_POLICY ?? (config.NODE_ENV === 'production' ? 'strict' : 'warn');
}

export function hasSlackCredentials(config: Config): boolean {
  return Boolean(config.SLACK_BOT_TOKEN && (config.SLACK_SIGNING_SECRET || config.SLACK_APP_TOKEN));
}

export function hasLlm(config: Config): boolean {
  return Boolean(config.OPENAI_API_KEY || config.OPENAI_BASE_URL);
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
