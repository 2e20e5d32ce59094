import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { createLogger } from '../../../src/observability/logger.js';
import { loadCatalog } from '../../../src/semantic/catalog.js';
import { persistedDataProfile, profileCachePath } from '../../../src/semantic/profile-cache.js';
import { openWarehouse } from '../../../src/warehouse/open-warehouse.js';
import type { Warehouse } from '../../../src/warehouse/types.js';
import { FIXTURE_DIR, tempDir } from '../warehouse/fixture-warehouse.js';

const logger = createLogger({ level: 'silent' });
const catalog = loadCatalog();
const ORDERS = 'fixture-Amazon Sale Report.csv';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** A copy of the fixture files (so the test can change them) and an empty cache folder. */
async function workspace() {
  const root = await tempDir('ri-profile-');
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  const dataDir = join(root, 'data');
  await cp(FIXTURE_DIR, dataDir, { recursive: true });
  const config = loadConfig({ DATA_DIR: dataDir, CACHE_DIR: join(root, 'cache'), ROLLUPS_ENABLED: 'false' });
  return { dataDir, cacheDir: join(root, 'cache'), config };
}

async function opened(config: ReturnType<typeof loadConfig>) {
  const warehouse = await openWarehouse(config, logger);
  cleanups.push(() => warehouse.close());
  return warehouse;
}

/** The same database as far as the cache can tell, but any query fails: only a persisted profile can be read. */
function noQueries(warehouse: Warehouse): Warehouse {
  return {
    ...warehouse,
    fingerprint: warehouse.fingerprint,
    queryTrusted: () => Promise.reject(new Error('the profile was read from the data again')),
  };
}

describe('the data profile persisted with the warehouse cache', () => {
  it('is written beside the cached database and read back on the next start without a query', async () => {
    const { config, cacheDir } = await workspace();
    const warehouse = await opened(config);
    const first = await persistedDataProfile({ config, warehouse, catalog, logger });
    expect(first.values.amazon_sales?.category).toContain('Set');
    const path = profileCachePath(cacheDir, warehouse.fingerprint, catalog);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(first);
    const again = await persistedDataProfile({ config, warehouse: noQueries(warehouse), catalog, logger });
    expect(again).toEqual(first);
  });

  it('changes when the data changes: new files, new database, new profile; the old one is removed with its cache', async () => {
    const { config, cacheDir, dataDir } = await workspace();
    const before = await opened(config);
    const profile = await persistedDataProfile({ config, warehouse: before, catalog, logger });
    expect(profile.values.amazon_sales?.category).not.toContain('Saree');
    const oldPath = profileCachePath(cacheDir, before.fingerprint, catalog);

    // One more order line, in a category the data did not have, a month after the last date.
    const csv = await readFile(join(dataDir, ORDERS), 'utf8');
    const lines = csv.trimEnd().split('\n');
    const extra =
      '99,171-0000099-0000099,07-15-22,Shipped,Amazon,Amazon.in,Expedited,SAR001,SAR001-RD-M,Saree,M,' +
      'B0FIXTURE9,Shipped,1,INR,999.0,PUNE,MAHARASHTRA,411001.0,IN,,False,,';
    await writeFile(join(dataDir, ORDERS), `${[...lines, extra].join('\n')}\n`);

    const after = await opened(config);
    expect(after.fingerprint).not.toBe(before.fingerprint);
    const changed = await persistedDataProfile({ config, warehouse: after, catalog, logger });
    expect(changed.values.amazon_sales?.category).toContain('Saree');
    expect(changed.dateRanges.amazon_sales?.to).toBe('2022-07-15');
    expect(profile.dateRanges.amazon_sales?.to).not.toBe('2022-07-15');
    const files = await readdir(cacheDir);
    expect(files).not.toContain(oldPath.slice(cacheDir.length + 1));
    expect(files.filter((f) => f.includes('.profile-'))).toHaveLength(1);
  });

  it('a damaged profile file is read from the data again, never trusted', async () => {
    const { config, cacheDir } = await workspace();
    const warehouse = await opened(config);
    const good = await persistedDataProfile({ config, warehouse, catalog, logger });
    const path = profileCachePath(cacheDir, warehouse.fingerprint, catalog);
    await writeFile(path, '{"dateRanges": {}, "values": {"amazon": {"category": 3');
    expect(await persistedDataProfile({ config, warehouse, catalog, logger })).toEqual(good);
    await writeFile(path, '{"dateRanges": {}, "values": {"amazon": {"category": "Set"}}}');
    expect(await persistedDataProfile({ config, warehouse, catalog, logger })).toEqual(good);
  });

  it('depends on the catalog too: another set of profiled dimensions is another file', async () => {
    const { cacheDir } = await workspace();
    const fewer = { ...catalog, dimensions: Object.fromEntries(Object.entries(catalog.dimensions).slice(1)) };
    expect(profileCachePath(cacheDir, 'f'.repeat(40), fewer)).not.toBe(
      profileCachePath(cacheDir, 'f'.repeat(40), catalog),
    );
  });
});
