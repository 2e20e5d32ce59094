/**
 * Guarded-SQL benchmark: what the query worker costs on an ordinary query, and how fast it stops resource bombs.
 *
 *   npm run bench:guarded [-- --data-dir DIR] [--timeout-ms 3000] [--cap-mb 512] [--runs 10]
 *
 * Baselines measured in the same run:
 *  - an ordinary question's SQL on a bare @duckdb/node-api connection in this process, against the same SQL as
 *    guarded SQL (allow-list parse + the worker process): the ratio is the price of isolation;
 *  - the timeout: each bomb (run straight in the worker, no guard, as if one slipped through) is reported as
 *    "stopped after" ÷ timeout, which must stay under (timeout + 1 s) ÷ timeout;
 *  - this process's RSS before the bombs, against its peak while they run (the bombs grow in the worker, so ≈ 1.0×),
 *    and the worker's peak RSS against its cap.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadConfig } from '../src/config/config.js';
import { isAppError } from '../src/errors.js';
import { createLogger } from '../src/observability/logger.js';
import { createIsolatedQueryRunner } from '../src/warehouse/isolated/isolated-query-runner.js';
import { openWarehouse } from '../src/warehouse/open-warehouse.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dataDir = resolve(arg('--data-dir') ?? join(import.meta.dirname, '../test/fixtures/raw'));
const timeoutMs = Number(arg('--timeout-ms') ?? 3000);
const capMb = Number(arg('--cap-mb') ?? 512);
const runs = Number(arg('--runs') ?? 10);
const logger = createLogger({ level: 'silent' });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => Math.round(bytes / 1048576);

const QUESTION_SQL = `SELECT category, SUM(amount) AS revenue, COUNT(DISTINCT order_id) AS orders
  FROM amazon_sales GROUP BY 1 ORDER BY 2 DESC NULLS LAST LIMIT 10`;
const BOMBS = [
  'SELECT len(range(2000000000))',
  'SELECT list_reduce(range(500000000), (a, b) -> a + b)',
  "SELECT repeat('x', 300000000)",
  "SELECT length(lpad('x', 2000000000, 'y'))",
  // Not a memory bomb: a long scan that does answer interrupt(), so the worker survives it.
  'SELECT COUNT(*) FROM range(100000000) a, range(100000000) b WHERE a.range * b.range = 7',
];

const cacheDir = await mkdtemp(join(tmpdir(), 'ri-bench-guarded-'));
try {
  const warehouse = await openWarehouse(
    loadConfig({ DATA_DIR: dataDir, CACHE_DIR: cacheDir, SQL_WORKER_MEMORY_MB: String(capMb) }),
    logger,
  );
  const dbPath = join(
    cacheDir,
    (await readdir(cacheDir)).find((f) => f.endsWith('.duckdb'))!,
  );

  // 1. An ordinary query: bare in-process DuckDB vs guarded (parse + worker).
  const bare = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
  const conn = await bare.connect();
  await warehouse.queryGuarded(QUESTION_SQL); // warm the worker
  const bareMs: number[] = [];
  const guardedMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await conn.runAndReadAll(QUESTION_SQL);
    bareMs.push(performance.now() - t);
    t = performance.now();
    await warehouse.queryGuarded(QUESTION_SQL);
    guardedMs.push(performance.now() - t);
  }
  conn.closeSync();
  bare.closeSync();
  const [b, g] = [median(bareMs), median(guardedMs)];
  console.log(
    `ordinary query p50: bare ${b.toFixed(1)} ms, guarded ${g.toFixed(1)} ms (${(g / b).toFixed(2)}× bare)`,
  );

  // 2. Bombs straight into a worker (no guard): stop time ÷ timeout, RSS here and in the worker.
  const runner = createIsolatedQueryRunner({
    worker: { dbPath, memoryLimit: `${Math.floor(capMb / 2)}MB`, threads: 2 },
    memoryCapMb: capMb,
    logger,
  });
  await runner.run('SELECT 1', { timeoutMs, maxRows: 10 });
  const baseRss = process.memoryUsage.rss();
  console.log(
    `\nbombs (timeout ${timeoutMs} ms, worker cap ${capMb} MB; this process ${mb(baseRss)} MB before):`,
  );
  for (const sql of BOMBS) {
    let peakHere = baseRss;
    let peakWorker = 0;
    const poll = setInterval(() => {
      peakHere = Math.max(peakHere, process.memoryUsage.rss());
      const pid = runner.workerPid;
      if (pid)
        void readFile(`/proc/${pid}/status`, 'utf8')
          .then((s) => (peakWorker = Math.max(peakWorker, Number(/VmRSS:\s+(\d+)/.exec(s)?.[1] ?? 0) * 1024)))
          .catch(() => undefined);
    }, 10);
    const started = performance.now();
    const outcome = await runner.run(sql, { timeoutMs, maxRows: 10 }).then(
      () => 'answered',
      (e: unknown) => (isAppError(e) ? e.code : 'uncoded error'),
    );
    const stoppedMs = performance.now() - started;
    clearInterval(poll);
    const alive = (await runner.run('SELECT 42', { timeoutMs, maxRows: 10 })).rows[0]![0] === 42;
    console.log(
      `  ${sql.slice(0, 56).padEnd(56)} ${outcome.padEnd(16)} stopped after ${(stoppedMs / timeoutMs).toFixed(2)}× timeout` +
        ` (limit ${((timeoutMs + 1000) / timeoutMs).toFixed(2)}×), this process ${(peakHere / baseRss).toFixed(2)}× its` +
        ` baseline, worker peak ${(peakWorker / (capMb * 1048576)).toFixed(2)}× cap, next query ${alive ? 'answered' : 'FAILED'}`,
    );
  }
  await runner.close();
  await warehouse.close();
} finally {
  await rm(cacheDir, { recursive: true, force: true });
}
