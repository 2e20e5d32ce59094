import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assistant } from '../../../src/agent/answer.js';
import { createAssistant } from '../../../src/agent/create-assistant.js';
import { loadConfig } from '../../../src/config/config.js';
import { MemoryKvStore } from '../../../src/state/memory-kv-store.js';
import { openWarehouse } from '../../../src/warehouse/open-warehouse.js';
import type { Warehouse } from '../../../src/warehouse/types.js';
import { silentLogger } from './helpers/deps.js';

const DATA_DIR = resolve(__dirname, '..', '..', '..', '..', 'shared', 'datasets', 'ecommerce-sales');
const present = existsSync(DATA_DIR);
if (!present) console.warn(`Skipping the agent's real-data answers: ${DATA_DIR} is absent (CI has it).`);

describe.skipIf(!present)('answers on the real Kaggle data (offline planner)', () => {
  let warehouse: Warehouse;
  let assistant: Assistant;
  beforeAll(async () => {
    const config = loadConfig({ DATA_DIR });
    warehouse = await openWarehouse(config, silentLogger);
    assistant = createAssistant({
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

  it('the default summary is the latest full week, compared with the week before', async () => {
    const s = await assistant.summary({ chart: false });
    expect(s.status).toBe('answered');
    expect(s.timeRange).toMatchObject({ from: '2022-06-20', to: '2022-06-26' });
    expect(s.insights.length).toBeGreaterThanOrEqual(3);
  });
});
