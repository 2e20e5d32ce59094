import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGracefulShutdown } from '../../../src/lifecycle/graceful-shutdown.js';
import { createInFlightTracker, type InFlightTracker } from '../../../src/lifecycle/in-flight-tracker.js';
import { createLogger } from '../../../src/observability/logger.js';
import { REACTION_DONE, REACTION_WORKING } from '../../../src/slack/listeners/answer-in-thread.js';
import { MemoryKvStore } from '../../../src/state/memory-kv-store.js';
import { createThreadStore } from '../../../src/state/thread-store.js';
import { startSlackHarness, type SlackHarness } from '../../e2e/slack-harness.js';
import { mentionEvent, nextTs } from '../../helpers/slack-signing.js';
import { createFakeAssistant, type FakeAssistant } from './fake-assistant.js';

/**
 * SIGTERM in the middle of a burst: every question Slack handed us before the signal is answered completely (the
 * message, the chart upload and the ⏳ → ✅ swap) before the process exits, queued ones included. Slack is slow on
 * purpose (posts and uploads take a while), so an answer computed but not yet posted would show.
 */
describe('graceful shutdown mid-burst (fake Slack, fake assistant)', () => {
  const logger = createLogger({ level: 'silent' });
  let h: SlackHarness;
  let assistant: FakeAssistant;
  let tracker: InFlightTracker;

  beforeAll(async () => {
    const kv = new MemoryKvStore();
    assistant = createFakeAssistant(createThreadStore(kv, { ttlSeconds: 3600, logger }));
    tracker = createInFlightTracker();
    h = await startSlackHarness({ assistant, kv, tracker, maxConcurrentAnswers: 2 });
  });
  afterAll(async () => h?.stop());

  it('posts every accepted answer with its chart and reactions before exiting', async () => {
    h.slack.delay('chat.postMessage', 120);
    h.slack.delay('files.completeUploadExternal', 200);
    h.slack.delay('reactions.remove', 60);
    const burst = Array.from({ length: 8 }, () => nextTs());
    for (const ts of burst) {
      const res = await h.sendEvent(mentionEvent({ channel: 'CSHUT', text: `revenue by state ${ts}`, ts }));
      expect(res.status).toBe(200);
    }
    await h.slack.waitFor(() => assistant.turns.length >= 1, 'the first answer being computed', 10_000);

    const signals = new EventEmitter();
    let snapshot: { code: number; posts: number; uploads: number; done: number; working: number } | undefined;
    const exited = new Promise<void>((resolve) => {
      const shutdown = createGracefulShutdown({
        tracker,
        logger,
        timeoutMs: 30_000,
        stopIntake: [{ name: 'slack', run: () => h.running.stop() }],
        closers: [],
        exit: (code) => {
          // What Slack has received at the moment the process would exit.
          const inBurst = (ts: unknown) => burst.includes(String(ts));
          snapshot = {
            code,
            posts: h.slack.callsTo('chat.postMessage').filter((c) => inBurst(c.params.thread_ts)).length,
            uploads: h.slack
              .callsTo('files.completeUploadExternal')
              .filter((c) => inBurst(c.params.thread_ts)).length,
            done: h.slack
              .callsTo('reactions.add')
              .filter((c) => inBurst(c.params.timestamp) && c.params.name === REACTION_DONE).length,
            working: h.slack
              .callsTo('reactions.remove')
              .filter((c) => inBurst(c.params.timestamp) && c.params.name === REACTION_WORKING).length,
          };
          resolve();
        },
      });
      shutdown.installSignalHandlers(signals);
    });
    signals.emit('SIGTERM', 'SIGTERM');
    await exited;

    expect(assistant.turns).toHaveLength(burst.length);
    // Each answer has 12 rows: its CSV goes into the thread (the chart is an image block inside the answer).
    expect(snapshot).toEqual({ code: 0, posts: 8, uploads: 8, done: 8, working: 8 });
    expect(tracker.count).toBe(0);
  });

  it('after shutdown began, a question is told to ask again rather than silently dropped', async () => {
    // The tracker stopped accepting in the test above; a late event (already in Bolt) gets the restart reply.
    const { answerInThread } = await import('../../../src/slack/listeners/answer-in-thread.js');
    const client = h.running.app.client;
    const before = assistant.turns.length;
    await answerInThread({
      client,
      deps: h.deps,
      location: {
        teamId: 'T0TEST',
        channelId: 'CLATE',
        threadTs: '1.000001',
        threadKey: 'T0TEST:CLATE:1.000001',
      },
      question: 'revenue',
      surface: 'mention',
    });
    expect(assistant.turns.length).toBe(before);
    const reply = h.slack.callsTo('chat.postMessage').find((c) => c.params.channel === 'CLATE');
    expect(String(reply?.params.text)).toMatch(/restarting\. Please ask again/);
  });
});

describe('a full answer queue', () => {
  const logger = createLogger({ level: 'silent' });
  let h: SlackHarness;
  let assistant: FakeAssistant;

  beforeAll(async () => {
    const kv = new MemoryKvStore();
    assistant = createFakeAssistant(createThreadStore(kv, { ttlSeconds: 3600, logger }));
    h = await startSlackHarness({ assistant, kv, maxConcurrentAnswers: 1, maxPendingAnswers: 1 });
  });
  afterAll(async () => h?.stop());

  it('answers what fits and tells the rest it is busy, in their threads', async () => {
    // The first answer holds the only slot while its message is slow to post; one more may wait.
    h.slack.delay('chat.postMessage', 400);
    const burst = Array.from({ length: 4 }, () => nextTs());
    for (const ts of burst)
      await h.sendEvent(mentionEvent({ channel: 'CBUSY', text: 'revenue by state', ts }));
    const replies = await h.slack.waitFor(
      () => {
        const posts = h.slack.callsTo('chat.postMessage').filter((c) => c.params.channel === 'CBUSY');
        return posts.length >= 4 ? posts : undefined;
      },
      'a reply in every thread',
      10_000,
    );
    const busy = replies.filter((c) => /a lot of questions right now/.test(String(c.params.text)));
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(assistant.turns.length + busy.length).toBe(4);
    expect(new Set(replies.map((c) => c.params.thread_ts))).toEqual(new Set(burst));
  });
});
