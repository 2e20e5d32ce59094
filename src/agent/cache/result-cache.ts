import { createHash } from 'node:crypto';
import type { Logger } from '../../observability/logger.js';
import { normalizePlanKey, type Plan } from '../../semantic/plan.js';
import type { KvStore } from '../../state/kv-store.js';
import type { QueryResult } from '../../warehouse/types.js';

/**
 * Query results cached in the KvStore (Redis or memory) under the normalized plan (or the exact SQL for LLM SQL)
 * plus the data fingerprint, so new data never serves an old number. A store failure is a cache miss, never an
 * error: the answer just runs the query.
 */
export interface ResultCache {
  get(key: CacheKey): Promise<QueryResult | null>;
  set(key: CacheKey, result: QueryResult): Promise<void>;
}

export type CacheKey = { plan: Plan } | { sql: string };

export interface ResultCacheOptions {
  kv: KvStore;
  /** The warehouse's data fingerprint: part of every key. */
  fingerprint: string;
  ttlSeconds: number;
  logger: Logger;
  /** Results above this many rows are not cached (they are cheap to recompute relative to their size). */
  maxRows?: number;
}

export const RESULT_CACHE_PREFIX = 'result:';

export function resultCacheKey(key: CacheKey, fingerprint: string): string {
  const text = 'plan' in key ? `plan:${normalizePlanKey(key.plan)}` : `sql:${key.sql.trim()}`;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 32);
  return `${RESULT_CACHE_PREFIX}${fingerprint}:${hash}`;
}

export function createResultCache(options: ResultCacheOptions): ResultCache {
  const { kv, fingerprint, ttlSeconds, logger } = options;
  const maxRows = options.maxRows ?? 2_000;
  return {
    async get(key) {
      try {
        const text = await kv.get(resultCacheKey(key, fingerprint));
        if (!text) return null;
        return JSON.parse(text) as QueryResult;
      } catch (error) {
        logger.warn({ err: error }, 'result cache read failed; running the query');
        return null;
      }
    },
    async set(key, result) {
      if (result.rows.length > maxRows) return;
      try {
        await kv.set(resultCacheKey(key, fingerprint), JSON.stringify(result), ttlSeconds);
      } catch (error) {
        logger.warn({ err: error }, 'result cache write failed');
      }
    },
  };
}
