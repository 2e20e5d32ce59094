import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/agent/answer.js';
import { loadConfig } from '../../../src/config/config.js';
import { MemoryKvStore } from '../../../src/state/memory-kv-store.js';
import { openTestWarehouse } from '../warehouse/fixture-warehouse.js';
import {
  amazonCsv,
  dataDirWith,
  INVENTORY_CSV,
  LATER_AMAZON_HEADER,
  ORIGINAL_AMAZON_HEADER,
  TEN_ORDERS,
} from '../warehouse/variant-files.js';
import { silentLogger } from './helpers/deps.js';
import { PassThrough, Readable } from 'node:stream';
import { schemaCommand } from '../../../src/cli/commands/schema.js';
import { buildAssistant, type Services, type WarehouseServices } from '../../../src/main.js';
import type { Warehouse } from '../../../src/warehouse/types.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** An Assistant over a warehouse loaded from hand-made files (DATA_LOAD_POLICY=warn unless told otherwise). */
async function assistantOver(files: Record<string, string>, env: Record<string, string> = {}) {
  const dataDir = await dataDirWith(files);
  const opened = await openTestWarehouse(dataDir, { DATA_LOAD_POLICY: 'warn', ...env });
  cleanups.push(async () => {
    await opened.cleanup();
    await rm(dirname(dataDir), { recursive: true, force: true });
  });
  const assistant = await buildAssistant({
    config: loadConfig({}),
    logger: silentLogger,
    warehouse: opened.warehouse,
    kv: new MemoryKvStore(),
    openai: null,
  });
  let n = 0;
  const ask = (text: string) => assistant.ask({ threadKey: `t:${n++}`, text }, { chart: false });
  return Object.assign(ask, { warehouse: opened.warehouse });
}

async function schemaText(warehouse: Warehouse, json = false): Promise<string> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  await schemaCommand.run({
    values: {},
    positionals: [],
    flags: { json, verbose: false },
    io: { stdout, stderr: new PassThrough(), stdin: Readable.from(['']), interactive: false },
    env: {},
    warehouse: async () => ({ warehouse }) as unknown as WarehouseServices,
    services: async () => ({ warehouse }) as unknown as Services,
  });
  return out;
}

/** No figure at all: no ₹ amount, no count, no percentage (file names and dates aside). */
function expectNoNumber(answer: Answer) {
  expect(answer.rows).toEqual([]);
  expect(answer.keyFigures).toEqual([]);
  expect(answer.headline).not.toMatch(/₹|\d+(\.\d+)?\s*%|\b(was|were) \d/);
}

describe('never an answer over missing data', () => {
  it('another report saved under the order file’s name: the answer names the file and why, with no number', async () => {
    const ask = await assistantOver({ 'Amazon Sale Report.csv': INVENTORY_CSV });
    const answer = await ask('revenue in May 2022');
    expect(answer.status).toBe('refused');
    expect(answer.errorCode).toBe('DATA_UNAVAILABLE');
    expect(answer.headline).toContain('the order data did not load');
    expect(answer.headline).toContain(
      '"Amazon Sale Report.csv" holds the inventory report (Sale Report), not the order report',
    );
    expectNoNumber(answer);
  });

  it('no order file at all, an empty one, or one that could not be read: said so, never "No orders." with ₹0', async () => {
    const none = await assistantOver({ 'Sale Report.csv': INVENTORY_CSV });
    const a = await none('top 5 states by revenue');
    expect(a.status).toBe('refused');
    expect(a.headline).toMatch(/There is no order file \(e\.g\. "Amazon Sale Report\.csv"\) in /);
    expectNoNumber(a);

    const empty = await assistantOver({ 'Amazon Sale Report.csv': '', 'Sale Report.csv': INVENTORY_CSV });
    const b = await empty('how many orders in June?');
    expect(b.headline).toContain('"Amazon Sale Report.csv" is empty.');
    expectNoNumber(b);

    const broken = await assistantOver({
      'Amazon Sale Report.csv': `${ORIGINAL_AMAZON_HEADER.join(',')}\n0,"405-1,04-30-22,Shipped\n1,405-2,04-30-22\n`,
      'Sale Report.csv': INVENTORY_CSV,
    });
    const c = await broken('revenue by category');
    expect(c.headline).toMatch(/"Amazon Sale Report\.csv" could not be loaded: .*never closed/);
    expectNoNumber(c);
    // The files that did load still answer, with the caveat that the load is degraded.
    const stock = await broken('total stock');
    expect(stock.status).toBe('answered');
    expect(stock.validation.notes[0]).toMatch(/^Caveat: the data files did not pass the load checks/);
  });

  it('the later copy without SKU: a SKU question says the file has no SKU column; others answer', async () => {
    const ask = await assistantOver({ 'Amazon Sale Report.csv': amazonCsv(LATER_AMAZON_HEADER, TEN_ORDERS) });
    const skus = await ask('top 5 SKUs by revenue');
    expect(skus.status).toBe('refused');
    expect(skus.headline).toContain('"Amazon Sale Report.csv" has no SKU column');
    expectNoNumber(skus);
    const byCategory = await ask('revenue by category');
    expect(byCategory.status).toBe('answered');
    expect(byCategory.rows).toEqual([
      ['Kurta', 3000],
      ['Set', 2500],
    ]);
  });

  it('a cut-off order file under DATA_LOAD_POLICY=warn: every answer carries the caveat', async () => {
    const cut = amazonCsv(ORIGINAL_AMAZON_HEADER, TEN_ORDERS).slice(0, -40);
    const ask = await assistantOver({ 'Amazon Sale Report.csv': cut });
    const answer = await ask('revenue');
    expect(answer.status).toBe('answered');
    expect(answer.validation.status).toBe('WARNING');
    expect(answer.validation.notes[0]).toMatch(/Caveat: .*"Amazon Sale Report\.csv" ends mid-line/);
  });

  it('`schema` shows what loaded and what did not, with the reason (text and --json)', async () => {
    const ask = await assistantOver({
      'Amazon Sale Report.csv': amazonCsv(LATER_AMAZON_HEADER, TEN_ORDERS),
      'International sale Report.csv': '',
    });
    const text = await schemaText(ask.warehouse);
    expect(text).toContain(
      'Order: loaded from "Amazon Sale Report.csv" (no style, sku, asin, promotion_ids column).',
    );
    expect(text).toContain('International sales: not loaded. "International sale Report.csv" is empty.');
    expect(text).toContain('Inventory: not loaded. There is no inventory file (e.g. "Sale Report.csv")');
    const json = JSON.parse(await schemaText(ask.warehouse, true)) as {
      data: { loaded: Record<string, boolean> };
    };
    expect(json.data.loaded).toEqual({
      amazon_sales: true,
      international_sales: false,
      inventory: false,
      price_list: false,
    });
  });
});
