import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/agent/answer.js';
import type { Resolution } from '../../../src/agent/resolver/resolver.js';
import { renderAnswerText } from '../../../src/cli/answer-output.js';
import { loadConfig } from '../../../src/config/config.js';
import type { Plan } from '../../../src/semantic/plan.js';
import { answerBlocks } from '../../../src/slack/blocks/answer-blocks.js';
import { MemoryKvStore } from '../../../src/state/memory-kv-store.js';
import { silentLogger } from './helpers/deps.js';
import { ScriptedResolver } from './helpers/scripted-resolver.js';
import { openTinyWarehouse, type TinyRow, type TinyWarehouse } from './helpers/tiny-warehouse.js';
import { buildAssistant } from '../../../src/main.js';

/**
 * One result contract from the compiler to the pixels: the same change (in pp for a rate) and the same blank
 * label in the answer text, the key figures, the terminal table, the Slack table and the chart.
 *
 * Generated lines: Set's cancellation rate goes 25% → 50% (+25.0 pp, which a relative change would call +100%),
 * the blank category's 0% → 50%, Kurta's stays 20%.
 */
function lines(): TinyRow[] {
  const rows: TinyRow[] = [];
  let i = 0;
  const add = (date: string, category: string, cancelled: number, total: number, amount: number) => {
    for (let k = 0; k < total; k++)
      rows.push([
        `o${i++}`,
        date,
        k < cancelled ? 'Cancelled' : 'Shipped',
        category,
        'M',
        1,
        amount,
        'Maharashtra',
        'MUMBAI',
        false,
      ]);
  };
  add('2022-05-01', 'Set', 1, 4, 1000);
  add('2022-05-10', '', 0, 2, 300);
  add('2022-05-20', 'Kurta', 1, 5, 500);
  add('2022-06-05', 'Set', 2, 4, 900);
  add('2022-06-15', '', 1, 2, 400);
  add('2022-06-30', 'Kurta', 1, 5, 700);
  return rows;
}

const JUNE = { from: '2022-06-01', to: '2022-06-30', label: 'June 2022' };
function resolution(p: Partial<Plan>): Resolution {
  const plan: Plan = {
    source: 'amazon_sales',
    metrics: ['cancel_rate'],
    groupBy: [],
    filters: [],
    share: false,
    chart: 'auto',
    ...p,
  };
  return { kind: 'plan', plan, confidence: 0.95, notes: [], resolvedBy: 'planner' };
}

let wh: TinyWarehouse;
beforeAll(async () => {
  wh = await openTinyWarehouse(lines());
});
afterAll(async () => {
  await wh.close();
});

async function ask(p: Partial<Plan>, chart = false): Promise<Answer> {
  const assistant = await buildAssistant({
    config: loadConfig({}),
    logger: silentLogger,
    warehouse: wh,
    kv: new MemoryKvStore(),
    openai: null,
    resolver: new ScriptedResolver([resolution(p)]),
  });
  const answer = await assistant.ask({ threadKey: 't', text: 'q' }, { chart });
  expect(answer.status).toBe('answered');
  return answer;
}

function slackText(answer: Answer): string {
  return JSON.stringify(answerBlocks(answer).blocks);
}

describe('one result contract on every surface', () => {
  it('a rate change is in percentage points, and a blank is "(blank)", in text, tables, Slack and the chart', async () => {
    const answer = await ask(
      {
        groupBy: ['category'],
        timeRange: JUNE,
        compareTo: 'previous_period',
        sort: { by: 'cancel_rate', direction: 'desc' },
      },
      true,
    );
    const set = answer.keyFigures.find((k) => k.label === 'Set');
    expect(set).toMatchObject({ value: '50.0%', change: '+25.0 pp' });
    expect(answer.keyFigures.find((k) => k.label === '(blank)')).toMatchObject({ change: '+50.0 pp' });
    expect(answer.insights.join(' ')).toContain('Biggest rise (blank) (+50.0 pp)');
    const cli = renderAnswerText(answer, null);
    const slack = slackText(answer);
    const chart = JSON.stringify(answer.chart?.spec);
    for (const surface of [cli, slack]) {
      expect(surface).toContain('+25.0 pp');
      expect(surface).toContain('(blank)');
    }
    expect(chart).toContain('25.0 pp');
    expect(chart).toContain('(blank)');
    // Never a relative change of a rate (25% → 50% is not "+100%"), never another blank label.
    for (const surface of [answer.headline, ...answer.insights, cli, slack, chart]) {
      expect(surface).not.toContain('100.0%');
      expect(surface).not.toMatch(/NULL|\(no category\)|"—"|"–"/);
    }
  });

  it('a change of an amount is a signed relative %, in the Slack and terminal tables too (never rupees)', async () => {
    const answer = await ask({ metrics: ['revenue'], timeRange: JUNE, compareTo: 'previous_period' });
    // June 3600+800+3500 = 7900 vs May 4000+600+2500 = 7100.
    expect(answer.headline).toContain('up 11.3% from May 2022');
    const slack = slackText({ ...answer, rows: [...answer.rows, ...answer.rows] });
    expect(slack).toContain('+11.3%');
    expect(slack).not.toMatch(/₹0\.\d/);
  });

  it('a month × category result headlines the top of the latest month by value, not the first row', async () => {
    const answer = await ask({ metrics: ['revenue'], groupBy: ['month', 'category'] });
    // Rows come month-sorted, blank category first; June's largest is Set (₹3,600).
    expect(answer.rows[0]![0]).toBe('2022-05-01');
    expect(answer.headline).toBe(
      'In Jun 2022, Set has the highest revenue by category: ₹3,600 (45.6% of the total).',
    );
    expect(renderAnswerText(answer, null)).toContain('May 2022');
    expect(renderAnswerText(answer, null)).not.toContain('2022-05-01');
  });

  it('a ranking by the change headlines the row that moved most and its move, not the biggest row', async () => {
    const byChange = {
      metrics: ['revenue'],
      groupBy: ['category'],
      filters: [{ dimension: 'category', op: 'in' as const, values: ['Set', 'Kurta'] }],
      timeRange: JUNE,
      compareTo: 'previous_period' as const,
    };
    // Set: 3600 from 4000 (-10%); Kurta: 3500 from 2500 (+40%).
    const grew = await ask({ ...byChange, sort: { by: 'revenue_change', direction: 'desc' } });
    expect(grew.headline).toMatch(/^Kurta grew the most in revenue .*: \+40\.0% \(₹3,500, from ₹2,500\)\.$/);
    const fell = await ask({ ...byChange, sort: { by: 'revenue_change', direction: 'asc' } });
    expect(fell.headline).toMatch(/^Set fell the most in revenue .*: -10\.0% \(₹3,600, from ₹4,000\)\.$/);
  });

  it('"which of those grew" says how many grew and names each with its move', async () => {
    const moved = {
      metrics: ['revenue'],
      groupBy: ['category'],
      filters: [{ dimension: 'category', op: 'in' as const, values: ['Set', 'Kurta'] }],
      timeRange: JUNE,
      compareTo: 'previous_period' as const,
    };
    const grew = await ask({
      ...moved,
      sort: { by: 'revenue_change', direction: 'desc' },
      changeKept: 'grew',
    });
    expect(grew.headline).toMatch(/^1 category grew in revenue .*: Kurta \(\+40\.0%\)\.$/);
    const fell = await ask({
      ...moved,
      filters: [{ ...moved.filters[0]!, values: ['Kurta'] }],
      changeKept: 'fell',
    });
    expect(fell.headline).toMatch(/^No category fell in revenue /);
  });
});
