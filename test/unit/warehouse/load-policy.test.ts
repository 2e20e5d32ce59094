import { readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataLoadPolicy, loadConfig } from '../../../src/config/config.js';
import { AppError } from '../../../src/errors.js';
import { createLogger } from '../../../src/observability/logger.js';
import { openWarehouse } from '../../../src/warehouse/open-warehouse.js';
import type { Warehouse } from '../../../src/warehouse/types.js';
import { tempDir } from './fixture-warehouse.js';
import {
  amazonCsv,
  dataDirWith,
  INVENTORY_CSV,
  ORIGINAL_AMAZON_HEADER,
  TEN_ORDERS,
} from './variant-files.js';

const AMAZON = 'Amazon Sale Report.csv';
const GOOD = amazonCsv(ORIGINAL_AMAZON_HEADER, TEN_ORDERS);
const dirs: string[] = [];
const open: Warehouse[] = [];
afterEach(async () => {
  for (const w of open.splice(0)) await w.close();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function setUp() {
  const dataDir = await dataDirWith({ [AMAZON]: GOOD, 'Sale Report.csv': INVENTORY_CSV });
  const cacheDir = await tempDir();
  dirs.push(dirname(dataDir), cacheDir);
  const start = async (env: Record<string, string> = {}) => {
    const config = loadConfig({ DATA_DIR: dataDir, CACHE_DIR: cacheDir, ...env });
    const warehouse = await openWarehouse(config, createLogger({ level: 'silent' }));
    open.push(warehouse);
    return warehouse;
  };
  const startFails = async (env: Record<string, string>) => {
    const error = await start(env).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  };
  const write = (name: string, text: string) => writeFile(join(dataDir, name), text);
  const caches = async () => (await readdir(cacheDir)).filter((f) => f.endsWith('.duckdb')).length;
  const orders = async (w: Warehouse) =>
    (await w.queryTrusted('SELECT COUNT(*) FROM amazon_sales')).rows[0]![0];
  return { start, startFails, write, caches, orders, dataDir };
}

/** The order file cut off in the middle of its 6th data line, outside quotes: the last line just looks short. */
const CUT_OFF = GOOD.split('\n')
  .slice(0, 7)
  .join('\n')
  .replace(/,Expedited,[^\n]*$/, ',Exped');

describe('a load worse than the last good one is not silently taken (DATA_LOAD_POLICY)', () => {
  it('strict: a file cut off mid-line keeps the last good cache in service and says why', async () => {
    const t = await setUp();
    const good = await t.start({ DATA_LOAD_POLICY: 'strict' });
    expect(good.loadReport.status).toEqual({ kind: 'current' });
    await good.close();
    open.length = 0;

    await t.write(AMAZON, CUT_OFF);
    const served = await t.start({ DATA_LOAD_POLICY: 'strict' });
    expect(await t.orders(served)).toBe(10);
    expect(served.loadReport.status?.kind).toBe('last_good');
    const problems = served.loadReport.status?.kind === 'last_good' ? served.loadReport.status.problems : [];
    expect(problems.join(' ')).toMatch(/"Amazon Sale Report\.csv" ends mid-line: the file looks cut off/);
    expect(await t.caches()).toBe(1);
  });

  it('warn: the cut-off load is used with its problems, and the last good cache is kept until a load passes', async () => {
    const t = await setUp();
    await (await t.start({ DATA_LOAD_POLICY: 'warn' })).close();
    open.length = 0;
    await t.write(AMAZON, CUT_OFF);
    const degraded = await t.start({ DATA_LOAD_POLICY: 'warn' });
    expect(await t.orders(degraded)).toBe(5);
    expect(degraded.loadReport.status?.kind).toBe('degraded');
    expect(degraded.loadReport.problems?.join(' ')).toMatch(/ends mid-line/);
    expect(await t.caches()).toBe(2);
    await degraded.close();
    open.length = 0;

    // The same degraded files again: reused from the cache, still flagged; strict now serves the last good one.
    const again = await t.start({ DATA_LOAD_POLICY: 'warn' });
    expect(again.loadReport).toMatchObject({ fromCache: true, status: { kind: 'degraded' } });
    await again.close();
    open.length = 0;
    const strict = await t.start({ DATA_LOAD_POLICY: 'strict' });
    expect(await t.orders(strict)).toBe(10);
    await strict.close();
    open.length = 0;

    // A load that passes replaces both.
    await t.write(
      AMAZON,
      amazonCsv(ORIGINAL_AMAZON_HEADER, [...TEN_ORDERS, { ...TEN_ORDERS[0]!, id: 'extra' }]),
    );
    const fixed = await t.start({ DATA_LOAD_POLICY: 'strict' });
    expect(fixed.loadReport.status).toEqual({ kind: 'current' });
    expect(await t.orders(fixed)).toBe(11);
    expect(await t.caches()).toBe(1);
  });

  it('strict with no earlier good load: start-up fails naming the file and the problem', async () => {
    const t = await setUp();
    await t.write(AMAZON, CUT_OFF);
    const error = await t.startFails({ DATA_LOAD_POLICY: 'strict' });
    expect(error.code).toBe('DATA_LOAD_FAILED');
    expect(error.userMessage).toMatch(/"Amazon Sale Report\.csv" ends mid-line.*DATA_LOAD_POLICY=warn/);
  });

  it('an empty or header-only order file, or a table that shrank past DATA_MAX_SHRINK_PERCENT, fails the checks', async () => {
    const t = await setUp();
    await (await t.start({ DATA_LOAD_POLICY: 'strict' })).close();
    open.length = 0;
    const problemsWith = async (text: string, env: Record<string, string> = {}) => {
      await t.write(AMAZON, text);
      const w = await t.start({ DATA_LOAD_POLICY: 'strict', ...env });
      const status = w.loadReport.status;
      await w.close();
      open.length = 0;
      return status?.kind === 'last_good' ? status.problems.join(' ') : '';
    };
    expect(await problemsWith('')).toMatch(/"Amazon Sale Report\.csv" is empty.*amazon_sales has no rows/);
    expect(await problemsWith(`${ORIGINAL_AMAZON_HEADER.join(',')}\n`)).toMatch(
      /"Amazon Sale Report\.csv" has a header but no data rows/,
    );
    const six = amazonCsv(ORIGINAL_AMAZON_HEADER, TEN_ORDERS.slice(0, 6), { finalNewline: true });
    expect(await problemsWith(six)).toMatch(
      /amazon_sales has 6 rows, 40% fewer than the last good load's 10 \(more than the 25%/,
    );
    expect(await problemsWith(six, { DATA_MAX_SHRINK_PERCENT: '50' })).toBe('');
  });

  it('warn: an unreadable file leaves its table empty and says why; the other files load', async () => {
    const t = await setUp();
    await t.write(
      'Sale Report.csv',
      'index,SKU Code,Design No.,Stock,Category,Size,Color\n0,"AN201-RED-L,AN201,5\n',
    );
    const w = await t.start({ DATA_LOAD_POLICY: 'warn' });
    expect(await t.orders(w)).toBe(10);
    const inventory = w.loadReport.files.find((f) => f.file === 'Sale Report.csv')!;
    expect(inventory.failed).toMatch(/quote \("\) that is never closed/);
    expect(w.loadReport.status?.kind).toBe('degraded');
  });

  it('DATA_LOAD_POLICY defaults to strict in production and warn elsewhere', () => {
    expect(dataLoadPolicy(loadConfig({ NODE_ENV: 'production' }))).toBe('strict');
    expect(dataLoadPolicy(loadConfig({ NODE_ENV: 'development' }))).toBe('warn');
    expect(dataLoadPolicy(loadConfig({ NODE_ENV: 'production', DATA_LOAD_POLICY: 'warn' }))).toBe('warn');
    expect(() => loadConfig({ DATA_LOAD_POLICY: 'lenient' })).toThrow(/DATA_LOAD_POLICY/);
  });
});
