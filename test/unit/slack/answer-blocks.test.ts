import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/agent/answer.js';
import type { Plan } from '../../../src/semantic/plan.js';
import {
  alternativesMessage,
  answerBlocks,
  MAX_TABLE_ROWS,
} from '../../../src/slack/blocks/answer-blocks.js';
import { summaryBlocks } from '../../../src/slack/blocks/summary-blocks.js';
import { LIMITS } from '../../../src/slack/blocks/kit.js';
import { textTable, toCsv } from '../../../src/slack/blocks/result-table.js';
import { locateThread } from '../../../src/slack/thread-key.js';
import { stripMentions } from '../../../src/slack/listeners/events.js';
import { answerFileName } from '../../../src/slack/blocks/file-names.js';
import { blocksText, buttonsOf, feedbackValuesOf, imageFileIds, tableOf } from '../../e2e/slack-harness.js';

function answer(overrides: Partial<Answer> = {}): Answer {
  return {
    question: 'revenue by category',
    status: 'answered',
    headline: 'Set leads with ₹3.92 Cr.',
    insights: ['Set is 49.9% of revenue.'],
    keyFigures: [],
    definitions: ['Revenue = gross SUM(amount)'],
    timeRange: { from: '2022-03-31', to: '2022-06-29', label: 'Mar 31 – Jun 29, 2022' },
    dataSource: 'amazon_sales',
    sql: 'SELECT 1',
    columns: [
      { name: 'category', type: 'VARCHAR' },
      { name: 'revenue', type: 'DOUBLE' },
      { name: 'share', type: 'DOUBLE' },
    ],
    rows: [
      ['Set', 39204124.03, 0.4988],
      ['kurta', 21299546.7, 0.271],
    ],
    truncated: false,
    validation: { status: 'PASSED', notes: [] },
    suggestions: [],
    chart: null,
    timingsMs: { total: 12 },
    llm: null,
    ...overrides,
  };
}

