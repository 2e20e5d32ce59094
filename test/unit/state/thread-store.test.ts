import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadState } from '../../../src/agent/answer.js';
import { createLogger } from '../../../src/observability/logger.js';
import type { KvStore } from '../../../src/state/kv-store.js';
import { MemoryKvStore } from '../../../src/state/memory-kv-store.js';
import { RedisKvStore } from '../../../src/state/redis-kv-store.js';
import { createThreadStore, fitThreadState, slackThreadKey } from '../../../src/state/thread-store.js';
import { startRedisServer, type RedisServerHandle } from '../../helpers/redis-server.js';

const logger = createLogger({ level: 'silent' });
let server: RedisServerHandle;
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await server?.stop();
});

const state = (n: number): ThreadState => ({
  messages: Array.from({ length: n }, (_, i) => ({
    role: i % 2 ? ('assistant' as const) : ('user' as const),
    text: `message ${i}`,
    at: i,
  })),
  summaryContext: { period: { from: '2022-06-20', to: '2022-06-26', label: 'week of 20 Jun 2022' } },
});

const backends: Array<[string, () => { kv: KvStore; advance: (s: number) => Promise<void> }]> = [
  [
    'memory',
    () => {
      let now = 0;
      return { kv: new MemoryKvStore({ now: () => now }), advance: async (s) => void (now += s * 1000) };
    },
  ],
  [
    'redis',
    () => ({
      kv: new RedisKvStore({ url: server.url, logger, keyPrefix: `t:${randomUUID()}:` }),
      advance: (s) => new Promise((r) => setTimeout(r, s * 1000)),
    }),
  ],
];

describe.each(backends)('ThreadStore on %s', (_name, make) => {
  it('saves and reads a thread under its workspace+channel+thread key, separate from other threads', async () => {
    const { kv } = make();
    const threads = createThreadStore(kv, { ttlSeconds: 60, logger });
    const key = slackThreadKey('T1', 'C1', '1700000000.000100');
    await threads.save(key, state(3));
    expect(await threads.get(key)).toEqual(state(3));
    expect(await threads.get(slackThreadKey('T1', 'C2', '1700000000.000100'))).toBeNull();
    expect(await kv.keys('thread:')).toEqual(['thread:T1:C1:1700000000.000100']);
    await kv.close();
  });

  it('forgets a thread after THREAD_TTL_SECONDS', async () => {
    const { kv, advance } = make();
    const threads = createThreadStore(kv, { ttlSeconds: 1, logger });
    await threads.save('T1:C1:1', state(1));
    await advance(1.2);
    expect(await threads.get('T1:C1:1')).toBeNull();
    await kv.close();
  });

  it('keeps only the newest messages and reads a corrupt value as no state', async () => {
    const { kv } = make();
    const threads = createThreadStore(kv, { ttlSeconds: 60, logger, maxMessages: 4 });
    await threads.save('T1:C1:2', state(10));
    const got = await threads.get('T1:C1:2');
    expect(got?.messages.map((m) => m.text)).toEqual(['message 6', 'message 7', 'message 8', 'message 9']);
    await kv.set('thread:T1:C1:3', '{not json', 60);
    expect(await threads.get('T1:C1:3')).toBeNull();
    await kv.close();
  });
});

describe('fitThreadState', () => {
  it('cuts the stored result rows first (marking them truncated), then the oldest history', () => {
    const big: ThreadState = {
      ...state(6),
      lastAnswer: {
        question: 'revenue by state',
        status: 'answered',
        headline: 'x',
        insights: [],
        keyFigures: [],
        definitions: [],
        columns: [{ name: 'state', type: 'VARCHAR' }],
        rows: Array.from({ length: 2000 }, (_, i) => [`state-${i}`, i]),
        truncated: false,
        validation: { status: 'PASSED', notes: [] },
        suggestions: [],
        chart: null,
        timingsMs: {},
        llm: null,
      },
    };
    const json = fitThreadState(big, 20, 8_000);
    expect(json).not.toBeNull();
    expect(Buffer.byteLength(json!)).toBeLessThanOrEqual(8_000);
    const parsed = JSON.parse(json!) as ThreadState;
    expect(parsed.lastAnswer?.truncated).toBe(true);
    expect(parsed.lastAnswer!.rows.length).toBeGreaterThan(0);
    expect(parsed.lastAnswer!.rows.length).toBeLessThan(2000);
    expect(parsed.messages).toHaveLength(6);
    expect(fitThreadState(state(3), 20, 10)).toBeNull();
  });
});
