/**
 * Load benchmark: a cold load of the retailer's CSV files into a fresh cache, then warm starts that reuse the
 * persisted database. Targets (issue 2): cold < 5 s, warm < 1 s to ready, on the 2-core machine.
 *
 *   npm run bench:load                       # the real files in ../shared/datasets/ecommerce-sales
 *   npm run bench:load -- --data-dir DIR [--warm-runs 5] [--phases]
 *
 * --phases prints the cold load's phases (fingerprint, each file's read and cleaning, rollups, checkpoint,
 * reopen, lock checks) as timed by the loaders on Node's performance timeline (src/warehouse/load-phases.ts).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { PerformanceMeasure } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/observability/logger.js';
import { LOAD_PHASE_PREFIX } from '../src/warehouse/load-phases.js';
import { openWarehouse } from '../src/warehouse/open-warehouse.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dataDir = resolve(
  arg('--data-dir') ?? join(import.meta.dirname, '../../shared/datasets/ecommerce-sales'),
);
const warmRuns = Number(arg('--warm-runs') ?? 5);
const showPhases = process.argv.includes('--phases');
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
  // Phases of the cold load only (warm starts below add their own measures).
  const phases = performance
    .getEntriesByType('measure')
    .filter((m) => m.name.startsWith(LOAD_PHASE_PREFIX))
    .map((m) => ({
      name: m.name.slice(LOAD_PHASE_PREFIX.length),
      startMs: m.startTime - started,
      ms: m.duration,
      cpuMs: ((m as PerformanceMeasure).detail as { cpuMs?: number } | null)?.cpuMs ?? 0,
    }));
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
  if (showPhases) {
    console.log('  cold load phases (wall time; nested phases indented, start offset from the cold start):');
    for (const p of phases)
      console.log(
        `    ${p.name.padEnd(48)} ${ms(p.ms).padStart(8)} wall ${ms(p.cpuMs).padStart(8)} CPU   at ${ms(p.startMs)}`,
      );
    // The rollup wrapper (ROLLUPS_ENABLED) reopens the new file, builds the rollups and checkpoints again: the
    // part of `build` after `csv build`.
    const build = phases.find((p) => p.name === 'build');
    const csv = phases.find((p) => p.name === 'csv build');
    if (build && csv)
      console.log(
        `    ${'(build − csv build: rollups, reopen, checkpoint)'.padEnd(48)} ${ms(build.ms - csv.ms).padStart(8)} wall ${ms(build.cpuMs - csv.cpuMs).padStart(8)} CPU`,
      );
  }
  console.log(
    `  first query (COUNT/SUM over amazon_sales, result ${JSON.stringify(probe.rows[0])}): ${ms(firstQueryMs)}`,
  );
  console.log(
    `  warm start from cache, ${warmRuns} runs: median ${ms(median(warm))}, min ${ms(Math.min(...warm))}, max ${ms(Math.max(...warm))}   target < 1000 ms`,
  );
} finally {
  await rm(cacheDir, { recursive: true, force: true });
}
