import { existsSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alternative } from '../../src/agent/answer.js';
import { alternativeId } from '../../src/agent/understanding/reading.js';
import { runCli } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/config.js';
import { createServices, type Services } from '../../src/main.js';
import { createLogger } from '../../src/observability/logger.js';
import { runSlackServer } from '../../src/server.js';
import { startRedisServer, type RedisServerHandle } from '../helpers/redis-server.js';
import {
  channelMessageEvent,
  eventEnvelope,
  mentionEvent,
  nextTs,
  postSigned,
} from '../helpers/slack-signing.js';
import {
  blocksText,
  buttonsOf,
  finishedMessages,
  imageFileIds,
  PNG_MAGIC,
  startSlackHarness,
  tableOf,
  type SlackHarness,
} from './slack-harness.js';
import { seededSummaryThread } from '../helpers/summary-seed.js';

/**
 * End to end: the real Bolt app in HTTP mode on 127.0.0.1, the REAL assistant on the Kaggle data, thread
 * memory and de-duplication in a real redis-server, and a fake Slack Web API that records every call.
 */
const DATA_DIR = new URL('../../../shared/datasets/ecommerce-sales/', import.meta.url).pathname;
const hasData = existsSync(DATA_DIR);
if (!hasData) console.warn(`Skipping the Slack e2e suite: ${DATA_DIR} is absent (CI has it).`);

// Generous deadlines: the machine is shared and the first chart render warms vega up; waits poll, never sleep.
const WAIT_MS = 150_000;

