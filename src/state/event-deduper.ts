import type { Logger } from '../observability/logger.js';
import type { KvStore } from './kv-store.js';
import { MemoryKvStore } from './memory-kv-store.js';
import { strictStore } from './resilient-kv-store.js';

/** "First one wins" per event id: Slack retries and duplicate deliveries get one answer, across instances. */
export interface EventDeduper {
  /** True when this caller is the first to claim the id within ttlSeconds. */
  claim(eventId: string, ttlSeconds: number): Promise<boolean>;
}

export const DEDUPE_KEY_PREFIX = 'dedupe:event:';

export interface EventDeduperOptions {
  logger: Logger;
  now?: () => number;
}

/**
 * Claims in the shared store with SET NX EX. Every claim is also remembered in process memory, so a retry
 * that arrives while Redis is down is still recognised by the instance that answered the first delivery.
 * When the store fails, this instance falls back to that memory alone (one warning per outage): duplicates
 * across instances become possible, but no question goes unanswered.
 */
export function createEventDeduper(kv: KvStore, options: EventDeduperOptions): EventDeduper {
  const shared = strictStore(kv);
  const local = new MemoryKvStore({ now: options.now });
  let degraded = false;

  return {
    async claim(eventId, ttlSeconds) {
      const key = DEDUPE_KEY_PREFIX + eventId;
      if ((await local.get(key)) !== null) return false;
      try {
        const first = await shared.setIfAbsent(key, '1', ttlSeconds);
        if (degraded) options.logger.info('Event de-duplication is shared across instances again');
        degraded = false;
        await local.set(key, '1', ttlSeconds);
        return first;
      } catch (error) {
        if (!degraded) {
          options.logger.warn(
            { err: { message: error instanceof Error ? error.message : String(error) } },
            'State store unavailable: de-duplicating events in this process only',
          );
        }
        degraded = true;
        return local.setIfAbsent(key, '1', ttlSeconds);
      }
    },
  };
}
