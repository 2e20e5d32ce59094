import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askCommand } from '../../../src/cli/commands/ask.js';
import { loadConfig } from '../../../src/config/config.js';
import { buildAssistant, type Services } from '../../../src/main.js';
import { addDays } from '../../../src/semantic/time-range.js';
import { MemoryKvStore } from '../../../src/state/memory-kv-store.js';
import { commandContext } from './helpers/cli-context.js';
import { silentLogger } from './helpers/deps.js';
import { openTinyWarehouse, type TinyRow, type TinyWarehouse } from './helpers/tiny-warehouse.js';

/**
 * Generated orders shaped like the real Amazon report's dates: one order of ₹1,000 a day from 31 Mar to
 * 29 Jun 2022, so March holds 1 day and June 29 of 30. Every day sells the same, so any growth an answer reports
 * between months is an artefact of counting days, which is what partial periods must not produce.
 */
function dailyRows(): TinyRow[] {
  const rows: TinyRow[] = [];
  for (let day = '2022-03-31', i = 0; day <= '2022-06-29'; day = addDays(day, 1), i++) {
    rows.push([
      `d${i}`,
      day,
      'Shipped',
      i % 2 ? 'Kurta' : 'Set',
      'M',
      1,
      1000,
      'Maharashtra',
      'MUMBAI',
      false,
    ]);
  }
  return rows;
}

let wh: TinyWarehouse;
beforeAll(async () => {
  wh = await openTinyWarehouse(dailyRows());
});
afterAll(async () => {
  await wh.close();
});

async function ask(question: string, extra: string[] = []) {
  const assistant = await buildAssistant({
    config: loadConfig({}),
    logger: silentLogger,
    warehouse: wh,
    kv: new MemoryKvStore(),
    openai: null,
  });
  const { ctx, out } = commandContext(askCommand, [...question.split(' '), ...extra], {
    stdin: Readable.from(['']),
    services: async () => ({ assistant, config: loadConfig({}) }) as unknown as Services,
  });
  expect(await askCommand.run(ctx)).toBe(0);
  return out();
}

describe('partial periods, through the CLI (offline planner, generated daily orders)', () => {
  it('"revenue by month" names the partial months and computes no growth from them', async () => {
    const text = await ask('revenue by month');
    expect(text).toContain('latest Jun 2022 to the 29th (₹29,000)');
    expect(text).toContain('Read as: revenue · by month');
    expect(text).toContain(
      'partial: Mar 2022 has 1 day (31 Mar) and Jun 2022 runs to the 29th (29 of 30 days)',
    );
    // The change is between complete months only (30 vs 31 days of the same daily sales) …
    expect(text).toContain('From Apr 2022 to May 2022, revenue went up 3.3%.');
    // … and the partial June is compared per day: flat, as the data is.
    expect(text).toContain('Like for like, Jun 2022 to the 29th averaged ₹1,000 a day, flat');
    expect(text).not.toMatch(/Mar(ch)? 2022 to \w+ 2022, revenue went/);
    expect(text).not.toMatch(/2800|2,800|2900/);
  });

  it('"this month vs last month" compares 1–29 Jun with 1–29 May and says so', async () => {
    const json = JSON.parse(await ask('revenue this month vs last month', ['--json'])) as {
      answer: string;
      reading: string;
      definitions: string[];
      rows: number[][];
    };
    expect(json.rows[0]!.slice(0, 2)).toEqual([29000, 29000]);
    expect(json.answer).toBe(
      'Revenue was ₹29,000 in Jun 2022 to the 29th (flat compared with 1–29 May 2022, ₹29,000).',
    );
    expect(json.reading).toContain('compared like for like: Jun 2022 to the 29th');
    expect(json.definitions.join(' ')).toContain('the same 29 days of the other period (1–29 May 2022)');
  });

  it('draws the partial months hollow and dashed, with a note in the subtitle', async () => {
    const json = JSON.parse(await ask('revenue by month', ['--json', '--chart', '/dev/null'])) as {
      chart: { type: string; spec: { title: { subtitle: string }; layer: Record<string, unknown>[] } };
    };
    expect(json.chart.type).toBe('line');
    expect(json.chart.spec.title.subtitle).toBe(
      'Partial months, hollow and dashed: Mar 2022 (1 of 31 days), Jun 2022 (29 of 30 days)',
    );
    const marks = json.chart.spec.layer.map((l) => l.mark as Record<string, unknown>);
    expect(marks).toContainEqual(expect.objectContaining({ type: 'line', strokeDash: [6, 4] }));
    expect(marks).toContainEqual(expect.objectContaining({ type: 'point', filled: false }));
  });
});
