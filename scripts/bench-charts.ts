/**
 * npm run bench:charts [-- --out DIR] [--runs N]
 * Median render time per chart type at 2× (target < 60 ms) and the dashboard render time, over the hand-made
 * results in test/unit/charts/fixtures.ts (and the real Kaggle results when ../shared/datasets is present).
 * With --out DIR it also writes every PNG there, which is how the charts are looked at and reviewed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDashboardSpec, chooseChart, renderPng } from '../src/charts/index.js';
import { DASHBOARD_SAMPLE, HAND_MADE, REAL_PLANS } from '../test/unit/charts/fixtures.js';
import { hasRealData, openRealData, REAL_QUERIES } from '../test/unit/charts/real-data.js';

const { values } = parseArgs({
  options: { out: { type: 'string' }, runs: { type: 'string', default: '15' } },
});
const runs = Math.max(1, Number(values.runs));
const outDir = values.out;
if (outDir) mkdirSync(outDir, { recursive: true });

interface Job {
  name: string;
  type: string;
  spec: Record<string, unknown>;
}

const jobs: Job[] = [];
for (const c of HAND_MADE) {
  const chart = chooseChart(c.plan, c.result);
  if (chart) jobs.push({ name: c.name, type: chart.type, spec: chart.spec });
}
// Charts a user asks for by name ("as a pie", "as bars") on the same results.
const PREFERENCES: [string, string][] = [
  ['revenue-share-by-category', 'pie'],
  ['revenue-by-month', 'bar'],
  ['revenue-by-fulfilment-and-channel', 'grouped_bar'],
];
for (const [name, preference] of PREFERENCES) {
  const c = HAND_MADE.find((h) => h.name === name)!;
  const chart = chooseChart(c.plan, c.result, { preference });
  if (chart) jobs.push({ name: `${name}-as-${preference}`, type: chart.type, spec: chart.spec });
}
if (hasRealData) {
  const db = await openRealData();
  try {
    for (const [name, sql] of Object.entries(REAL_QUERIES)) {
      const chart = chooseChart(REAL_PLANS[name]?.plan, await db.query(sql));
      if (chart) jobs.push({ name: `real-${name}`, type: chart.type, spec: chart.spec });
    }
  } finally {
    db.close();
  }
} else {
  console.warn(
    'real data not found (../shared/datasets/ecommerce-sales): benchmarking hand-made results only',
  );
}
jobs.push({ name: 'dashboard', type: 'dashboard', spec: buildDashboardSpec(DASHBOARD_SAMPLE) });

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

// Warm-up: the first render pays for font registration and vega's code generation.
const warmStart = performance.now();
await renderPng(jobs[0]!.spec);
const firstMs = performance.now() - warmStart;

const byType = new Map<string, { wall: number[]; cpu: number[] }>();
const warnings: string[] = [];
for (const job of jobs) {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let png: Uint8Array | undefined;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    png = await renderPng(job.spec, { onWarning: (w) => warnings.push(`${job.name}: ${w}`) });
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
    times.push(performance.now() - t);
  }
  const prev = byType.get(job.type) ?? { wall: [], cpu: [] };
  byType.set(job.type, { wall: [...prev.wall, ...times], cpu: [...prev.cpu, ...cpuTimes] });
  if (outDir && png) writeFileSync(join(outDir, `${job.name}.png`), png);
  console.log(
    `${job.name.padEnd(48)} ${job.type.padEnd(12)} median ${median(times).toFixed(1).padStart(6)} ms wall, ` +
      `${median(cpuTimes).toFixed(1).padStart(6)} ms CPU, ${png ? Math.round(png.byteLength / 1024) : 0} KiB`,
  );
}

// Wall time depends on what else the machine runs; CPU time is this process's own work (the figure to compare).
console.log(
  `\nload average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} CPUs`,
);
console.log(
  'chart type     median wall ms   median CPU ms   min CPU ms   (2x pixel ratio, warm; target < 60 ms)',
);
for (const [type, { wall, cpu }] of byType) {
  const m = median(cpu);
  const verdict = type === 'dashboard' ? '' : m < 60 ? 'ok' : 'over target';
  console.log(
    `${type.padEnd(14)} ${median(wall).toFixed(1).padStart(14)} ${m.toFixed(1).padStart(15)} ` +
      `${Math.min(...cpu)
        .toFixed(1)
        .padStart(12)}   ${verdict}`,
  );
}
console.log(`first render (cold, includes font registration): ${firstMs.toFixed(0)} ms`);
console.log(`vega warnings: ${warnings.length}`);
for (const w of [...new Set(warnings)].slice(0, 10)) console.log(`  ${w}`);
if (outDir) console.log(`PNGs written to ${outDir}`);
