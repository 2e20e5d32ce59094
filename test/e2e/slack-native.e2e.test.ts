import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createServices, type Services } from '../../src/main.js';
import { createLogger } from '../../src/observability/logger.js';
import { startRedisServer, type RedisServerHandle } from '../helpers/redis-server.js';
import { assistantThreadStartedEvent, directMessageEvent, nextTs } from '../helpers/slack-signing.js';
import { blocksText, startSlackHarness, type SlackHarness } from './slack-harness.js';

/**
 * The Slack-native surfaces end to end (issue 17): the real Bolt app in HTTP mode, the REAL assistant on the
 * Kaggle data, Redis for thread memory and feedback, and the fake Slack recording every Web API call.
 */
const DATA_DIR = new URL('../../../shared/datasets/ecommerce-sales/', import.meta.url).pathname;
const hasData = existsSync(DATA_DIR);
if (!hasData) console.warn(`Skipping the Slack-native e2e suite: ${DATA_DIR} is absent (CI has it).`);

const WAIT_MS = 150_000;

describe.skipIf(!hasData)('Slack-native surfaces end to end', { timeout: 180_000 }, () => {
  let redis: RedisServerHandle;
  let services: Services;
  let h: SlackHarness;

  beforeAll(async () => {
    redis = await startRedisServer();
    const logger = createLogger({ level: 'silent' });
    services = await createServices(
      loadConfig({ DATA_DIR, REDIS_URL: redis.url, LOG_LEVEL: 'silent', NODE_ENV: 'test' }),
      { logger },
    );
    h = await startSlackHarness({
      assistant: services.assistant,
      kv: services.kv,
      schema: () => services.warehouse.schema(),
      logger,
    });
  });
  afterAll(async () => {
    await h?.stop();
    await services?.close();
    await redis?.stop();
  });

  const posts = (channel: string, threadTs: string) =>
    h.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.params.channel === channel && c.params.thread_ts === threadTs);

  describe('the assistant surface', () => {
    it('a new assistant thread gets a title and suggested prompts drawn from the data coverage', async () => {
      const threadTs = nextTs();
      const res = await h.sendEvent(
        assistantThreadStartedEvent({ channel: 'DA1', threadTs, fromChannel: 'CSALES' }),
      );
      expect(res.status).toBe(200);
      const prompts = await h.slack.waitFor(
        () =>
          h.slack
            .callsTo('assistant.threads.setSuggestedPrompts')
            .find((c) => c.params.thread_ts === threadTs),
        'the suggested prompts',
        WAIT_MS,
      );
      const title = h.slack
        .callsTo('assistant.threads.setTitle')
        .find((c) => c.params.thread_ts === threadTs);
      expect(title?.params).toMatchObject({ channel_id: 'DA1', title: 'Sales questions' });
      // The data covers 31 Mar–29 Jun 2022: the prompts ask about its latest month, and say where it was opened.
      expect(prompts.params.channel_id).toBe('DA1');
      expect(prompts.params.title).toContain('31 Mar–29 Jun 2022');
      expect(prompts.params.title).toContain('<#CSALES>');
      const list = prompts.params.prompts as { title: string; message: string }[];
      expect(list.length).toBeGreaterThanOrEqual(3);
      expect(list.map((p) => p.message)).toContain('Revenue by state in June 2022');
    });

    it('a question there shows the status naming the stages, then the answer with the right number in the thread; a follow-up uses the thread memory', async () => {
      const threadTs = nextTs();
      await h.sendEvent(assistantThreadStartedEvent({ channel: 'DA2', threadTs }));
      const ts = nextTs();
      await h.sendEvent(
        directMessageEvent({ channel: 'DA2', text: 'total revenue in April 2022', ts, threadTs }),
      );
      const [answer] = await h.slack.waitFor(
        () => posts('DA2', threadTs).length >= 1 && posts('DA2', threadTs),
        'the answer',
        WAIT_MS,
      );
      // April 2022: ₹2,88,38,708.32.
      expect(blocksText(answer!.params.blocks)).toContain('₹2.88 Cr');
      const status = h.slack
        .callsTo('assistant.threads.setStatus')
        .find((c) => c.params.thread_ts === threadTs);
      expect(status?.params).toMatchObject({ channel_id: 'DA2', status: 'is working on it…' });
      expect(status!.params.loading_messages).toEqual([
        'Reading the question…',
        'Querying the sales data…',
        'Drawing the chart…',
      ]);
      expect(status!.at).toBeLessThanOrEqual(answer!.at);
      const titled = h.slack
        .callsTo('assistant.threads.setTitle')
        .find((c) => c.params.title === 'total revenue in April 2022');
      expect(titled?.params.thread_ts).toBe(threadTs);

      await h.sendEvent(directMessageEvent({ channel: 'DA2', text: 'and in May?', threadTs }));
      const both = await h.slack.waitFor(
        () => posts('DA2', threadTs).length >= 2 && posts('DA2', threadTs),
        'the follow-up',
        WAIT_MS,
      );
      // May 2022: ₹2,62,26,476.75, from "and in May?" alone: the thread remembered April's question.
      const followUp = blocksText(both[1]!.params.blocks);
      expect(followUp).toContain('₹2.62 Cr');
      expect(followUp).toContain('2022-05-01');
      expect(
        h.slack.callsTo('assistant.threads.setStatus').filter((c) => c.params.thread_ts === threadTs),
      ).toHaveLength(2);
      // Answered once each (the DM listener did not answer the same messages again).
      expect(posts('DA2', threadTs)).toHaveLength(2);
    });

    it("does not answer the bot's own messages in the assistant thread", async () => {
      const threadTs = nextTs();
      await h.sendEvent({
        ...directMessageEvent({ channel: 'DA3', text: 'Revenue is ₹2.88 Cr', threadTs }),
        bot_id: 'BBOT',
        user: 'UBOT',
      });
      await h.sendEvent(directMessageEvent({ channel: 'DA3', text: 'orders in June 2022', threadTs }));
      const [only] = await h.slack.waitFor(
        () => posts('DA3', threadTs).length >= 1 && posts('DA3', threadTs),
        'the answer',
        WAIT_MS,
      );
      expect(blocksText(only!.params.blocks)).toContain('June 2022');
      expect(posts('DA3', threadTs)).toHaveLength(1);
      expect(
        h.slack.callsTo('assistant.threads.setStatus').filter((c) => c.params.thread_ts === threadTs),
      ).toHaveLength(1);
    });
  });
});
