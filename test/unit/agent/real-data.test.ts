import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assistant } from '../../../src/agent/answer.js';
import { loadConfig } from '../../../src/config/config.js';
import { MemoryKvStore } from '../../../src/state/memory-kv-store.js';
import { openWarehouse } from '../../../src/warehouse/open-warehouse.js';
import type { Warehouse } from '../../../src/warehouse/types.js';
import { silentLogger } from './helpers/deps.js';
import { buildAssistant } from '../../../src/main.js';

const DATA_DIR = resolve(__dirname, '..', '..', '..', '..', 'shared', 'datasets', 'ecommerce-sales');
const present = existsSync(DATA_DIR);
if (!present) console.warn(`Skipping the agent's real-data answers: ${DATA_DIR} is absent (CI has it).`);

describe.skipIf(!present)('answers on the real Kaggle data (offline planner)', () => {
  let warehouse: Warehouse;
  let assistant: Assistant;
  beforeAll(async () => {
    const config = loadConfig({ DATA_DIR });
    warehouse = await openWarehouse(config, silentLogger);
    assistant = await buildAssistant({
      config,
      logger: silentLogger,
      warehouse,
      kv: new MemoryKvStore(),
      openai: null,
    });
  });
  afterAll(async () => {
    await warehouse?.close();
  });
  const ask = (text: string) => assistant.ask({ threadKey: `real:${text}`, text }, { chart: false });

  it('total revenue matches the public figure, with the definition stated', async () => {
    const a = await ask('what is the total revenue?');
    expect(a.status).toBe('answered');
    expect(a.rows[0]![0]).toBeCloseTo(78_592_678.3, 2);
    expect(a.headline).toContain('₹7.86 Cr');
    expect(a.insights.join(' ')).toContain('₹7,85,92,678.30');
    expect(a.definitions.join(' ')).toMatch(/gross SUM\(amount\)/);
  });

  it('monthly revenue and the top category match', async () => {
    const april = await ask('revenue in April 2022');
    expect(april.rows[0]![0]).toBeCloseTo(28_838_708.32, 2);
    const top = await ask('which category has the highest revenue?');
    expect(top.rows[0]![0]).toBe('Set');
    expect(top.headline).toMatch(/^Set has the highest revenue/);
  });

  it('headlines say what the rows show: a share first, dates in order, and whose total a share is of', async () => {
    // One group with its share: the share leads, and the group's own filter is not repeated.
    const promo = await ask('what % of revenue is from promotions?');
    expect(promo.headline).toBe('With promotion: 68.2% of revenue (₹5.36 Cr).');
    // Sorted by revenue, but "latest" is the last date, not the last row.
    const bestDay = await ask('what was our best day for revenue?');
    expect(bestDay.headline).toContain('highest 4 May 2022');
    expect(bestDay.headline).toContain('latest 29 Jun 2022');
    // Two values picked out of a dimension: the share is of those two, and the headline says so.
    const pair = await ask('revenue Kurta vs Set');
    expect(pair.headline).toBe(
      'Set has the highest revenue by category: ₹3.92 Cr (64.8% of the Kurta and Set total).',
    );
    // Yes/no dimensions read as words, acronyms kept.
    const b2b = await ask('revenue by b2b');
    expect(b2b.headline).toMatch(/^Retail \(B2C\) has the highest revenue by buyer type: ₹7\.8 Cr/);
  });

  it('the default summary is the latest full week, compared with the week before', async () => {
    const s = await assistant.summary({ chart: false });
    expect(s.status).toBe('answered');
    expect(s.timeRange).toMatchObject({ from: '2022-06-20', to: '2022-06-26' });
    expect(s.insights.length).toBeGreaterThanOrEqual(3);
  });
});
