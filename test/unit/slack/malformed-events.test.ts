import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryKvStore } from '../../../src/state/memory-kv-store.js';
import { createThreadStore } from '../../../src/state/thread-store.js';
import { messages } from '../../../src/slack/messages.js';
import { startSlackHarness, type SlackHarness } from '../../e2e/slack-harness.js';
import { mentionEvent, nextTs } from '../../helpers/slack-signing.js';
import { captureLogger } from '../state/capture-logger.js';
import { createFakeAssistant, type FakeAssistant } from './fake-assistant.js';

/**
 * Events Slack's types say cannot happen (a mention without text, without a channel) come in anyway, forged or
 * from an odd client. Each gets a log line and, where there is a channel to answer in, a short reply; none throws,
 * and the next real question is answered as usual.
 */
describe('malformed Slack events', () => {
  let h: SlackHarness;
  let assistant: FakeAssistant;
  const { logger, lines } = captureLogger('info');

  beforeAll(async () => {
    const kv = new MemoryKvStore();
    assistant = createFakeAssistant(createThreadStore(kv, { ttlSeconds: 3600, logger }));
    h = await startSlackHarness({ assistant, kv, logger });
  });
  afterAll(async () => h?.stop());

  it('a mention without text gets the "ask me a question" hint in its thread', async () => {
    const ts = nextTs();
    const { text: _text, ...noText } = mentionEvent({ channel: 'CMAL1', text: 'x', ts });
    expect((await h.sendEvent(noText)).status).toBe(200);
    const reply = await h.slack.waitFor(
      () => h.slack.callsTo('chat.postMessage').find((c) => c.params.channel === 'CMAL1'),
      'the hint',
      5_000,
    );
    expect(reply.params.text).toBe(messages.emptyQuestion);
    expect(reply.params.thread_ts).toBe(ts);
    expect(assistant.turns).toHaveLength(0);
  });

  it('a mention without a channel is logged and answered by nobody, and the next question is answered', async () => {
    const { channel: _channel, ...noChannel } = mentionEvent({ channel: 'CMAL2', text: 'revenue' });
    expect((await h.sendEvent(noChannel)).status).toBe(200);
    await h.slack.waitFor(
      () => lines.find((l) => /malformed app_mention event/.test(l.msg)),
      'the log line',
      5_000,
    );
    const ts = nextTs();
    await h.sendEvent(mentionEvent({ channel: 'CMAL3', text: 'revenue by state', ts }));
    await h.slack.waitFor(
      () => h.slack.callsTo('chat.postMessage').find((c) => c.params.channel === 'CMAL3'),
      'the next answer',
      5_000,
    );
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
