import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/observability/logger.js';
import { MemoryKvStore } from '../../../src/state/memory-kv-store.js';
import { createThreadStore } from '../../../src/state/thread-store.js';
import { ACTION_SHOW_SQL, ACTION_DOWNLOAD_CSV } from '../../../src/slack/action-ids.js';
import {
  blocksText,
  buttonsOf,
  imageFileIds,
  PNG_MAGIC,
  startSlackHarness,
  tableOf,
  TEST_SIGNING_SECRET,
  type SlackHarness,
} from '../../e2e/slack-harness.js';
import {
  directMessageEvent,
  eventEnvelope,
  mentionEvent,
  nextTs,
  postSigned,
  slackSignature,
} from '../../helpers/slack-signing.js';
import {
  createFakeAssistant,
  ORDERS_ALTERNATIVE,
  ORDERS_BY_STATE,
  type FakeAssistant,
} from './fake-assistant.js';
import { seededSummaryThread } from '../../helpers/summary-seed.js';

/**
 * The Slack transport against the real Bolt HTTPReceiver and a fake Web API, with a fake Assistant (canned
 * answers): threading, uploads, buttons, de-duplication, signatures, the slash command and App Home.
 * test/e2e/ runs the same paths with the real assistant on data.
 */
describe('Slack transport (fake assistant)', () => {
  let h: SlackHarness;
  let assistant: FakeAssistant;
  const logger = createLogger({ level: 'silent' });

  beforeAll(async () => {
    const kv = new MemoryKvStore();
    assistant = createFakeAssistant(createThreadStore(kv, { ttlSeconds: 3600, logger }));
    h = await startSlackHarness({
      assistant,
      kv,
      schema: () => ({
        tables: [
          {
            name: 'amazon_sales',
            description: 'orders',
            rowCount: 128975,
            columns: [],
            dateRange: { column: 'order_date', from: '2022-03-31', to: '2022-06-29' },
          },
        ],
      }),
    });
  });
  afterAll(async () => h?.stop());
  beforeEach(() => {
    h.slack.reset();
    assistant.failWith = undefined;
  });

  const repliesIn = (channel: string, threadTs?: string) =>
    h.slack
      .callsTo('chat.postMessage')
      .filter(
        (c) => c.params.channel === channel && (threadTs === undefined || c.params.thread_ts === threadTs),
      );

  it('answers a mention with one message: table and chart inside it, the CSV in the thread for long results', async () => {
    const ts = nextTs();
    const res = await h.sendEvent(mentionEvent({ channel: 'C1', text: 'revenue by state', ts }));
    expect(res.status).toBe(200);
    const [reply] = await h.slack.waitFor(() => {
      const r = repliesIn('C1', ts);
      return r.length > 0 && h.slack.callsTo('files.completeUploadExternal').length >= 2 && r;
    }, 'the threaded reply and two uploads');
    expect(assistant.turns.at(-1)).toMatchObject({
      threadKey: `T0TEST:C1:${ts}`,
      text: 'revenue by state',
      userId: 'UALICE',
    });
    const text = blocksText(reply!.params.blocks);
    expect(text).toContain('revenue by state');
    expect(text).toContain('Showing 10 of 12 rows');
    expect(text).toContain('Apr 1 – Jun 29, 2022');
    // The rows once, as a table block: header labels, then 10 formatted rows.
    const table = tableOf(reply!.params.blocks)!;
    expect(table).toHaveLength(11);
    expect(table[0]).toEqual(['State', 'Revenue']);
    expect(table[1]).toEqual(['State 1', '₹12,000']);
    expect(text).not.toContain('```');
    expect(buttonsOf(reply!.params.blocks).map((b) => b.actionId)).toEqual(['show_sql', 'download_csv']);
    // Descriptive names; the chart is uploaded first, privately (no channel), and shown by the image block.
    expect(
      h.slack
        .callsTo('files.getUploadURLExternal')
        .map((c) => c.params.filename)
        .sort(),
    ).toEqual(['revenue-by-state.csv', 'revenue-by-state.png']);
    const [chartDone, csvDone] = h.slack.callsTo('files.completeUploadExternal');
    expect(chartDone!.params.channel_id).toBeUndefined();
    const chartId = (chartDone!.params.files as { id: string }[])[0]!.id;
    expect(imageFileIds(reply!.params.blocks)).toEqual([chartId]);
    expect(chartDone!.at).toBeLessThanOrEqual(reply!.at);
    expect(h.slack.uploads.find((u) => u.fileId === chartId)?.bytes.includes(PNG_MAGIC)).toBe(true);
    expect(csvDone!.params).toMatchObject({ channel_id: 'C1', thread_ts: ts });
    const csvId = (csvDone!.params.files as { id: string }[])[0]!.id;
    expect(h.slack.uploads.find((u) => u.fileId === csvId)?.bytes.toString('utf8')).toContain(
      'State 12,1000',
    );
    // One message in the thread: no file messages of their own.
    expect(repliesIn('C1', ts)).toHaveLength(1);
    // Progress reactions on the question.
    await h.slack.waitFor(() => h.slack.callsTo('reactions.add').length >= 2, 'the done reaction');
    expect(h.slack.callsTo('reactions.add').map((c) => c.params.name)).toEqual([
      'hourglass_flowing_sand',
      'white_check_mark',
    ]);
    expect(h.slack.callsTo('reactions.remove').map((c) => c.params.name)).toEqual(['hourglass_flowing_sand']);
  });

  it('continues the conversation when a later mention arrives in the same thread', async () => {
    const root = nextTs();
    await h.sendEvent(mentionEvent({ channel: 'C2', text: 'revenue in May', ts: root }));
    await h.slack.waitFor(() => repliesIn('C2', root).length === 1 && true, 'first reply');
    await h.sendEvent(mentionEvent({ channel: 'C2', text: 'and in June?', threadTs: root }));
    const replies = await h.slack.waitFor(
      () => repliesIn('C2', root).length === 2 && repliesIn('C2', root),
      'second reply',
    );
    expect(assistant.turns.at(-1)!.threadKey).toBe(`T0TEST:C2:${root}`);
    // The fake reports how much history the thread had: the follow-up saw the first exchange.
    expect(blocksText(replies[1]!.params.blocks)).toContain('(history 2)');
  });

  it('answers a retried or duplicated event once', async () => {
    const ts = nextTs();
    const event = mentionEvent({ channel: 'C3', text: 'orders by month', ts });
    const asked = assistant.turns.length;
    const first = await h.sendEvent(event);
    await h.sendEvent(event, {
      eventId: first.eventId,
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    // Same message delivered under a different event id (e.g. two subscriptions): still one answer.
    await h.sendEvent(event);
    await h.slack.waitFor(() => repliesIn('C3', ts).length >= 1, 'the reply');
    await h.slack.waitFor(() => h.slack.callsTo('reactions.add').length >= 2, 'the done reaction');
    expect(repliesIn('C3', ts)).toHaveLength(1);
    expect(assistant.turns.length).toBe(asked + 1);
  });

  it('rejects forged and stale signatures without answering', async () => {
    const { body } = eventEnvelope(mentionEvent({ channel: 'C4', text: 'revenue' }));
    const forged = await postSigned(h.url, 'not-the-secret', body, 'application/json');
    expect(forged.status).toBe(401);
    const staleTs = Math.floor(Date.now() / 1000) - 10 * 60;
    const stale = await postSigned(h.url, TEST_SIGNING_SECRET, body, 'application/json', {
      timestampSec: staleTs,
      signature: slackSignature(TEST_SIGNING_SECRET, staleTs, body),
    });
    expect(stale.status).toBe(401);
    const tampered = await postSigned(h.url, TEST_SIGNING_SECRET, body, 'application/json', {
      signature: slackSignature(
        TEST_SIGNING_SECRET,
        Math.floor(Date.now() / 1000),
        body.replace('revenue', 'refunds'),
      ),
    });
    expect(tampered.status).toBe(401);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('Show SQL and Download CSV reuse the stored answer and never ask again', async () => {
    const ts = nextTs();
    await h.sendEvent(mentionEvent({ channel: 'C5', text: 'revenue by state', ts }));
    const [reply] = await h.slack.waitFor(
      () => repliesIn('C5', ts).length === 1 && repliesIn('C5', ts),
      'reply',
    );
    const asked = assistant.turns.length;
    const sqlButton = buttonsOf(reply!.params.blocks).find((b) => b.actionId === ACTION_SHOW_SQL)!;
    const click = await h.click({
      actionId: ACTION_SHOW_SQL,
      value: sqlButton.value,
      channel: 'C5',
      messageTs: '1700000000.999999',
      threadTs: ts,
    });
    expect(click.status).toBe(200);
    const response = await h.slack.waitFor(
      () => h.slack.responses.find((r) => r.id === click.responseId),
      'SQL response',
    );
    expect(JSON.stringify(response.body)).toContain('SELECT ship_state, SUM(amount)');
    expect(response.body.response_type).toBe('ephemeral');

    const csvButton = buttonsOf(reply!.params.blocks).find((b) => b.actionId === ACTION_DOWNLOAD_CSV)!;
    const csvUploads = () =>
      h.slack.uploads.filter((u) => u.bytes.toString('utf8').includes('state,revenue'));
    // At least: the Web API client may retry an upload step on a loaded machine, which records it twice.
    await h.slack.waitFor(() => csvUploads().length >= 1, 'the automatic CSV upload');
    const beforeClick = csvUploads().length;
    await h.click({
      actionId: ACTION_DOWNLOAD_CSV,
      value: csvButton.value,
      channel: 'C5',
      messageTs: '1700000000.999999',
      threadTs: ts,
    });
    await h.slack.waitFor(() => csvUploads().length > beforeClick, 'the CSV upload of the button');
    expect(assistant.turns.length).toBe(asked);

    // A button of an older answer does not show the newer answer's SQL.
    await h.sendEvent(mentionEvent({ channel: 'C5', text: 'orders by state', threadTs: ts }));
    await h.slack.waitFor(() => repliesIn('C5', ts).length === 2, 'second reply');
    const old = await h.click({
      actionId: ACTION_SHOW_SQL,
      value: sqlButton.value,
      channel: 'C5',
      messageTs: '1700000000.999999',
      threadTs: ts,
    });
    const stale = await h.slack.waitFor(
      () => h.slack.responses.find((r) => r.id === old.responseId),
      'stale response',
    );
    expect(String(stale.body.text)).toContain('earlier answer');
  });

  it('turns a clarification into buttons that answer the chosen question in the thread', async () => {
    const ts = nextTs();
    await h.sendEvent(mentionEvent({ channel: 'C6', text: 'ambiguous numbers for May', ts }));
    const [clarify] = await h.slack.waitFor(
      () => repliesIn('C6', ts).length === 1 && repliesIn('C6', ts),
      'clarification',
    );
    const options = buttonsOf(clarify!.params.blocks);
    expect(options.map((o) => o.text)).toEqual(['Revenue', 'Orders']);
    await h.click({
      actionId: options[1]!.actionId,
      value: options[1]!.value,
      text: options[1]!.text,
      channel: 'C6',
      messageTs: '1700000000.888888',
      threadTs: ts,
      blocks: clarify!.params.blocks as unknown[],
    });
    const replies = await h.slack.waitFor(
      () => repliesIn('C6', ts).length === 2 && repliesIn('C6', ts),
      'answer to the option',
    );
    expect(assistant.turns.at(-1)).toMatchObject({
      text: 'How many orders in May 2022?',
      threadKey: `T0TEST:C6:${ts}`,
    });
    expect(blocksText(replies[1]!.params.blocks)).toContain('How many orders in May 2022?');
    const update = h.slack.callsTo('chat.update')[0]!;
    expect(blocksText(update.params.blocks)).toContain('You chose *Orders*');
    expect(buttonsOf(update.params.blocks)).toHaveLength(0);
  });

  it('a clarification option with a plan carries its id, and the click answers that plan; an unknown id has expired', async () => {
    const ts = nextTs();
    await h.sendEvent(mentionEvent({ channel: 'C13', text: 'vague numbers by state', ts }));
    const [clarify] = await h.slack.waitFor(
      () => repliesIn('C13', ts).length === 1 && repliesIn('C13', ts),
      'clarification',
    );
    const options = buttonsOf(clarify!.params.blocks);
    expect(options).toEqual([
      { actionId: 'pick_option_0', value: ORDERS_ALTERNATIVE.id, text: ORDERS_ALTERNATIVE.label },
    ]);
    const asked = assistant.turns.length;
    await h.click({
      actionId: options[0]!.actionId,
      value: options[0]!.value,
      text: options[0]!.text,
      channel: 'C13',
      messageTs: clarify!.response!.ts as string,
      threadTs: ts,
      blocks: clarify!.params.blocks as unknown[],
    });
    const replies = await h.slack.waitFor(
      () => repliesIn('C13', ts).length === 2 && repliesIn('C13', ts),
      'the answer to the option',
    );
    expect(assistant.turns.at(-1)).toEqual({
      threadKey: `T0TEST:C13:${ts}`,
      text: ORDERS_ALTERNATIVE.label,
      userId: expect.any(String),
      plan: ORDERS_BY_STATE,
    });
    expect(blocksText(replies[1]!.params.blocks)).toContain('Read as: orders · by state · all dates');
    const update = h.slack.callsTo('chat.update').find((u) => u.params.ts === clarify!.response!.ts)!;
    expect(blocksText(update.params.blocks)).toContain(`You chose *${ORDERS_ALTERNATIVE.label}*`);

    // An id the thread no longer has (an older answer's option, pushed out): told so by its label, nothing asked.
    const outdated = await h.click(
      {
        actionId: 'pick_option_0',
        value: 'alt-unknown0000',
        text: 'By category',
        channel: 'C13',
        messageTs: '1700000000.666666',
        threadTs: ts,
      },
      'outdated-option',
    );
    const told = await h.slack.waitFor(
      () => h.slack.responses.find((r) => r.id === outdated.responseId),
      'the outdated response',
    );
    expect(String(told.body.text)).toContain('"By category" belongs to an older answer in this thread');
    // A thread forgotten altogether: the option has expired.
    const expired = await h.click(
      {
        actionId: 'pick_option_0',
        value: 'alt-unknown0000',
        text: 'By category',
        channel: 'C13',
        messageTs: '1700000000.777777',
        threadTs: '1600000000.000001',
      },
      'expired-option',
    );
    const response = await h.slack.waitFor(
      () => h.slack.responses.find((r) => r.id === expired.responseId),
      'the expired response',
    );
    expect(String(response.body.text)).toContain('That option has expired');
    expect(assistant.turns.length).toBe(asked + 1);
  });

  it('"Not what I meant" posts the stored alternatives as buttons, and one answers its plan directly', async () => {
    const ts = nextTs();
    await h.sendEvent(mentionEvent({ channel: 'C11', text: 'misread revenue by state', ts }));
    const [reply] = await h.slack.waitFor(
      () => repliesIn('C11', ts).length === 1 && repliesIn('C11', ts),
      'the answer',
    );
    expect(blocksText(reply!.params.blocks)).toContain('Read as: revenue · by state · all dates');
    const notMeant = buttonsOf(reply!.params.blocks).find((b) => b.actionId === 'not_what_i_meant')!;
    const asked = assistant.turns.length;
    await h.click({
      actionId: notMeant.actionId,
      value: notMeant.value,
      text: notMeant.text,
      channel: 'C11',
      messageTs: reply!.response!.ts as string,
      threadTs: ts,
    });
    const [, picker] = await h.slack.waitFor(
      () => repliesIn('C11', ts).length === 2 && repliesIn('C11', ts),
      'the alternatives',
    );
    // Showing the alternatives asks nothing.
    expect(assistant.turns.length).toBe(asked);
    expect(blocksText(picker!.params.blocks)).toContain('Did you mean one of these?');
    const options = buttonsOf(picker!.params.blocks);
    expect(options).toEqual([
      { actionId: 'pick_reading_0', value: ORDERS_ALTERNATIVE.id, text: ORDERS_ALTERNATIVE.label },
    ]);
    await h.click({
      actionId: options[0]!.actionId,
      value: options[0]!.value,
      text: options[0]!.text,
      channel: 'C11',
      messageTs: picker!.response!.ts as string,
      threadTs: ts,
      blocks: picker!.params.blocks as unknown[],
    });
    const replies = await h.slack.waitFor(
      () => repliesIn('C11', ts).length === 3 && repliesIn('C11', ts),
      'the answer for the alternative',
    );
    expect(assistant.turns.at(-1)).toMatchObject({
      threadKey: `T0TEST:C11:${ts}`,
      text: ORDERS_ALTERNATIVE.label,
      plan: ORDERS_BY_STATE,
    });
    expect(blocksText(replies[2]!.params.blocks)).toContain('Read as: orders · by state · all dates');
    const update = h.slack.callsTo('chat.update').find((u) => u.params.ts === picker!.response!.ts)!;
    expect(blocksText(update.params.blocks)).toContain(`You chose *${ORDERS_ALTERNATIVE.label}*`);
    expect(buttonsOf(update.params.blocks)).toHaveLength(0);

    // The picker of an older answer no longer matches the thread's last answer: nothing is asked.
    const stale = await h.click(
      {
        actionId: options[0]!.actionId,
        value: options[0]!.value,
        channel: 'C11',
        messageTs: '1700000000.777777',
        threadTs: ts,
      },
      'stale-pick',
    );
    const response = await h.slack.waitFor(
      () => h.slack.responses.find((r) => r.id === stale.responseId),
      'the stale response',
    );
    expect(String(response.body.text)).toContain('earlier answer');
    expect(assistant.turns.length).toBe(asked + 1);
  });

  it('"Not what I meant" without alternatives asks the user to rephrase in the thread', async () => {
    const ts = nextTs();
    await h.sendEvent(mentionEvent({ channel: 'C12', text: 'unsure revenue by state', ts }));
    const [reply] = await h.slack.waitFor(
      () => repliesIn('C12', ts).length === 1 && repliesIn('C12', ts),
      'the answer',
    );
    const notMeant = buttonsOf(reply!.params.blocks).find((b) => b.actionId === 'not_what_i_meant')!;
    await h.click({
      actionId: notMeant.actionId,
      value: notMeant.value,
      channel: 'C12',
      messageTs: reply!.response!.ts as string,
      threadTs: ts,
    });
    const [, prompt] = await h.slack.waitFor(
      () => repliesIn('C12', ts).length === 2 && repliesIn('C12', ts),
      'the prompt to rephrase',
    );
    expect(blocksText(prompt!.params.blocks)).toMatch(/in other words/);
    expect(buttonsOf(prompt!.params.blocks)).toHaveLength(0);
  });

  it('answers direct messages as one running conversation and ignores bot messages', async () => {
    await h.sendEvent(directMessageEvent({ channel: 'D1', text: 'revenue in April' }));
    await h.sendEvent(directMessageEvent({ channel: 'D1', text: 'and May?' }));
    await h.sendEvent({
      ...directMessageEvent({ channel: 'D1', text: 'I am a bot' }),
      bot_id: 'B999',
      subtype: 'bot_message',
    });
    const replies = await h.slack.waitFor(
      () => repliesIn('D1').length === 2 && repliesIn('D1'),
      'two DM replies',
    );
    expect(replies.every((r) => r.params.thread_ts === undefined)).toBe(true);
    expect(blocksText(replies[1]!.params.blocks)).toContain('(history 2)');
    expect(assistant.turns.filter((t) => t.threadKey === 'T0TEST:D1:main')).toHaveLength(2);
  });

  it('tells the user, with a reference id, when answering fails', async () => {
    assistant.failWith = new Error('boom: connection reset by DuckDB');
    const ts = nextTs();
    await h.sendEvent(mentionEvent({ channel: 'C7', text: 'revenue', ts }));
    const [reply] = await h.slack.waitFor(
      () => repliesIn('C7', ts).length === 1 && repliesIn('C7', ts),
      'error reply',
    );
    expect(String(reply!.params.text)).toMatch(
      /Sorry, I couldn't answer that\. .*reference: `ERR-[0-9A-F]{8}`/,
    );
    expect(String(reply!.params.text)).not.toContain('boom');
    await h.slack.waitFor(
      () => h.slack.callsTo('reactions.add').some((c) => c.params.name === 'warning'),
      'warning reaction',
    );
  });

  it('shows an injected <!channel> in data and model prose as text, never as a mention', async () => {
    const ts = nextTs();
    await h.sendEvent(mentionEvent({ channel: 'C21', text: 'injected customer names', ts }));
    const [reply] = await h.slack.waitFor(() => {
      const r = repliesIn('C21', ts);
      return r.length > 0 && r;
    }, 'the answer');
    const blocks = reply!.params.blocks as { type: string }[];
    // mrkdwn (headline, insights, the notification text) is escaped: Slack shows &lt;!channel&gt; as <!channel>.
    const mrkdwn = JSON.stringify(blocks.filter((b) => b.type !== 'table')) + String(reply!.params.text);
    expect(mrkdwn).not.toMatch(/<!channel>|<!here>|<@UBOSS>|<https:/);
    expect(String(reply!.params.text)).toBe('&lt;!channel&gt; Traders leads with ₹1,000');
    expect(blocksText(blocks)).toContain(
      '&lt;!here&gt; see &lt;https://evil.example|this&gt; &amp; ask &lt;@UBOSS&gt;',
    );
    // The table's cells are raw_text, which Slack never parses: the names appear exactly as the data has them.
    expect(
      tableOf(blocks)!
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['<!channel> Traders', '<@UBOSS> & Co']);
  });

  it('/retail-summary acks with an ephemeral line, then posts the summary with its PNG in the thread and seeds it', async () => {
    const res = await h.sendCommand('2022-06 category=Kurta', 'C8');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.parse(res.body).text).toContain('Working on the summary for 2022-06 (category = Kurta)');
    const [post] = await h.slack.waitFor(() => {
      const p = repliesIn('C8');
      return p.length > 0 && p;
    }, 'summary post and upload');
    expect(post!.params.thread_ts).toBeUndefined();
    expect(blocksText(post!.params.blocks)).toContain('Sales summary — Jun 20 – Jun 26, 2022');
    expect(blocksText(post!.params.blocks)).toContain('Filtered by category = Kurta');
    expect(assistant.summaries.at(-1)).toMatchObject({
      period: '2022-06',
      filters: [{ dimension: 'category', values: ['Kurta'] }],
    });
    // The dashboard is inside the summary message, as an image block of the uploaded PNG.
    const [fileId] = imageFileIds(post!.params.blocks);
    expect(fileId).toBeDefined();
    const upload = h.slack.uploads.find((u) => u.fileId === fileId);
    expect(upload?.bytes.includes(PNG_MAGIC)).toBe(true);
    const threadTs = post!.response!.ts as string;
    const seeded = await seededSummaryThread(h.threads, `T0TEST:C8:${threadTs}`);
    expect(seeded?.summaryContext?.period).toEqual({
      from: '2022-06-20',
      to: '2022-06-26',
      label: 'Jun 20 – Jun 26, 2022',
    });
  });

  it('the scheduler’s poster hands its own week to the Assistant, which seeds the posted thread', async () => {
    const week = { from: '2022-06-13', to: '2022-06-19', label: 'week of 2022-06-13 to 2022-06-19' };
    const posted = await h.running.summaryPoster.post('C8B', {
      key: '2022-06-13..2022-06-19',
      timeRange: week,
    });
    expect(assistant.summaries.at(-1)).toEqual({ period: 'week', window: { period: week }, chart: true });
    expect(posted.threadKey).toBe(`T0TEST:C8B:${posted.ts}`);
    // The fake answers every summary for Jun 20–26: what the thread remembers is the answer the Assistant gave.
    const seeded = await h.threads.get(posted.threadKey);
    expect(seeded?.summaryContext?.period.from).toBe('2022-06-20');
    expect(seeded?.messages[0]?.text).toContain('Revenue ₹1.2 Cr, down 3.0% week over week.');
  });

  it('/retail-summary help and a bad option get helpful ephemeral messages', async () => {
    const help = await h.sendCommand('help', 'C9');
    expect(JSON.parse(help.body).text).toContain('/retail-summary subscribe');
    const bad = await h.sendCommand('last-fortnight', 'C9');
    expect(JSON.parse(bad.body).text).toContain("I don't understand `last-fortnight`");
    expect(repliesIn('C9')).toHaveLength(0);
  });

  it('subscribes, lists and unsubscribes a channel, and rejects a bad cron', async () => {
    const sub = await h.sendCommand('subscribe 0 8 * * 1', 'C10');
    expect(JSON.parse(sub.body).text).toContain('Subscribed');
    const list = await h.sendCommand('subscriptions', 'C10');
    expect(JSON.parse(list.body).text).toContain('<#C10> — `0 8 * * 1`');
    const bad = await h.sendCommand('subscribe every monday', 'C10');
    expect(JSON.parse(bad.body).text).toContain('is not a schedule I can use');
    const unsub = await h.sendCommand('unsubscribe', 'C10');
    expect(JSON.parse(unsub.body).text).toContain('Unsubscribed');
    const again = await h.sendCommand('unsubscribe', 'C10');
    expect(JSON.parse(again.body).text).toContain('no scheduled summary');
  });

  it('gives the summary to the user privately when the bot is not in the channel', async () => {
    h.slack.failNext('chat.postMessage', { error: 'not_in_channel' });
    const res = await h.sendCommand('', 'C11');
    const response = await h.slack.waitFor(
      () => h.slack.responses.find((r) => r.id === res.responseId),
      'fallback response',
    );
    expect(String(response.body.text)).toContain('/invite @Retail Insights');
    expect(blocksText(response.body.blocks)).toContain('Revenue ₹1.2 Cr');
  });

  it('publishes App Home with the data coverage', async () => {
    await h.sendEvent({ type: 'app_home_opened', user: 'UALICE', channel: 'D1', tab: 'home' });
    const [publish] = await h.slack.waitFor(
      () => h.slack.callsTo('views.publish').length > 0 && h.slack.callsTo('views.publish'),
      'views.publish',
    );
    expect(publish!.params.user_id).toBe('UALICE');
    const text = blocksText(publish!.params.view);
    expect(text).toContain('`amazon_sales` — 1,28,975 rows, 2022-03-31 to 2022-06-29');
    expect(text).toContain('Top 5 states by revenue');
  });
});