describe.skipIf(!hasData)(
  'Slack app end to end (real assistant, real Redis, fake Slack)',
  { timeout: 180_000 },
  () => {
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

    // The bot's finished messages (posted, or streamed and stopped), as they read now.
    const replies = (channel: string, threadTs?: string) => finishedMessages(h.slack, channel, threadTs);
    const waitReplies = (channel: string, threadTs: string | undefined, n: number, what: string) =>
      h.slack.waitFor(
        () => replies(channel, threadTs).length >= n && replies(channel, threadTs),
        what,
        WAIT_MS,
      );

    it('answers a mention with one message: the right numbers in a table block and the uploaded chart as an image', async () => {
      const ts = nextTs();
      const res = await h.sendEvent(mentionEvent({ channel: 'CE1', text: 'revenue by month', ts }));
      expect(res.status).toBe(200);
      const [reply] = await waitReplies('CE1', ts, 1, 'the answer');
      const blocks = reply!.params.blocks;
      // Public figures for this data: April ₹2,88,38,708.32, May ₹2,62,26,476.75, June ₹2,34,25,809.38.
      const table = tableOf(blocks)!;
      expect(table[0]).toEqual(['Month', 'Revenue']);
      const cells = table.slice(1).flat();
      expect(cells).toEqual(expect.arrayContaining(['₹2.88 Cr', '₹2.62 Cr', '₹2.34 Cr']));
      expect(blocksText(blocks)).not.toContain('```');
      expect(buttonsOf(blocks).map((b) => b.actionId)).toContain('show_sql');
      // The chart was uploaded before the post, shared nowhere, and the message shows it by file id.
      const [fileId] = imageFileIds(blocks);
      const complete = h.slack
        .callsTo('files.completeUploadExternal')
        .find((c) => (c.params.files as { id: string }[])[0]!.id === fileId);
      expect(complete?.params.channel_id).toBeUndefined();
      expect(complete!.at).toBeLessThanOrEqual(reply!.at);
      const upload = h.slack
        .callsTo('files.getUploadURLExternal')
        .find((c) => c.response?.file_id === fileId);
      expect(upload?.params.filename).toBe('revenue-by-month-all-dates-31-mar-29-jun-2022.png');
      expect(h.slack.uploads.find((u) => u.fileId === fileId)?.bytes.includes(PNG_MAGIC)).toBe(true);
      // One message in the thread: no chart.png or result.csv messages after it.
      expect(replies('CE1', ts)).toHaveLength(1);
      expect(h.slack.callsTo('files.completeUploadExternal').some((c) => c.params.thread_ts === ts)).toBe(
        false,
      );
    });

    it('uses thread memory for a follow-up in the same thread', async () => {
      const ts = nextTs();
      await h.sendEvent(mentionEvent({ channel: 'CE2', text: 'total revenue in April 2022', ts }));
      const [first] = await waitReplies('CE2', ts, 1, 'first answer');
      expect(blocksText(first!.params.blocks)).toContain('₹2.88 Cr');
      await h.sendEvent(mentionEvent({ channel: 'CE2', text: 'and in May?', threadTs: ts }));
      const both = await waitReplies('CE2', ts, 2, 'follow-up answer');
      const followUp = blocksText(both[1]!.params.blocks);
      expect(followUp).toContain('₹2.62 Cr');
      expect(followUp).toContain('2022-05-01');
    });

    it('follows up on an unmentioned reply in its thread, and stays out of chatter and other threads', async () => {
      const ts = nextTs();
      await h.sendEvent(mentionEvent({ channel: 'CE10', text: 'total revenue in April 2022', ts }));
      await waitReplies('CE10', ts, 1, 'first answer');
      // Chatter and a note to a colleague in the bot's thread; a question in a thread the bot never answered in.
      const elsewhere = nextTs();
      await h.sendEvent(
        channelMessageEvent({ channel: 'CE10', text: 'thanks, that is great!', threadTs: ts }),
      );
      await h.sendEvent(
        channelMessageEvent({ channel: 'CE10', text: '<@UPRIYA> can you check June?', threadTs: ts }),
      );
      await h.sendEvent(
        channelMessageEvent({ channel: 'CE10', text: 'revenue in May 2022', threadTs: elsewhere }),
      );
      // A real follow-up without a mention: answered in the thread, building on April's plan.
      const followUpTs = nextTs();
      await h.sendEvent(
        channelMessageEvent({ channel: 'CE10', text: 'and in May?', threadTs: ts, ts: followUpTs }),
      );
      const both = await waitReplies('CE10', ts, 2, 'the unmentioned follow-up');
      const followUp = blocksText(both[1]!.params.blocks);
      expect(followUp).toContain('₹2.62 Cr');
      expect(followUp).toContain('2022-05-01');
      // Only that one: no reply to the chatter, the colleague's note, or the thread the bot is not part of.
      await h.sendEvent(mentionEvent({ channel: 'CE10', text: 'total revenue in June 2022', threadTs: ts }));
      const three = await waitReplies('CE10', ts, 3, 'the next mention');
      expect(three).toHaveLength(3);
      expect(blocksText(three[2]!.params.blocks)).toContain('₹2.34 Cr');
      expect(replies('CE10', elsewhere)).toHaveLength(0);
      // No progress reaction was put on an unmentioned message.
      expect(h.slack.callsTo('reactions.add').some((c) => c.params.timestamp === followUpTs)).toBe(false);
    });

    it('says how it read the question, and "Not what I meant" then an alternative answers that plan', async () => {
      const ts = nextTs();
      await h.sendEvent(mentionEvent({ channel: 'CE11', text: 'total revenue in May 2022', ts }));
      const [reply] = await waitReplies('CE11', ts, 1, 'the answer');
      const text = blocksText(reply!.params.blocks);
      expect(text).toContain('Read as: revenue · May 2022');
      expect(text).toContain('₹2.62 Cr');
      const notMeant = buttonsOf(reply!.params.blocks).find((b) => b.actionId === 'not_what_i_meant');
      expect(notMeant?.text).toBe('Not what I meant');

      // The alternatives live with the thread's last answer. Seed one the way the planner's next-best reading
      // arrives (the planner may not offer any yet): the same question for June.
      const threadKey = `T0TEST:CE11:${ts}`;
      const state = (await h.threads.get(threadKey))!;
      const stored = state.lastAnswer!;
      const junePlan = {
        ...stored.plan!,
        timeRange: { from: '2022-06-01', to: '2022-06-30', label: 'June 2022' },
      };
      const june: Alternative = { id: alternativeId(junePlan), label: 'revenue · June 2022', plan: junePlan };
      stored.alternatives = [june, ...(stored.alternatives ?? []).filter((a) => a.id !== june.id)];
      await h.threads.save(threadKey, state);

      await h.click({
        actionId: notMeant!.actionId,
        value: notMeant!.value,
        text: notMeant!.text,
        channel: 'CE11',
        messageTs: reply!.response!.ts as string,
        threadTs: ts,
        blocks: reply!.params.blocks as unknown[],
      });
      const [, picker] = await waitReplies('CE11', ts, 2, 'the alternatives');
      expect(blocksText(picker!.params.blocks)).toContain('Did you mean one of these?');
      const option = buttonsOf(picker!.params.blocks).find((b) => b.value === june.id)!;
      // The button carries the alternative's id, never words to read again.
      expect(option).toMatchObject({
        actionId: expect.stringMatching(/^pick_reading_\d+$/),
        text: june.label,
      });

      await h.click({
        actionId: option.actionId,
        value: option.value,
        text: option.text,
        channel: 'CE11',
        messageTs: picker!.response!.ts as string,
        threadTs: ts,
        blocks: picker!.params.blocks as unknown[],
      });
      const all = await waitReplies('CE11', ts, 3, 'the answer for the alternative');
      const answer = blocksText(all[2]!.params.blocks);
      // June 2022: ₹2,34,25,809.38.
      expect(answer).toContain('₹2.34 Cr');
      expect(answer).toContain('Read as: revenue · June 2022');
      const after = await h.threads.get(threadKey);
      expect(after?.lastPlan?.timeRange?.from).toBe('2022-06-01');
    });

    it('offers clarification buttons and answers the chosen one in the thread', async () => {
      const ts = nextTs();
      await h.sendEvent(mentionEvent({ channel: 'CE3', text: 'best performing category', ts }));
      const [clarify] = await waitReplies('CE3', ts, 1, 'clarification');
      const options = buttonsOf(clarify!.params.blocks).filter((b) => /^(ask|pick)_option_/.test(b.actionId));
      expect(options.length).toBeGreaterThanOrEqual(2);
      expect(blocksText(clarify!.params.blocks)).not.toMatch(/₹\d/);
      const revenue = options.find((o) => /revenue/i.test(o.text)) ?? options[0]!;
      const click = await h.click({
        actionId: revenue.actionId,
        value: revenue.value,
        text: revenue.text,
        channel: 'CE3',
        messageTs: clarify!.response!.ts as string,
        threadTs: ts,
        blocks: clarify!.params.blocks as unknown[],
      });
      expect(click.status).toBe(200);
      const both = await waitReplies('CE3', ts, 2, 'the chosen answer');
      expect(blocksText(both[1]!.params.blocks)).toMatch(/Set/);
      expect(h.slack.callsTo('chat.update').some((u) => u.params.ts === clarify!.response!.ts)).toBe(true);
    });

    it("a clarification option carries its id, and clicking it answers that option's plan, not its words", async () => {
      const ts = nextTs();
      await h.sendEvent(mentionEvent({ channel: 'CE12', text: 'top 5 states', ts }));
      const [clarify] = await waitReplies('CE12', ts, 1, 'the clarification');
      expect(blocksText(clarify!.params.blocks)).not.toMatch(/₹\d/);
      const threadKey = `T0TEST:CE12:${ts}`;
      const pending = (await h.threads.get(threadKey))?.pendingOptions ?? [];
      const orders = pending.find((o) => o.plan.metrics[0] === 'orders')!;
      expect(orders).toMatchObject({ label: expect.stringMatching(/^Orders · top 5 states/) });
      expect(orders.id).toBe(alternativeId(orders.plan));
      const button = buttonsOf(clarify!.params.blocks).find((b) => b.value === orders.id)!;
      // The button carries the option's id, never the English to read again.
      expect(button).toMatchObject({
        actionId: expect.stringMatching(/^pick_option_\d+$/),
        text: orders.label,
      });

      await h.click({
        actionId: button.actionId,
        value: button.value,
        text: button.text,
        channel: 'CE12',
        messageTs: clarify!.response!.ts as string,
        threadTs: ts,
        blocks: clarify!.params.blocks as unknown[],
      });
      const both = await waitReplies('CE12', ts, 2, 'the answer for the option');
      const answer = blocksText(both[1]!.params.blocks);
      expect(answer).toContain('Read as: orders · top 5 states');
      expect(answer).toContain('Maharashtra');
      // Answered as the option's plan exactly (its English, "Busiest by state", would have lost the top 5), and the
      // thread's history has the option's label as the turn.
      const after = await h.threads.get(threadKey);
      expect(after?.lastAnswer?.plan).toEqual(orders.plan);
      expect(after?.lastPlan).toEqual(orders.plan);
      expect(after?.messages.at(-2)).toMatchObject({ role: 'user', text: orders.label });
      expect(h.slack.callsTo('chat.update').some((u) => u.params.ts === clarify!.response!.ts)).toBe(true);
    });

    it("a follow-up suggestion carries an option id, and clicking it answers the suggestion's plan", async () => {
      const ts = nextTs();
      await h.sendEvent(mentionEvent({ channel: 'CE13', text: 'total revenue in May 2022', ts }));
      const [reply] = await waitReplies('CE13', ts, 1, 'the answer');
      const threadKey = `T0TEST:CE13:${ts}`;
      const byCategory = (await h.threads.get(threadKey))?.pendingOptions?.find(
        (o) => o.label === 'By category',
      );
      expect(byCategory?.plan).toMatchObject({
        metrics: ['revenue'],
        groupBy: ['category'],
        filters: [],
        timeRange: { from: '2022-05-01', to: '2022-05-31' },
      });
      const button = buttonsOf(reply!.params.blocks).find((b) => b.text === 'By category')!;
      // The button sends the option's id back, never "Revenue by category in May 2022" to be read again.
      expect(button).toMatchObject({
        actionId: expect.stringMatching(/^pick_option_\d+$/),
        value: byCategory!.id,
      });

      await h.click({
        actionId: button.actionId,
        value: button.value,
        text: button.text,
        channel: 'CE13',
        messageTs: reply!.response!.ts as string,
        threadTs: ts,
        blocks: reply!.params.blocks as unknown[],
      });
      const both = await waitReplies('CE13', ts, 2, 'the answer to the suggestion');
      const answer = blocksText(both[1]!.params.blocks);
      expect(answer).toContain('Read as: revenue · by category · May 2022');
      expect(tableOf(both[1]!.params.blocks)![0]).toEqual(['Category', 'Revenue']);
      const after = await h.threads.get(threadKey);
      expect(after?.lastAnswer?.plan).toEqual(byCategory!.plan);
      expect(after?.messages.at(-2)).toMatchObject({ role: 'user', text: 'By category' });
    });

    it("a summary post's suggestion answers its plan in the summary's thread", async () => {
      const posted = await h.running.summaryPoster.post('CE14', {
        key: 'suggestion-period',
        timeRange: { from: '2022-06-20', to: '2022-06-26', label: 'week of 2022-06-20 to 2022-06-26' },
        compareTo: { from: '2022-06-13', to: '2022-06-19', label: 'the week of 2022-06-13 to 2022-06-19' },
      });
      const [post] = await waitReplies('CE14', undefined, 1, 'the summary post');
      const seeded = await seededSummaryThread(h.threads, posted.threadKey);
      const why = seeded?.pendingOptions?.find((o) => /^Why did .+ change\?$/.test(o.label));
      expect(why?.plan).toMatchObject({
        groupBy: ['state'],
        timeRange: { from: '2022-06-20', to: '2022-06-26' },
        compareTo: 'previous_period',
      });
      const button = buttonsOf(post!.params.blocks).find((b) => b.value === why!.id)!;
      expect(button.actionId).toMatch(/^pick_option_\d+$/);
      await h.click({
        actionId: button.actionId,
        value: button.value,
        text: button.text,
        channel: 'CE14',
        messageTs: posted.ts,
        blocks: post!.params.blocks as unknown[],
      });
      const [answer] = await waitReplies('CE14', posted.ts, 1, 'the answer to the suggestion');
      expect(blocksText(answer!.params.blocks)).toContain('Maharashtra');
      expect((await h.threads.get(posted.threadKey))?.lastAnswer?.plan).toEqual(why!.plan);
    });

    it('acks /retail-summary at once, posts the summary with its dashboard in the thread, and answers follow-ups there', async () => {
      const ack = await h.sendCommand('', 'CE4');
      expect(ack.status).toBe(200);
      expect(JSON.parse(ack.body)).toMatchObject({ response_type: 'ephemeral' });
      expect(JSON.parse(ack.body).text).toContain('Working on the summary');
      const [post] = await waitReplies('CE4', undefined, 1, 'the summary post');
      expect(post!.params.thread_ts).toBeUndefined();
      const summaryText = blocksText(post!.params.blocks);
      expect(summaryText).toContain('Sales summary');
      expect(summaryText).toMatch(/Revenue/);
      const postTs = post!.response!.ts as string;
      // The dashboard is inside the summary message.
      const [fileId] = imageFileIds(post!.params.blocks);
      expect(h.slack.uploads.find((u) => u.fileId === fileId)?.bytes.includes(PNG_MAGIC)).toBe(true);

      const seeded = await seededSummaryThread(h.threads, `T0TEST:CE4:${postTs}`);
      expect(seeded?.summaryContext?.period.from).toMatch(/^2022-/);
      await h.sendEvent(mentionEvent({ channel: 'CE4', text: 'why did Kurta drop?', threadTs: postTs }));
      const [followUp] = await waitReplies('CE4', postTs, 1, 'the follow-up in the summary thread');
      const followText = blocksText(followUp!.params.blocks);
      expect(followText).toMatch(/Kurta/i);
      // The follow-up is about the summary's week, not the whole data set.
      expect(followText).toContain(seeded!.summaryContext!.period.from);
    });

    it('posts the scheduled weekly summary through the poster the scheduler calls', async () => {
      const posted = await h.running.summaryPoster.post('CE8', {
        key: 'scheduler-period',
        timeRange: { from: '2022-06-20', to: '2022-06-26', label: 'week of 2022-06-20 to 2022-06-26' },
      });
      const [post] = await waitReplies('CE8', undefined, 1, 'the weekly post');
      expect(post!.response!.ts).toBe(posted.ts);
      expect(blocksText(post!.params.blocks)).toContain('2022-06-20');
      expect(imageFileIds(post!.params.blocks)).toHaveLength(1);
      expect((await h.threads.get(posted.threadKey))?.summaryContext?.period.from).toBe('2022-06-20');
    });

    it('`retail-insights summary --post CHANNEL` posts one now through the Web API', async () => {
      const out: string[] = [];
      const sink = new Writable({
        write(chunk: Buffer, _enc, done) {
          out.push(chunk.toString('utf8'));
          done();
        },
      });
      const code = await runCli(
        ['summary', '--post', 'CE9', '--period', '2022-05'],
        { stdout: sink, stderr: sink, stdin: Readable.from([]), interactive: false },
        {
          DATA_DIR,
          REDIS_URL: redis.url,
          LOG_LEVEL: 'silent',
          SLACK_BOT_TOKEN: 'xoxb-test',
          SLACK_API_URL: h.slack.apiUrl,
        },
      );
      expect(code, out.join('')).toBe(0);
      const [post] = await waitReplies('CE9', undefined, 1, 'the CLI post');
      expect(blocksText(post!.params.blocks)).toContain('May 2022');
      expect(out.join('')).toContain('Posted the summary to CE9');
    });

    it('answers a duplicated and retried event once', async () => {
      const ts = nextTs();
      const event = mentionEvent({ channel: 'CE5', text: 'orders in June 2022', ts });
      const { body, eventId } = eventEnvelope(event);
      const secret = 'test-signing-secret-0123456789abcdef';
      await Promise.all([
        postSigned(h.url, secret, body, 'application/json'),
        postSigned(h.url, secret, body, 'application/json', {
          headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
        }),
      ]);
      await h.sendEvent(event, {
        eventId,
        headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' },
      });
      await waitReplies('CE5', ts, 1, 'the answer');
      await h.slack.waitFor(
        () =>
          h.slack
            .callsTo('reactions.add')
            .some((c) => c.params.timestamp === ts && c.params.name === 'white_check_mark'),
        'the done reaction',
        WAIT_MS,
      );
      expect(replies('CE5', ts)).toHaveLength(1);
    });

    it('serves the health routes next to the Slack endpoint, ready once warmed up, and shuts down gracefully', async () => {
      // The start-up work (data profile) held open: the instance is alive but must not take traffic yet.
      let finishWarmUp!: () => void;
      const warmUpGate = new Promise<void>((resolve) => (finishWarmUp = resolve));
      const server = await runSlackServer(
        {
          ...services,
          assistant: { ...services.assistant, warmUp: () => warmUpGate },
          config: {
            ...services.config,
            SLACK_BOT_TOKEN: 'xoxb-test',
            SLACK_SIGNING_SECRET: 'another-secret',
            SLACK_API_URL: h.slack.apiUrl,
            PORT: 0,
            HOST: '127.0.0.1',
            SUMMARY_CHANNELS: [],
          },
          // The suite's services stay open for the other tests.
          close: async () => undefined,
        },
        { installSignalHandlers: false },
      );
      const base = server.running.url!.replace('/slack/events', '');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const warming = await fetch(`${base}/readyz`);
      expect(warming.status).toBe(503);
      expect(await warming.json()).toMatchObject({ checks: { warehouse: 'loading' } });
      finishWarmUp();
      await server.warmedUp;
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status, await ready.clone().text()).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', checks: { redis: 'ok' } });
      // REDIS_URL is set and Redis goes away: readiness says so (degraded, still in service), never "absent".
      await redis.pause();
      try {
        let body: { status?: string; checks?: { redis?: string } } = {};
        for (let attempt = 0; attempt < 50 && body.checks?.redis !== 'down'; attempt++) {
          const res = await fetch(`${base}/readyz`);
          expect(res.status).toBe(200);
          body = (await res.json()) as typeof body;
          if (body.checks?.redis !== 'down') await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(body).toMatchObject({ status: 'degraded', checks: { redis: 'down' } });
      } finally {
        await redis.restart();
      }
      const report = await server.shutdown('test');
      expect(report.completed).toEqual(expect.arrayContaining(['slack', 'scheduler']));
      await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    });

    it('rejects a forged signature', async () => {
      const { body } = eventEnvelope(mentionEvent({ channel: 'CE6', text: 'revenue' }));
      const res = await postSigned(h.url, 'forged-secret', body, 'application/json');
      expect(res.status).toBe(401);
      expect(replies('CE6')).toHaveLength(0);
    });

    it('keeps answering while Redis is down', async () => {
      await redis.pause();
      try {
        const ts = nextTs();
        await h.sendEvent(mentionEvent({ channel: 'CE7', text: 'total revenue in June 2022', ts }));
        const [reply] = await waitReplies('CE7', ts, 1, 'an answer without Redis');
        expect(blocksText(reply!.params.blocks)).toContain('₹2.34 Cr');
      } finally {
        await redis.restart();
      }
      const ts = nextTs();
      await h.sendEvent(mentionEvent({ channel: 'CE7', text: 'total revenue in May 2022', ts }));
      const [after] = await waitReplies('CE7', ts, 1, 'an answer after Redis is back');
      expect(blocksText(after!.params.blocks)).toContain('₹2.62 Cr');
    });
  },
);
