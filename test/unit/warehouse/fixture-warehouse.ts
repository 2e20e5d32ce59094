import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../../src/config/config.js';
import { createLogger } from '../../../src/observability/logger.js';
import { openWarehouse } from '../../../src/warehouse/open-warehouse.js';
import type { Warehouse } from '../../../src/warehouse/types.js';

export const FIXTURE_DIR = resolve(import.meta.dirname, '../../fixtures/raw');

export async function tempDir(prefix = 'ri-warehouse-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Opens the warehouse on a data directory with a fresh temp cache. `cleanup` closes it and removes the cache. */
export async function openTestWarehouse(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ warehouse: Warehouse; cacheDir: string; cleanup: () => Promise<void> }> {
  const cacheDir = env.CACHE_DIR ?? (await tempDir());
  const config = loadConfig({ DATA_DIR: dataDir, CACHE_DIR: cacheDir, ...env });
  const warehouse = await openWarehouse(config, createLogger({ level: 'silent' }));
  return {
    warehouse,
    cacheDir,
    cleanup: async () => {
      await warehouse.close();
      await rm(cacheDir, { recursive: true, force: true });
    },
  };
}

/** Rows as objects keyed by column name, for readable assertions. */
export async function rowsOf(warehouse: Warehouse, sql: string): Promise<Record<string, unknown>[]> {
  const result = await warehouse.queryTrusted(sql);
  return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c.name, row[i]])));
}
