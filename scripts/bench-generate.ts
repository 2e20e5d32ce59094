/**
 * Sample-data generator benchmark: wall time, process CPU time and peak RSS of one generateSampleData run.
 *
 *   npx tsx scripts/bench-generate.ts [--rows N] [--format csv|parquet] [--seed S] [--out DIR] [--keep]
 *
 * Peak RSS is the kernel's high-water mark (VmHWM) of this process, which includes DuckDB's native memory. CPU time
 * is printed next to wall time because the shared 2-core machine's load inflates wall time.
 */
import { readFile, rm } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSampleData } from '../src/data-gen/generate.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function peakRssMb(): Promise<number> {
  const status = await readFile('/proc/self/status', 'utf8').catch(() => '');
  const kb = /VmHWM:\s+(\d+)/.exec(status)?.[1];
  return kb ? Math.round(Number(kb) / 1024) : Math.round(process.memoryUsage().rss / 2 ** 20);
}

const rows = arg('rows') === undefined ? undefined : Number(arg('rows'));
const format = (arg('format') ?? 'csv') as 'csv' | 'parquet';
const seed = arg('seed') === undefined ? undefined : Number(arg('seed'));
const out = arg('out') ?? (await mkdtemp(join(tmpdir(), 'bench-generate-')));
const cpuBefore = process.cpuUsage();
const report = await generateSampleData({ outDir: out, rows, seed, format });
const cpu = process.cpuUsage(cpuBefore);
const mb = (b: number): string => (b / 2 ** 20).toFixed(1);
console.log(
  `generate ${format} rows=${(rows ?? 128_975).toLocaleString('en')}: wall ${(report.elapsedMs / 1000).toFixed(2)} s, ` +
    `CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, peak RSS ${await peakRssMb()} MB`,
);
for (const f of report.files)
  console.log(`  ${f.file.padEnd(32)} ${String(f.rows).padStart(12)} rows  ${mb(f.bytes)} MB`);
if (!process.argv.includes('--keep') && arg('out') === undefined)
  await rm(out, { recursive: true, force: true });
