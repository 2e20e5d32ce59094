/**
 * npm run bench:scale: the scale benchmark (issue 8). For each size of generated order table (default 1M, 10M,
 * 100M order rows; `--sizes 1e6,1e7` to limit):
 *   - generate: `data generate --format parquet` time and the Parquet size on disk (reused when already there);
 *   - load: first open with DATA_SOURCE=parquet:… (views over the files + rollups built into the cache DB), and the
 *     cache DB's size;
 *   - ask p50: 10 typical questions through the Assistant (offline planner, no chart, no result cache), with and
 *     without rollups;
 *   - bare: the exact SQL each answer ran, executed by a bare @duckdb/node-api instance on the same cache file with
 *     the same threads/memory; ratio = ours (warehouse.queryTrusted) / bare on the same SQL, and ask p50 / bare p50;
 *   - peak RSS of this process (DuckDB's memory is inside it): during the load (cache and rollup build), and
 *     serving: from then through the asks, including the 10 questions run 4 at a time without rollups (before the
 *     bare instance opens in the same process).
 * Prints a markdown table. Data lives in .cache/bench-scale (gitignored) unless --dir DIR.
 * Options: --sizes LIST  --dir DIR  --runs N (default 5 timed runs per question, after one warm-up).
 *   --replicate: build a size larger than the biggest generated set by copying that set k times with the order
 *   ids made unique per copy (minutes instead of hours for 100M on 2 cores; same schema and partitions, but the
 *   distribution repeats). The table says when a set was replicated.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Answer } from '../src/agent/answer.js';
import { loadConfig, type Config } from '../src/config/config.js';
import { createLogger } from '../src/observability/logger.js';
import type { KvStore } from '../src/state/kv-store.js';
import { openWarehouse } from '../src/warehouse/open-warehouse.js';
import type { Warehouse } from '../src/warehouse/types.js';
import { buildAssistant } from '../src/main.js';

/** Typical questions; the comment says where the router sends them. */
const QUESTIONS = [
  'total revenue', // rollup
  'revenue by category', // rollup (orders × category: the smallest that keeps category)
  'top 5 states by revenue', // rollup
  'monthly revenue trend', // rollup
  'cancellation rate by category', // rollup
  'units sold by size', // rollup (orders × size)
  'revenue for Kurta in Maharashtra in May 2022', // rollup
  'average order value by month', // orders rollup
  'How many orders did we get?', // orders rollup (verified per-group distinct order counts)
  'number of orders by category', // orders × category: distinct orders per category (an order can be in two)
];

