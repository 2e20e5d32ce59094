import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { parse as parseYaml, parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/config.js';
import { createFeedbackStore } from '../../src/feedback/feedback-store.js';
import { createSubscriptionStore } from '../../src/scheduler/subscription-store.js';
import { createServices, type Services } from '../../src/main.js';
import { createLogger } from '../../src/observability/logger.js';
import { startRedisServer, type RedisServerHandle } from '../helpers/redis-server.js';
import {
  assistantThreadStartedEvent,
  directMessageEvent,
  mentionEvent,
  nextTs,
} from '../helpers/slack-signing.js';
import {
  blocksText,
  buttonsOf,
  feedbackValuesOf,
  finishedMessages,
  startSlackHarness,
  type SlackHarness,
} from './slack-harness.js';

/**
 * The Slack-native surfaces end to end (issue 17): the real Bolt app in HTTP mode, the REAL assistant on the
 * Kaggle data, Redis for thread memory and feedback, and the fake Slack recording every Web API call.
 */
const DATA_DIR = new URL('../../../shared/datasets/ecommerce-sales/', import.meta.url).pathname;
const hasData = existsSync(DATA_DIR);
if (!hasData) console.warn(`Skipping the Slack-native e2e suite: ${DATA_DIR} is absent (CI has it).`);

const WAIT_MS = 150_000;

/** Polls an async read until it satisfies `done` (no sleeps standing in for assertions). */
async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

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
      subscriptions: createSubscriptionStore(services.kv, { defaultTimezone: 'Asia/Kolkata' }),
    });
    await h.deps.subscriptions!.add({ channelId: 'CWEEKLY', cron: '0 9 * * 1' });
  });
  afterAll(async () => {
    await h?.stop();
    await services?.close();
    await redis?.stop();
  });

  // The bot's finished messages in a thread (posted, or streamed and stopped), as they read now.
  const posts = (channel: string, threadTs: string) => finishedMessages(h.slack, channel, threadTs);

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

  describe('feedback that teaches', () => {
    it('👎 opens the "what was wrong?" modal; the answer is stored with question, plan, SQL and reading; `feedback export` writes it as a draft eval case', async () => {
      const ts = nextTs();
      await h.sendEvent(mentionEvent({ channel: 'CF1', text: 'revenue by state in May 2022', ts }));
      const [answer] = await h.slack.waitFor(
        () => posts('CF1', ts).length >= 1 && posts('CF1', ts),
        'the answer',
        WAIT_MS,
      );
      const feedback = feedbackValuesOf(answer!.params.blocks)!;
      expect(feedback.actionId).toBe('answer_feedback');

      await h.click({
        actionId: feedback.actionId,
        value: feedback.down,
        channel: 'CF1',
        messageTs: answer!.response!.ts as string,
        threadTs: ts,
        blocks: answer!.params.blocks as unknown[],
      });
      const opened = await h.slack.waitFor(
        () => h.slack.callsTo('views.open')[0],
        'the feedback modal',
        WAIT_MS,
      );
      const view = opened.params.view as {
        callback_id: string;
        private_metadata: string;
        blocks: { block_id: string; element: { action_id: string; options?: { value: string }[] } }[];
      };
      expect(view.callback_id).toBe('feedback_modal');
      const reason = view.blocks.find((b) => b.block_id === 'reason')!;
      expect(reason.element.options!.map((o) => o.value)).toEqual(['number', 'reading', 'chart', 'other']);
      const comment = view.blocks.find((b) => b.block_id === 'comment')!;

      const submitted = await h.submitView({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values: {
          reason: {
            [reason.element.action_id]: { type: 'radio_buttons', selected_option: { value: 'reading' } },
          },
          comment: {
            [comment.element.action_id]: { type: 'plain_text_input', value: 'I meant net revenue' },
          },
        },
      });
      expect(submitted.status).toBe(200);
      const store = createFeedbackStore(services.kv);
      const [record] = await poll(
        () => store.list(),
        (found) => found.length > 0,
        'the stored feedback',
      );
      expect(record).toMatchObject({
        verdict: 'down',
        reason: 'reading',
        comment: 'I meant net revenue',
        question: 'revenue by state in May 2022',
        threadKey: `T0TEST:CF1:${ts}`,
      });
      expect(record!.sql).toMatch(/SELECT/i);
      expect(record!.plan?.groupBy).toEqual(['state']);
      expect(record!.reading).toContain('May 2022');

      const dir = mkdtempSync(join(tmpdir(), 'feedback-export-'));
      const out: string[] = [];
      const sink = new Writable({
        write(chunk: Buffer, _enc, done) {
          out.push(chunk.toString('utf8'));
          done();
        },
      });
      const code = await runCli(
        ['feedback', 'export', '--out', join(dir, 'drafts.yml')],
        { stdout: sink, stderr: sink, stdin: Readable.from([]), interactive: false },
        { REDIS_URL: redis.url, LOG_LEVEL: 'silent', CACHE_DIR: join(dir, 'cache') },
      );
      expect(code, out.join('')).toBe(0);
      const text = readFileSync(join(dir, 'drafts.yml'), 'utf8');
      const items = parseYaml(text) as { id: string; category: string; question: string; gold: unknown }[];
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        category: 'groupby',
        question: 'revenue by state in May 2022',
        gold: null,
      });
      expect(items[0]!.id).toMatch(/^feedback-\d{4}-\d{2}-\d{2}-/);
      // What the bot did and what was wrong, for the person writing the gold.
      expect(parseDocument(text).errors).toEqual([]);
      expect(text).toContain('what was wrong: reading · "I meant net revenue"');
      expect(text).toContain(`bot's SQL: ${record!.sql!.replace(/\s+/g, ' ').trim()}`);
      expect(text).toContain(`read as: ${record!.reading}`);
    });
  });

  describe('App Home', () => {
    it('shows coverage, what loaded, schedules in words, and example questions that are answered in a DM when clicked', async () => {
      await h.sendEvent({ type: 'app_home_opened', user: 'UHOME', channel: 'DHOME', tab: 'home' });
      const publish = await h.slack.waitFor(
        () => h.slack.callsTo('views.publish')[0],
        'the home view',
        WAIT_MS,
      );
      const view = publish.params.view as { blocks: unknown[] };
      const text = blocksText(view.blocks);
      expect(text).toContain('amazon_sales');
      expect(text).toContain('<#CWEEKLY> — At 09:00, only on Monday (IST)');
      expect(text).not.toContain('0 9 * * 1');
      const examples = buttonsOf(view.blocks).filter((b) => b.actionId.startsWith('home_ask_'));
      expect(examples.length).toBeGreaterThanOrEqual(3);
      const april = examples.find((b) => b.value === 'What was total revenue in April 2022?')!;

      await h.click({
        actionId: april.actionId,
        value: april.value,
        text: april.text,
        channel: 'DHOME',
        messageTs: '',
        user: 'UHOME',
      });
      const asked = await h.slack.waitFor(
        () =>
          h.slack
            .callsTo('chat.postMessage')
            .find((c) => c.params.channel === 'DUHOME' && !c.params.thread_ts),
        'the question in the DM',
        WAIT_MS,
      );
      expect(asked.params.text).toContain('What was total revenue in April 2022?');
      const threadTs = asked.response!.ts as string;
      const [answer] = await h.slack.waitFor(
        () => posts('DUHOME', threadTs).length >= 1 && posts('DUHOME', threadTs),
        'the answer',
        WAIT_MS,
      );
      // April 2022: ₹2,88,38,708.32.
      expect(blocksText(answer!.params.blocks)).toContain('₹2.88 Cr');
    });
  });
});
