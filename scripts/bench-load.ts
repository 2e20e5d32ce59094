/**
 * Load benchmark: a cold load of the retailer's CSV files into a fresh cache, then warm starts that reuse the
 * persisted database. Targets (issue 2): cold < 5 s, warm < 1 s to ready, on the 2-core machine.
 *
 *   npm run bench:load                       # the real files in ../shared/datasets/ecommerce-sales
 *   npm run bench:load -- --data-dir DIR [--warm-runs 5]
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/observability/logger.js';
import { openWarehouse } from '../src/warehouse/open-warehouse.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dataDir = resolve(
  arg('--data-dir') ?? join(import.meta.dirname, '../../shared/datasets/ecommerce-sales'),
);
const warmRuns = Number(arg('--warm-runs') ?? 5);
if (!existsSync(dataDir)) {
  console.error(`No data directory at ${dataDir}; pass --data-dir DIR.`);
  process.exit(1);
}

const cacheDir = await mkdtemp(join(tmpdir(), 'ri-bench-load-'));
const logger = createLogger({ level: 'silent' });
const config = loadConfig({ DATA_DIR: dataDir, CACHE_DIR: cacheDir });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${Math.round(x)} ms`;

try {
  let started = performance.now();
  const cpuBefore = process.cpuUsage();
  const cold = await openWarehouse(config, logger);
  const coldMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  // CPU time of this process (all DuckDB threads): a steadier figure than wall time on a shared machine.
  const coldCpuMs = (cpu.user + cpu.system) / 1000;
  started = performance.now();
  const probe = await cold.queryGuarded('SELECT COUNT(*), SUM(amount) FROM amazon_sales');
  const firstQueryMs = performance.now() - started;
  const report = cold.loadReport;
  await cold.close();

  const warm: number[] = [];
  for (let i = 0; i < warmRuns; i++) {
    started = performance.now();
    const w = await openWarehouse(config, logger);
    await w.queryGuarded('SELECT 1');
    warm.push(performance.now() - started);
    if (!w.loadReport.fromCache) throw new Error('warm start did not reuse the cache');
    await w.close();
  }

  console.log(`Load benchmark: ${dataDir}`);
  const os = await import('node:os');
  console.log(
    `  machine: ${os.cpus().length} cores, node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (other work on the machine inflates wall times)`,
  );
  for (const f of report.files)
    console.log(
      `  ${f.file.padEnd(38)} ${f.recognisedAs ? `${f.rowsRead} read, ${f.rowsLoaded} loaded, ${f.rowsRejected} rejected` : 'not recognised, skipped'}`,
    );
  console.log(
    `  cold load (CSV → cache → locked read-only DB ready): ${ms(coldMs)} wall, ${ms(coldCpuMs)} CPU   target < 5000 ms`,
  );
  console.log(
    `  first query (COUNT/SUM over amazon_sales, result ${JSON.stringify(probe.rows[0])}): ${ms(firstQueryMs)}`,
  );
  console.log(
    `  warm start from cache, ${warmRuns} runs: median ${ms(median(warm))}, min ${ms(Math.min(...warm))}, max ${ms(Math.max(...warm))}   target < 1000 ms`,
  );
} finally {
  await rm(cacheDir, { recursive: true, force: true });
}
