import { appendFile, copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { AppError } from '../../../src/errors.js';
import { createLogger } from '../../../src/observability/logger.js';
import { openWarehouse } from '../../../src/warehouse/open-warehouse.js';
import { FIXTURE_DIR, openTestWarehouse, tempDir } from './fixture-warehouse.js';

const dirs: string[] = [];
async function scratch(): Promise<string> {
  const dir = await tempDir();
  dirs.push(dir);
  return dir;
}
async function copyFixtures(to: string, rename: Record<string, string> = {}): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const name of await readdir(FIXTURE_DIR))
    await copyFile(join(FIXTURE_DIR, name), join(to, rename[name] ?? name));
}
async function openError(env: Record<string, string>): Promise<AppError> {
  const error = await openWarehouse(loadConfig(env), createLogger({ level: 'silent' })).then(
    async (w) => {
      await w.close();
      return null;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('persisted warehouse cache', () => {
  it('reuses the database when the files are unchanged and rebuilds when one changes', async () => {
    const dataDir = join(await scratch(), 'data');
    const cacheDir = await scratch();
    await copyFixtures(dataDir);

    const first = await openTestWarehouse(dataDir, { CACHE_DIR: cacheDir });
    expect(first.warehouse.loadReport.fromCache).toBe(false);
    const fingerprint = first.warehouse.fingerprint;
    await first.warehouse.close();

    const second = await openTestWarehouse(dataDir, { CACHE_DIR: cacheDir });
    expect(second.warehouse.loadReport.fromCache).toBe(true);
    expect(second.warehouse.fingerprint).toBe(fingerprint);
    // The stored load report survives the cache: the same per-file accounting.
    expect(second.warehouse.loadReport.files).toEqual(first.warehouse.loadReport.files);
    expect((await second.warehouse.queryGuarded('SELECT COUNT(*) FROM amazon_sales')).rows).toEqual([[12]]);
    await second.warehouse.close();

    await appendFile(
      join(dataDir, 'fixture-Amazon Sale Report.csv'),
      '\n16,171-0000016-0000016,06-29-22,Shipped,Amazon,Amazon.in,Expedited,J0007,J0007-SET-L,Set,L,B000000007,Shipped,1,INR,100.00,PUNE,MH,411001.0,IN,,False,,',
    );
    const third = await openTestWarehouse(dataDir, { CACHE_DIR: cacheDir });
    expect(third.warehouse.loadReport.fromCache).toBe(false);
    expect(third.warehouse.fingerprint).not.toBe(fingerprint);
    const added = await third.warehouse.queryGuarded(
      `SELECT COUNT(*), MAX(ship_state) FILTER (WHERE source_row = 16) FROM amazon_sales`,
    );
    expect(added.rows).toEqual([[13, 'Maharashtra']]);
    await third.warehouse.close();

    // Only the current database is kept; no temporary build files are left behind.
    const files = await readdir(cacheDir);
    expect(files.filter((f) => f.endsWith('.duckdb'))).toHaveLength(1);
    expect(files.filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('a broken file fails the load with a clear message and leaves the previous cache in service (strict)', async () => {
    const dataDir = join(await scratch(), 'data');
    const cacheDir = await scratch();
    await copyFixtures(dataDir);
    const good = await openTestWarehouse(dataDir, { CACHE_DIR: cacheDir, DATA_LOAD_POLICY: 'strict' });
    await good.warehouse.close();
    const before = (await readdir(cacheDir)).sort();

    // An unterminated quote swallows the rest of the file: not a CSV DuckDB (or anyone) can read reliably.
    await writeFile(
      join(dataDir, 'fixture-Sale Report.csv'),
      'index,SKU Code,Design No.,Stock,Category,Size,Color\n0,"AN201-RED-L,AN201,5,AN : LEGGINGS,L,Red\n1,X,Y,1,KURTA,M,Red\n',
    );
    const served = await openTestWarehouse(dataDir, { CACHE_DIR: cacheDir, DATA_LOAD_POLICY: 'strict' });
    try {
      const status = served.warehouse.loadReport.status;
      expect(status?.kind).toBe('last_good');
      expect(status?.kind === 'last_good' && status.problems.join(' ')).toMatch(
        /"fixture-Sale Report\.csv" could not be loaded: .*line 2 has a quote/,
      );
      expect(
        (await served.warehouse.queryGuarded('SELECT COUNT(*) FROM inventory')).rows[0]![0],
      ).toBeGreaterThan(0);
      expect((await readdir(cacheDir)).sort()).toEqual(before);
    } finally {
      await served.warehouse.close();
    }
  });

  it('recognises files by their header, whatever their name', async () => {
    const dataDir = join(await scratch(), 'data');
    await copyFixtures(dataDir, { 'fixture-Amazon Sale Report.csv': 'orders-export-2022.csv' });
    const opened = await openTestWarehouse(dataDir);
    try {
      const file = opened.warehouse.loadReport.files.find((f) => f.file === 'orders-export-2022.csv');
      expect(file?.recognisedAs).toBe('amazon_sales');
      expect(file?.rowsLoaded).toBe(12);
    } finally {
      await opened.cleanup();
    }
  });

  it('a missing DATA_DIR, or one without recognisable files, is a clear DATA_NOT_FOUND', async () => {
    const cacheDir = await scratch();
    const missing = await openError({ DATA_DIR: join(cacheDir, 'nope'), CACHE_DIR: cacheDir });
    expect(missing.code).toBe('DATA_NOT_FOUND');
    expect(missing.userMessage).toContain('does not exist');

    const empty = join(await scratch(), 'empty');
    await mkdir(empty);
    expect((await openError({ DATA_DIR: empty, CACHE_DIR: cacheDir })).code).toBe('DATA_NOT_FOUND');

    const unrelated = join(await scratch(), 'unrelated');
    await mkdir(unrelated);
    await copyFile(join(FIXTURE_DIR, 'Expense IIGF.csv'), join(unrelated, 'Expense IIGF.csv'));
    const error = await openError({ DATA_DIR: unrelated, CACHE_DIR: cacheDir });
    expect(error.code).toBe('DATA_NOT_FOUND');
    expect(error.userMessage).toMatch(/No recognisable retailer files.*Expense IIGF\.csv/);
  });
});
