import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer, Assistant, Turn } from '../../src/agent/answer.js';
import { loadConfig } from '../../src/config/config.js';
import { createServices, type Services } from '../../src/main.js';
import { createLogger } from '../../src/observability/logger.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { startRedisServer, type RedisServerHandle } from '../helpers/redis-server.js';
import { channelMessageEvent, mentionEvent, nextTs } from '../helpers/slack-signing.js';
import { blocksText, finishedMessages, startSlackHarness, type SlackHarness } from './slack-harness.js';

/**
 * Chatter in a followed thread ("thanks!", "ok cool", "👍") through the real Bolt app in HTTP mode, the REAL
 * assistant on the Kaggle data with an LLM configured (the fake OpenAI server, which records every request),
 * Redis, and the fake Slack: the replies are ignored before any query or model call, nothing is posted or
 * reacted, and the thread's state is untouched, while a real unmentioned follow-up after them is answered (and
 * does reach the model, so the zero is not for want of wiring).
 */
const DATA_DIR = new URL('../../../shared/datasets/ecommerce-sales/', import.meta.url).pathname;
const hasData = existsSync(DATA_DIR);
if (!hasData) console.warn(`Skipping the Slack chatter e2e suite: ${DATA_DIR} is absent (CI has it).`);

const WAIT_MS = 150_000;
const CHATTER = ['thanks!', 'ok cool', '👍', ':+1:', 'great job, cheers'];

describe.skipIf(!hasData)('chatter in a followed thread, end to end', { timeout: 180_000 }, () => {
  let redis: RedisServerHandle;
  let openai: FakeOpenAiServer;
  let services: Services;
  let h: SlackHarness;
  // Every turn the Slack app handed the Assistant, with its answer (the Assistant itself is untouched).
  const handled: { turn: Turn; answer: Answer }[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    // The model is down (500) throughout: answers fall back to the planner's, and every request is recorded.
    openai = await startFakeOpenAiServer([{ status: 500 }]);
    const logger = createLogger({ level: 'silent' });
    services = await createServices(
      loadConfig({
        DATA_DIR,
        REDIS_URL: redis.url,
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
        OPENAI_BASE_URL: openai.baseUrl,
        OPENAI_API_KEY: 'test-key',
      }),
      { logger },
    );
    const assistant: Assistant = {
      ...services.assistant,
      ask: async (turn, options) => {
        const answer = await services.assistant.ask(turn, options);
        handled.push({ turn, answer });
        return answer;
      },
    };
    h = await startSlackHarness({
      assistant,
      kv: services.kv,
      schema: () => services.warehouse.schema(),
      logger,
    });
  });
  afterAll(async () => {
    await h?.stop();
    await services?.close();
    await openai?.close();
    await redis?.stop();
  });

  const replies = (channel: string, threadTs: string) => finishedMessages(h.slack, channel, threadTs);

  it('ignores thanks, "ok cool" and emoji with no query, model call, post or reaction; a real follow-up is answered', async () => {
    const ts = nextTs();
    await h.sendEvent(mentionEvent({ channel: 'CC1', text: 'total revenue in April 2022', ts }));
    await h.slack.waitFor(
      () =>
        h.slack
          .callsTo('reactions.add')
          .some((c) => c.params.timestamp === ts && c.params.name === 'white_check_mark'),
      'the first answer done',
      WAIT_MS,
    );
    expect(replies('CC1', ts)).toHaveLength(1);
    const threadKey = `T0TEST:CC1:${ts}`;
    const stateBefore = await h.threads.get(threadKey);
    expect(stateBefore?.lastAnswer).toBeDefined();
    const modelCalls = openai.requests.length;
    const slackCalls = h.slack.calls.length;

    const chatterTs = CHATTER.map(() => nextTs());
    for (const [i, text] of CHATTER.entries())
      await h.sendEvent(channelMessageEvent({ channel: 'CC1', text, threadTs: ts, ts: chatterTs[i]! }));
    const ignored = await h.slack.waitFor(
      () => {
        const done = handled.filter((x) => x.turn.threadKey === threadKey && x.turn.addressed === false);
        return done.length >= CHATTER.length && done;
      },
      'the chatter handled',
      WAIT_MS,
    );
    expect(ignored.map((x) => x.turn.text).sort()).toEqual([...CHATTER].sort());
    expect(ignored.every((x) => x.answer.ignored === true)).toBe(true);
    // Decided before the graph: no stage ran (no resolution, query or synthesis timings), and no model call.
    expect(ignored.map((x) => Object.keys(x.answer.timingsMs))).toEqual(CHATTER.map(() => ['total']));
    expect(openai.requests.length).toBe(modelCalls);
    // Nothing said in Slack: no post, stream, update, upload or reaction since the first answer.
    const spoken = h.slack.calls
      .slice(slackCalls)
      .filter((c) => /^(chat|reactions|files|assistant)\./.test(c.method));
    expect(spoken).toEqual([]);
    expect(replies('CC1', ts)).toHaveLength(1);
    expect(await h.threads.get(threadKey)).toEqual(stateBefore);

    // A real follow-up without a mention, after the chatter: answered, building on April's plan.
    await h.sendEvent(channelMessageEvent({ channel: 'CC1', text: 'and in May?', threadTs: ts }));
    const both = await h.slack.waitFor(
      () => replies('CC1', ts).length >= 2 && replies('CC1', ts),
      'the follow-up answer',
      WAIT_MS,
    );
    // May 2022 gross revenue: ₹2,62,26,476.75.
    expect(blocksText(both[1]!.params.blocks)).toContain('₹2.62 Cr');
    expect(openai.requests.length).toBeGreaterThan(modelCalls);
  });
});
