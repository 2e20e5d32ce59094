import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/observability/logger.js';
import { loadCatalog } from '../../src/semantic/catalog.js';
import { openWarehouse } from '../../src/warehouse/open-warehouse.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { answerEvalBothWays } from '../unit/scale/eval-both-ways.js';

const REAL_DIR = resolve(import.meta.dirname, '../../../shared/datasets/ecommerce-sales');
const present = existsSync(join(REAL_DIR, 'Amazon Sale Report.csv'));
if (!present) console.warn(`scale-rollups-real: skipped, the real data set is not at ${REAL_DIR}`);

describe.skipIf(!present)('rollup and detail answers agree on every eval question (real Kaggle data)', () => {
  let warehouse: Warehouse | undefined;
  let cacheDir = '';
  afterAll(async () => {
    await warehouse?.close();
    if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
  });

  it('gives identical rows from the rollups and from amazon_sales', async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'ri-scale-real-'));
    warehouse = await openWarehouse(
      // 129K order rows are below the default ROLLUP_MIN_ROWS: build them anyway, they are what is tested.
      loadConfig({ DATA_DIR: REAL_DIR, CACHE_DIR: cacheDir, ROLLUP_MIN_ROWS: '0' }),
      createLogger({ level: 'silent' }),
    );
    const report = await answerEvalBothWays(warehouse, loadCatalog());
    expect(report.mismatches).toEqual([]);
    expect(report.routed.length).toBeGreaterThan(report.planned / 3);
  }, 180_000);
});