describe('answer blocks', () => {
  it('renders headline, a formatted table, insights, context, the buttons and native feedback buttons', () => {
    const { blocks, needsCsv, text } = answerBlocks(answer(), { elapsedMs: 1534 });
    const all = blocksText(blocks);
    expect(text).toBe('Set leads with ₹3.92 Cr.');
    expect(all).toContain('₹3.92 Cr');
    expect(all).toContain('49.9%');
    expect(all).toContain('*Dates:* Mar 31 – Jun 29, 2022 (2022-03-31 to 2022-06-29)');
    const feedback = feedbackValuesOf(blocks)!;
    const id = buttonsOf(blocks)[0]!.value;
    expect(feedback).toEqual({ actionId: 'answer_feedback', up: `up:${id}`, down: `down:${id}` });
    expect(all).toContain('*Time:* 1.5 s');
    expect(needsCsv).toBe(false);
    expect(buttonsOf(blocks).map((b) => b.actionId)).toEqual(['show_sql', 'download_csv']);
  });

  it('shows the rows once, as a table block formatted from the column meaning, with the chart as an image', () => {
    const chart = { type: 'bar', spec: {}, title: 'Revenue by category' };
    const { blocks } = answerBlocks(
      answer({
        chart,
        keyFigures: [{ label: 'Set', value: '₹3.92 Cr' }],
        columns: [
          {
            name: 'category',
            type: 'VARCHAR',
            role: 'dimension',
            ref: 'category',
            label: 'Category',
            format: 'text',
          },
          {
            name: 'revenue',
            type: 'DOUBLE',
            role: 'metric',
            ref: 'revenue',
            label: 'Revenue',
            format: 'inr',
          },
          {
            name: 'share',
            type: 'DOUBLE',
            role: 'share',
            ref: 'share',
            label: 'Share of revenue',
            format: 'percent',
          },
        ],
      }),
      { chartFileId: 'F0CHART' },
    );
    expect(tableOf(blocks)).toEqual([
      ['Category', 'Revenue', 'Share of revenue'],
      ['Set', '₹3.92 Cr', '49.9%'],
      ['kurta', '₹2.13 Cr', '27.1%'],
    ]);
    const table = blocks.find((b) => b.type === 'table') as { column_settings: { align: string }[] };
    expect(table.column_settings.map((c) => c.align)).toEqual(['left', 'right', 'right']);
    // No fields block repeating the top rows, no code-block table.
    expect(blocks.some((b) => b.type === 'section' && 'fields' in b)).toBe(false);
    expect(blocksText(blocks)).not.toContain('```');
    expect(imageFileIds(blocks)).toEqual(['F0CHART']);
    const order = blocks.map((b) => b.block_id ?? b.type);
    expect(order.indexOf('table')).toBeLessThan(order.indexOf('chart'));
    expect(order.indexOf('chart')).toBeLessThan(order.indexOf('insights'));
  });

  it('names files for what they hold', () => {
    const base = { question: 'revenue by state in May', chart: null };
    expect(answerFileName({ ...base, reading: 'revenue · by state · May 2022' }, 'png')).toBe(
      'revenue-by-state-may-2022.png',
    );
    expect(answerFileName({ ...base, reading: undefined }, 'csv')).toBe('revenue-by-state-in-may.csv');
    expect(answerFileName({ question: '₹?', chart: null }, 'csv')).toBe('result.csv');
  });

  it('escapes data and model prose in mrkdwn, so a <!channel> in a name or an insight stays text', () => {
    const { blocks, text } = answerBlocks(
      answer({
        headline: '<!channel> Traders leads with ₹3.92 Cr & more',
        insights: ['Ask <@U123> or see <https://evil.example|this>'],
        reading: 'revenue · customer <!here>',
        rows: [
          ['<!channel> Traders', 39204124.03, 0.4988],
          ['kurta', 21299546.7, 0.271],
        ],
      }),
    );
    // Every mrkdwn text is escaped (the table's raw_text cells are not mrkdwn; see below).
    const mrkdwn = JSON.stringify(blocks.filter((b) => b.type !== 'table'));
    expect(mrkdwn).not.toMatch(/<!channel>|<!here>|<@U123>|<https:/);
    expect(blocksText(blocks)).toContain('&lt;!channel&gt; Traders leads with ₹3.92 Cr &amp; more');
    expect(text).toBe('&lt;!channel&gt; Traders leads with ₹3.92 Cr &amp; more');
    // Table cells are raw_text, which Slack never parses: shown exactly as the data has it.
    expect(tableOf(blocks)![1]![0]).toBe('<!channel> Traders');
    expect((blocks.find((b) => b.type === 'table') as { rows: { type: string }[][] }).rows[1]![0]!.type).toBe(
      'raw_text',
    );
  });

  it('shows at most 10 rows and asks for a CSV beyond that', () => {
    const rows = Array.from({ length: 25 }, (_, i) => [`SKU-${i}`, i * 10, 0.01]);
    const { blocks, needsCsv } = answerBlocks(answer({ rows }));
    expect(needsCsv).toBe(true);
    expect(tableOf(blocks)!.slice(1)).toHaveLength(MAX_TABLE_ROWS);
    expect(blocksText(blocks)).toContain('Showing 10 of 25 rows');
  });

  it('does not draw a table for a single number and omits Show SQL without SQL', () => {
    const { blocks } = answerBlocks(
      answer({ columns: [{ name: 'revenue', type: 'DOUBLE' }], rows: [[78592678.3]], sql: undefined }),
    );
    expect(blocksText(blocks)).not.toContain('```');
    expect(buttonsOf(blocks).map((b) => b.actionId)).toEqual(['download_csv']);
  });

  it('turns clarification options into buttons carrying the full question', () => {
    const { blocks } = answerBlocks(
      answer({
        status: 'clarify',
        headline: 'Which sales do you mean?',
        suggestions: [
          { label: 'Amazon orders', question: 'Revenue of Amazon orders in May' },
          { label: 'International', question: 'International sales in May' },
        ],
      }),
    );
    expect(buttonsOf(blocks)).toEqual([
      { actionId: 'ask_option_0', value: 'Revenue of Amazon orders in May', text: 'Amazon orders' },
      { actionId: 'ask_option_1', value: 'International sales in May', text: 'International' },
    ]);
  });

  it('gives a clarification option with a plan a button carrying its id, never its words', () => {
    const plan: Plan = {
      source: 'amazon_sales',
      metrics: ['orders'],
      groupBy: ['state'],
      filters: [],
      share: false,
      chart: 'auto',
      sort: { by: 'orders', direction: 'desc' },
      limit: 5,
    };
    const { blocks } = answerBlocks(
      answer({
        status: 'clarify',
        headline: 'Which measure should I use?',
        suggestions: [
          {
            label: 'Orders · top 5 states · all dates',
            question: 'Busiest by state',
            plan,
            id: 'alt-StfMQiBheTem',
          },
          { label: 'International', question: 'International sales in May' },
        ],
      }),
    );
    expect(buttonsOf(blocks)).toEqual([
      { actionId: 'pick_option_0', value: 'alt-StfMQiBheTem', text: 'Orders · top 5 states · all dates' },
      { actionId: 'ask_option_1', value: 'International sales in May', text: 'International' },
    ]);
    expect(JSON.stringify(blocks)).not.toContain('Busiest by state');
  });

  it('keeps every text within Slack limits for a huge answer', () => {
    const long = 'x'.repeat(5000);
    const { blocks } = answerBlocks(
      answer({ headline: long, insights: [long], suggestions: [{ label: long, question: long }] }),
    );
    for (const block of blocks as {
      type: string;
      text?: { text: string };
      elements?: { text: { text: string }; value?: string }[];
    }[]) {
      if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      for (const el of block.elements ?? []) {
        if (block.type === 'actions') {
          expect(el.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
          expect((el.value ?? '').length).toBeLessThanOrEqual(LIMITS.buttonValue);
        }
      }
    }
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
  });

  it('shows an error answer with its reference id and nothing else', () => {
    const { text, blocks } = answerBlocks(
      answer({ status: 'error', headline: 'The query took too long.', errorRef: 'ERR-1234ABCD' }),
    );
    expect(text).toContain('The query took too long.');
    expect(text).toContain('ERR-1234ABCD');
    expect(buttonsOf(blocks)).toHaveLength(0);
  });
});

describe('the reading and "Not what I meant"', () => {
  const reading = 'revenue · by category · Jammu & Kashmir only · May 2022';

  it('says how the question was read right under the headline and offers "Not what I meant"', () => {
    const { blocks } = answerBlocks(answer({ reading }));
    expect(blocks[0]).toMatchObject({ type: 'section', block_id: 'headline' });
    expect(blocks[1]).toEqual({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: 'Read as: revenue · by category · Jammu &amp; Kashmir only · May 2022' },
      ],
    });
    const buttons = buttonsOf(blocks);
    expect(buttons.map((b) => b.actionId)).toEqual(['show_sql', 'download_csv', 'not_what_i_meant']);
    const notMeant = buttons.find((b) => b.actionId === 'not_what_i_meant')!;
    expect(notMeant.text).toBe('Not what I meant');
    // Same answer id as Show SQL: the click finds the thread's stored answer the same way.
    expect(notMeant.value).toBe(buttons[0]!.value);
  });

  it('shows the reading of a summary post, but no "Not what I meant" (no question was asked)', () => {
    const { blocks } = summaryBlocks(answer({ reading: 'sales summary · 20–26 Jun 2022 vs 13–19 Jun 2022' }));
    expect(blocksText(blocks)).toContain('Read as: sales summary · 20–26 Jun 2022 vs 13–19 Jun 2022');
    expect(buttonsOf(blocks).map((b) => b.actionId)).not.toContain('not_what_i_meant');
  });

  it('has no reading line or button when the answer has no reading', () => {
    const { blocks } = answerBlocks(answer());
    expect(blocksText(blocks)).not.toContain('Read as:');
    expect(buttonsOf(blocks).map((b) => b.actionId)).not.toContain('not_what_i_meant');
  });

  it('offers the alternatives as buttons carrying their ids, or a prompt to rephrase without any', () => {
    const { blocks, text } = alternativesMessage([
      { id: 'alt-aaaaaaaaaaaa', label: 'orders · by category · May 2022' },
      { id: 'alt-bbbbbbbbbbbb', label: 'net revenue · by category · May 2022' },
    ]);
    expect(text).toContain('Did you mean');
    expect(buttonsOf(blocks)).toEqual([
      { actionId: 'pick_reading_0', value: 'alt-aaaaaaaaaaaa', text: 'orders · by category · May 2022' },
      { actionId: 'pick_reading_1', value: 'alt-bbbbbbbbbbbb', text: 'net revenue · by category · May 2022' },
    ]);
    const none = alternativesMessage([]);
    expect(buttonsOf(none.blocks)).toHaveLength(0);
    expect(none.text).toMatch(/in other words/);
  });
});