/** A store that remembers nothing: every ask runs its SQL (no result cache hits, no thread history). */
const forgetfulKv: KvStore = {
  get: async () => null,
  set: async () => undefined,
  setIfAbsent: async () => true,
  delete: async () => undefined,
  keys: async () => [],
  ping: async () => undefined,
  close: async () => undefined,
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const sizes = (arg('sizes') ?? '1e6,1e7,1e8').split(',').map((s) => Math.round(Number(s)));
const runs = Number(arg('runs') ?? 5);
const baseDir = resolve(arg('dir') ?? '.cache/bench-scale');
const logger = createLogger({ level: 'warn' });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};
const ms = (n: number) =>
  n === Infinity ? 'timed out' : Number.isFinite(n) ? `${n < 10 ? n.toFixed(1) : Math.round(n)} ms` : '–';
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(bytes < 10 * 1_048_576 ? 1 : 0)} MB`;
const label = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n.toLocaleString('en-US'));

async function dirBytes(path: string): Promise<number> {
  if (!existsSync(path)) return 0;
  const info = await stat(path);
  if (info.isFile()) return info.size;
  let total = 0;
  for (const e of await readdir(path, { withFileTypes: true, recursive: true }))
    if (e.isFile()) total += (await stat(join(e.parentPath, e.name))).size;
  return total;
}

let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);

interface Row {
  rows: number;
  generateMs: number;
  generated: string;
  parquetBytes: number;
  loadMs: number;
  cacheBytes: number;
  rollupRows: string;
  /** The load report's line on the rollups: rows and build time of each, or why one was not kept. */
  rollupNote: string;
  askRollupP50: number;
  askDetailP50: number;
  oursSqlP50: number;
  bareSqlP50: number;
  sqlRatio: number;
  askRatio: number;
  peakRssBytes: number;
  /** Peak RSS while building the cache (views + rollups), before any question. */
  loadPeakRssBytes: number;
  perQuestion: {
    question: string;
    status: string;
    table: string;
    askMs: number;
    oursMs: number;
    bareMs: number;
  }[];
}

async function timeAsks(
  config: Config,
  warehouse: Warehouse,
): Promise<{ p50: number; answers: Answer[]; perQ: number[] }> {
  const assistant = await buildAssistant({ config, logger, warehouse, kv: forgetfulKv });
  const samples: number[] = [];
  const perQ: number[] = [];
  const answers: Answer[] = [];
  for (const [i, question] of QUESTIONS.entries()) {
    const first = await assistant.ask({ threadKey: `warm-${i}`, text: question }, { chart: false });
    answers.push(first);
    const mine: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      await assistant.ask({ threadKey: `q-${i}-${r}`, text: question }, { chart: false });
      mine.push(performance.now() - t);
    }
    samples.push(...mine);
    perQ.push(median(mine));
  }
  return { p50: median(samples), answers, perQ };
}

/** The biggest generated (not replicated) set that divides `rows`, if any. */
async function largestGenerated(rows: number): Promise<{ dir: string; rows: number } | null> {
  if (!existsSync(baseDir)) return null;
  let best: { dir: string; rows: number } | null = null;
  for (const name of await readdir(baseDir)) {
    const marker = join(baseDir, name, '.bench-complete.json');
    if (!name.startsWith('orders-') || !existsSync(marker)) continue;
    const m = JSON.parse(await readFile(marker, 'utf8')) as { rows: number; replicatedFrom?: number };
    if (m.replicatedFrom || m.rows >= rows || rows % m.rows !== 0) continue;
    if (!best || m.rows > best.rows) best = { dir: join(baseDir, name), rows: m.rows };
  }
  return best;
}

/** k copies of a generated set, order ids suffixed per copy so distinct orders scale too. */
async function replicate(from: string, to: string, copies: number): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:', {
    threads: process.env.DUCKDB_THREADS ?? '2',
    memory_limit: process.env.DUCKDB_MEMORY_LIMIT ?? '1GB',
    temp_directory: join(baseDir, 'spill'),
    preserve_insertion_order: 'false',
  });
  const conn = await instance.connect();
  try {
    await mkdir(to, { recursive: true });
    for (const table of ['inventory', 'price_list', 'international_sales'])
      await conn.run(
        `COPY (SELECT * FROM read_parquet('${from}/${table}.parquet')) TO '${to}/${table}.parquet' (FORMAT parquet, COMPRESSION zstd)`,
      );
    for (let k = 0; k < copies; k++)
      await conn.run(
        `COPY (SELECT * REPLACE (CASE WHEN ${k} = 0 THEN order_id ELSE order_id || '-${k}' END AS order_id)
           FROM read_parquet('${from}/amazon_sales/**/*.parquet', hive_partitioning = true))
         TO '${to}/amazon_sales' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (year, month), FILENAME_PATTERN 'copy${k}_{i}', OVERWRITE_OR_IGNORE true)`,
      );
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

async function benchSize(rows: number): Promise<Row> {
  const dataDir = join(baseDir, `orders-${label(rows)}`);
  const marker = join(dataDir, '.bench-complete.json');
  let generateMs: number;
  let generated: Row['generated'] = 'reused';
  const replicaSource = process.argv.includes('--replicate') ? await largestGenerated(rows) : null;
  if (existsSync(marker)) {
    const done = JSON.parse(await readFile(marker, 'utf8')) as { elapsedMs: number; replicatedFrom?: number };
    generateMs = done.elapsedMs;
    if (done.replicatedFrom) generated = `replicated ×${rows / done.replicatedFrom}`;
  } else if (replicaSource) {
    console.error(`replicating ${label(replicaSource.rows)} ×${rows / replicaSource.rows} into ${dataDir} …`);
    await rm(dataDir, { recursive: true, force: true });
    const t = performance.now();
    await replicate(replicaSource.dir, dataDir, rows / replicaSource.rows);
    generateMs = performance.now() - t;
    generated = `replicated ×${rows / replicaSource.rows}`;
    await writeFile(
      marker,
      JSON.stringify({ elapsedMs: generateMs, rows, replicatedFrom: replicaSource.rows }),
    );
  } else {
    console.error(`generating ${label(rows)} order rows into ${dataDir} …`);
    await rm(dataDir, { recursive: true, force: true });
    // Imported only when generating, so a reused data set needs nothing from the generator.
    const { generateSampleData } = await import('../src/data-gen/generate.js');
    const report = await generateSampleData({ outDir: dataDir, rows, format: 'parquet' });
    generateMs = report.elapsedMs;
    generated = 'now';
    await writeFile(marker, JSON.stringify({ elapsedMs: generateMs, rows }));
  }
  const parquetBytes = await dirBytes(dataDir);

  const cacheDir = join(baseDir, `cache-${label(rows)}`);
  await rm(cacheDir, { recursive: true, force: true });
  const env = {
    DATA_SOURCE: `parquet:${dataDir}`,
    CACHE_DIR: cacheDir,
    LOG_LEVEL: 'warn',
    DUCKDB_MEMORY_LIMIT: process.env.DUCKDB_MEMORY_LIMIT ?? '1GB',
    DUCKDB_THREADS: process.env.DUCKDB_THREADS ?? '2',
    DUCKDB_TEMP_DIR: join(baseDir, 'spill'),
  };
  const config = loadConfig(env);
  console.error(`loading ${label(rows)} (views + rollups) …`);
  peakRss = process.memoryUsage().rss;
  const t0 = performance.now();
  const warehouse = await openWarehouse(config, logger);
  const loadMs = performance.now() - t0;
  // The build's peak, then the serving peak on its own: from the RSS the process keeps after the build.
  const loadPeakRss = peakRss;
  peakRss = process.memoryUsage().rss;
  const cacheFiles = (await readdir(cacheDir)).filter((f) => f.endsWith('.duckdb'));
  const dbPath = join(cacheDir, cacheFiles[0]!);
  const cacheBytes = await dirBytes(dbPath);
  const loadReport = warehouse.loadReport;
  const rollupCounts = await Promise.all(
    (warehouse.rollupTables ?? []).map(
      async (t) => (await warehouse.queryTrusted(`SELECT COUNT(*) FROM ${t}`)).rows[0]![0],
    ),
  );

  console.error(`asking (${runs} runs × ${QUESTIONS.length} questions, with and without rollups) …`);
  const withRollups = await timeAsks(config, warehouse);
  const withoutRollups = await timeAsks({ ...config, ROLLUPS_ENABLED: false }, warehouse);

  // Under load: the 10 questions, 4 at a time, twice; the RSS peak is sampled throughout.
  const loadAssistant = await buildAssistant({
    config: { ...config, ROLLUPS_ENABLED: false },
    logger,
    warehouse,
    kv: forgetfulKv,
  });
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < QUESTIONS.length; i += 4)
      await Promise.all(
        QUESTIONS.slice(i, i + 4).map((q, k) =>
          loadAssistant.ask({ threadKey: `load-${round}-${i + k}`, text: q }, { chart: false }),
        ),
      );
  }

  // Our process only: the bare instance below lives in this process too and must not count.
  const oursPeakRss = peakRss;

  // The same SQL: ours (the locked-down warehouse) vs a bare DuckDB instance on the same file.
  const sqls = withRollups.answers.map((a) => a.sql ?? '');
  const bare = await DuckDBInstance.create(dbPath, {
    access_mode: 'READ_ONLY',
    threads: env.DUCKDB_THREADS,
    memory_limit: env.DUCKDB_MEMORY_LIMIT,
  });
  const bareConn = await bare.connect();
  const oursMs: number[] = [];
  const bareMs: number[] = [];
  const perOurs: number[] = [];
  const perBare: number[] = [];
  for (const sql of sqls) {
    if (!sql) {
      perOurs.push(NaN);
      perBare.push(NaN);
      continue;
    }
    // A query over QUERY_TIMEOUT_MS (detail scans at 100M rows) is reported as timed out, not compared.
    const ok = await warehouse.queryTrusted(sql).then(
      () => true,
      () => false,
    );
    if (!ok) {
      perOurs.push(Infinity);
      perBare.push(NaN);
      continue;
    }
    await bareConn.runAndReadAll(sql);
    const o: number[] = [];
    const b: number[] = [];
    for (let r = 0; r < runs; r++) {
      // Alternate so neither side always runs on a warmer cache.
      let t = performance.now();
      await warehouse.queryTrusted(sql);
      o.push(performance.now() - t);
      t = performance.now();
      (await bareConn.runAndReadAll(sql)).getRowsJson();
      b.push(performance.now() - t);
    }
    oursMs.push(...o);
    bareMs.push(...b);
    perOurs.push(median(o));
    perBare.push(median(b));
  }
  bareConn.closeSync();
  bare.closeSync();
  await warehouse.close();

  const oursSqlP50 = median(oursMs);
  const bareSqlP50 = median(bareMs);
  return {
    rows,
    generateMs,
    generated,
    parquetBytes,
    loadMs,
    cacheBytes,
    rollupRows: rollupCounts.map((n) => Number(n).toLocaleString('en-US')).join(' / '),
    rollupNote:
      loadReport.files
        .find((f) => f.table === 'amazon_sales')
        ?.notes.find((n) => n.startsWith('Rollups built')) ?? 'no rollups built',
    askRollupP50: withRollups.p50,
    askDetailP50: withoutRollups.p50,
    oursSqlP50,
    bareSqlP50,
    sqlRatio: oursSqlP50 / bareSqlP50,
    askRatio: withRollups.p50 / bareSqlP50,
    peakRssBytes: oursPeakRss,
    loadPeakRssBytes: loadPeakRss,
    perQuestion: QUESTIONS.map((question, i) => ({
      question,
      status: withRollups.answers[i]!.status,
      table: /FROM "?(amazon_[a-z_]+)"?/.exec(sqls[i] ?? '')?.[1] ?? '–',
      askMs: withRollups.perQ[i]!,
      oursMs: perOurs[i]!,
      bareMs: perBare[i]!,
    })),
  };
}

await mkdir(baseDir, { recursive: true });
const results: Row[] = [];
for (const size of sizes) {
  const row = await benchSize(size);
  results.push(row);
  console.error(JSON.stringify(row));
}
clearInterval(rssTimer);

const lines = [
  `Scale benchmark: ${cpus().length} cores (load average ${loadavg()[0]!.toFixed(1)}), DuckDB ${process.env.DUCKDB_THREADS ?? '2'} threads, memory_limit ${process.env.DUCKDB_MEMORY_LIMIT ?? '1GB'}, ${runs} runs per question after a warm-up.`,
  '',
  '| order rows | generate (Parquet) | Parquet on disk | load (views + rollups) | cache DB (rollups) | rollup rows (orders / × category / × size / geo / product) | ask p50 with rollups | ask p50 without | SQL p50 ours / bare | ours ÷ bare | peak RSS: load / serving |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...results.map(
    (r) =>
      `| ${label(r.rows)} | ${(r.generateMs / 1000).toFixed(0)} s${r.generated === 'now' ? '' : ` (${r.generated === 'reused' ? 'earlier run' : r.generated})`} | ${mb(r.parquetBytes)} | ${(r.loadMs / 1000).toFixed(1)} s | ${mb(r.cacheBytes)} | ${r.rollupRows} | ${ms(r.askRollupP50)} | ${ms(r.askDetailP50)} | ${ms(r.oursSqlP50)} / ${ms(r.bareSqlP50)} | ${r.sqlRatio.toFixed(2)}× | ${mb(r.loadPeakRssBytes)} / ${mb(r.peakRssBytes)} |`,
  ),
];
for (const r of results) {
  lines.push(
    '',
    `${r.rollupNote}`,
    '',
    `Per question at ${label(r.rows)} rows (with rollups; ask = Assistant end to end, SQL = the answer's SQL):`,
    '',
    '| question | reads | answer | ask p50 | SQL ours | SQL bare |',
    '|---|---|---|---:|---:|---:|',
    ...r.perQuestion.map(
      (q) =>
        `| ${q.question} | ${q.table} | ${q.status} | ${ms(q.askMs)} | ${ms(q.oursMs)} | ${ms(q.bareMs)} |`,
    ),
  );
}
console.log(lines.join('\n'));
