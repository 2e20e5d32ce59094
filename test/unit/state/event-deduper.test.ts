import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { createEventDeduper } from '../../../src/state/event-deduper.js';
import type { KvStore } from '../../../src/state/kv-store.js';
import { MemoryKvStore } from '../../../src/state/memory-kv-store.js';
import { ResilientKvStore } from '../../../src/state/resilient-kv-store.js';
import { captureLogger, WARN } from './capture-logger.js';

/** A store whose availability the test switches, standing in for Redis going away (the real outage is in redis-outage.test.ts). */
class SwitchableStore extends MemoryKvStore implements KvStore {
  down = false;
  private check() {
    if (this.down) throw new AppError('STORE_UNAVAILABLE', 'The state store is unavailable right now.');
  }
  override async setIfAbsent(key: string, value: string, ttlSeconds: number) {
    this.check();
    return super.setIfAbsent(key, value, ttlSeconds);
  }
  override async get(key: string) {
    this.check();
    return super.get(key);
  }
}

describe('EventDeduper', () => {
  it('answers an event id once across instances sharing the store', async () => {
    const shared = new MemoryKvStore();
    const { logger } = captureLogger();
    const a = createEventDeduper(shared, { logger });
    const b = createEventDeduper(shared, { logger });
    const results = await Promise.all([a.claim('Ev1', 3600), b.claim('Ev1', 3600), a.claim('Ev1', 3600)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await b.claim('Ev2', 3600)).toBe(true);
  });

  it('forgets an id after its TTL', async () => {
    let now = 0;
    const shared = new MemoryKvStore({ now: () => now });
    const dedupe = createEventDeduper(shared, { logger: captureLogger().logger, now: () => now });
    expect(await dedupe.claim('Ev1', 60)).toBe(true);
    now += 61_000;
    expect(await dedupe.claim('Ev1', 60)).toBe(true);
  });

  it('falls back to process memory while the store is down, with one warning, and shares again after', async () => {
    const shared = new SwitchableStore();
    const { logger, lines } = captureLogger();
    const dedupe = createEventDeduper(new ResilientKvStore(shared, logger), { logger });
    expect(await dedupe.claim('before', 3600)).toBe(true);

    shared.down = true;
    // A retry of an event answered before the outage is still recognised here.
    expect(await dedupe.claim('before', 3600)).toBe(false);
    expect(await dedupe.claim('during', 3600)).toBe(true);
    expect(await dedupe.claim('during', 3600)).toBe(false);
    expect(await dedupe.claim('during-2', 3600)).toBe(true);
    const warnings = lines.filter(
      (l) => l.level === WARN && /de-duplicating events in this process/.test(l.msg),
    );
    expect(warnings).toHaveLength(1);

    shared.down = false;
    expect(await dedupe.claim('after', 3600)).toBe(true);
    const other = createEventDeduper(shared, { logger });
    expect(await other.claim('after', 3600)).toBe(false);
    expect(lines.some((l) => /shared across instances again/.test(l.msg))).toBe(true);
  });
});
