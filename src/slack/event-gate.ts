import type { Logger } from '../observability/logger.js';
import { EVENT_DEDUP_TTL_SECONDS, type EventClaimPort } from './ports.js';

/**
 * "Answer each question once." Slack retries an event (X-Slack-Retry-Num) when the ack is slow and can deliver
 * the same event twice; several instances may each receive a copy. Each key is claimed in the shared store
 * (the state module's EventDeduper: SET NX EX, with its own in-process memory while Redis is down). If the
 * claim itself throws, we answer anyway: a rare duplicate beats a silent bot.
 */
export class EventGate {
  constructor(
    private readonly store: EventClaimPort,
    private readonly logger: Logger,
  ) {}

  /** True when the caller should handle the event: none of the keys was claimed before. */
  async claim(keys: string[], ttlSeconds = EVENT_DEDUP_TTL_SECONDS): Promise<boolean> {
    for (const key of keys) {
      try {
        if (!(await this.store.claim(key, ttlSeconds))) return false;
      } catch (error) {
        this.logger.warn({ err: error, key }, 'event de-dup unavailable; answering without the claim');
        return true;
      }
    }
    return true;
  }
}