describe('tables, CSV, thread keys, mentions', () => {
  it('aligns numbers right and clips long labels', () => {
    const table = textTable(
      [
        { name: 'sku', type: 'VARCHAR' },
        { name: 'units', type: 'BIGINT' },
      ],
      [
        ['JNE3781-KR-XXXL-VERY-LONG-NAME-INDEED', 5],
        ['SET', 12345],
      ],
      10,
    ).split('\n');
    expect(table[2]).toContain('…');
    expect(table[3]!.endsWith('12,345')).toBe(true);
  });

  it('quotes CSV cells with commas, quotes and newlines', () => {
    const csv = toCsv(
      [
        { name: 'a', type: 'VARCHAR' },
        { name: 'b', type: 'DOUBLE' },
      ],
      [
        ['x, "y"', 1.5],
        [null, 2],
      ],
    );
    expect(csv).toBe('a,b\r\n"x, ""y""",1.5\r\n,2\r\n');
  });

  it('defuses spreadsheet formulas in CSV text cells, and leaves negative numbers alone', () => {
    const csv = toCsv(
      [
        { name: 'customer', type: 'VARCHAR' },
        { name: 'change', type: 'DOUBLE' },
      ],
      [
        ['=HYPERLINK("http://evil.example","x")', -0.25],
        ['+1 555', 1],
        ['-cmd', 2],
        ['@SUM(A1)', 3],
        ['Plain', -5],
      ],
    );
    expect(csv.split('\r\n')).toEqual([
      'customer,change',
      `"'=HYPERLINK(""http://evil.example"",""x"")",-0.25`,
      "'+1 555,1",
      "'-cmd,2",
      "'@SUM(A1),3",
      'Plain,-5',
      '',
    ]);
  });

  it('keys threads by team, channel and thread root; DMs top-level share one conversation', () => {
    expect(locateThread({ teamId: 'T', channelId: 'C1', ts: '1.1' }).threadKey).toBe('T:C1:1.1');
    expect(locateThread({ teamId: 'T', channelId: 'C1', ts: '1.2', threadTs: '1.1' })).toMatchObject({
      threadKey: 'T:C1:1.1',
      threadTs: '1.1',
    });
    expect(locateThread({ teamId: 'T', channelId: 'D1', ts: '1.3', channelType: 'im' })).toMatchObject({
      threadKey: 'T:D1:main',
      threadTs: undefined,
    });
  });

  it('strips mentions from the question', () => {
    expect(stripMentions('<@UBOT>   revenue in <@U2|bob> May ')).toBe('revenue in May');
  });
});
