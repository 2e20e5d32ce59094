import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parquetSource, withMemoryDb } from '../../../src/warehouse/sources/parquet-source.js';
import { listSourceFiles, listSourceFilesOf } from '../../../src/warehouse/sources/list-files.js';

/**
 * Which files a Parquet source is made of (and so its fingerprint, which names the cache): the order files, and
 * for each other table its single file or, when there is none, the files of its folder. Only listing is tested
 * here, so the files need no Parquet content.
 */
const settings = { threads: 1, memoryLimit: '256MB' };
const roots: string[] = [];
afterEach(async () => {
  for (const r of roots.splice(0)) await rm(r, { recursive: true, force: true });
});

async function lake(files: string[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ri-lake-'));
  roots.push(root);
  for (const f of files) {
    await mkdir(join(root, f, '..'), { recursive: true });
    await writeFile(join(root, f), f);
  }
  return `${root}/`;
}

const sourceAt = (root: string) =>
  parquetSource({ ordersGlob: `${root}amazon_sales/**/*.parquet`, root }, settings);

describe('the files of a Parquet source', () => {
  it('several globs listed at once are each what listing it alone gives, in order', async () => {
    const root = await lake([
      'amazon_sales/year=2022/month=5/b.parquet',
      'amazon_sales/year=2022/month=4/a.parquet',
      'inventory/part-1.parquet',
      'inventory/part-0.parquet',
      'price_list.parquet',
    ]);
    const patterns = [
      `${root}inventory/**/*.parquet`,
      `${root}missing.parquet`,
      `${root}amazon_sales/**/*.parquet`,
      `${root}price_list.parquet`,
    ];
    await withMemoryDb(settings, async (conn) => {
      const together = await listSourceFilesOf(conn, patterns);
      const alone = [];
      for (const p of patterns) alone.push(await listSourceFiles(conn, p));
      expect(together).toEqual(alone);
      expect(together.map((files) => files.length)).toEqual([2, 0, 2, 1]);
      expect(together[0]!.map((f) => f.file)).toEqual([
        `${root}inventory/part-0.parquet`,
        `${root}inventory/part-1.parquet`,
      ]);
    });
  });

  it("a table's folder counts when it has no single file, and is ignored when it has one", async () => {
    const foldered = await lake(['amazon_sales/year=2022/a.parquet', 'inventory/part-0.parquet']);
    const before = await sourceAt(foldered).fingerprint();
    await writeFile(join(foldered, 'inventory/part-1.parquet'), 'more stock');
    expect(await sourceAt(foldered).fingerprint()).not.toBe(before);

    const single = await lake([
      'amazon_sales/year=2022/a.parquet',
      'inventory.parquet',
      'inventory/part-0.parquet',
    ]);
    const first = await sourceAt(single).fingerprint();
    await writeFile(join(single, 'inventory/part-1.parquet'), 'ignored: inventory.parquet wins');
    expect(await sourceAt(single).fingerprint()).toBe(first);
    await writeFile(join(single, 'inventory.parquet'), 'changed');
    expect(await sourceAt(single).fingerprint()).not.toBe(first);
  });

  it('no order files is a clear DATA_NOT_FOUND', async () => {
    const root = await lake(['inventory.parquet']);
    await expect(sourceAt(root).fingerprint()).rejects.toMatchObject({ code: 'DATA_NOT_FOUND' });
  });
});
