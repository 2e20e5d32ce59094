import { generateSampleData, DEFAULT_SEED } from '../../data-gen/generate.js';
import { AppError } from '../../errors.js';
import type { CliCommand } from '../types.js';
import { CONVERT_USAGE, runDataConvert } from './data-convert.js';

const USAGE = [
  'Usage: retail-insights data generate --out DIR [--rows N] [--seed S] [--format csv|parquet]',
  '',
  '  --out DIR        where to write the files (created if missing)',
  '  --rows N         Amazon order lines (default 128,975, the real file’s size)',
  `  --seed S         random seed; the same seed writes the same files (default ${DEFAULT_SEED})`,
  '  --format csv     the retailer’s five raw CSV files, same headers and quirks (default)',
  '  --format parquet clean tables: amazon_sales/year=YYYY/month=MM/*.parquet and small tables as .parquet',
].join('\n');

/** Parses `--name value` / `--name=value` flags; unknown flags are an error, not silently ignored. */
function parseFlags(args: string[], allowed: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match || !allowed.includes(match[1]!))
      throw new AppError('BAD_INPUT', `Unknown option "${arg}".\n\n${USAGE}`);
    const value = match[2] ?? args[++i];
    if (value === undefined || value === '')
      throw new AppError('BAD_INPUT', `--${match[1]} needs a value.\n\n${USAGE}`);
    out[match[1]!] = value;
  }
  return out;
}

function wholeNumber(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const cleaned = raw.replace(/[_,]/g, '');
  if (!/^\d+$/.test(cleaned)) throw new AppError('BAD_INPUT', `--${name} must be a whole number.`);
  return Number(cleaned);
}

export const dataCommand: CliCommand = {
  name: 'data',
  summary: 'Generate a sample data set (data generate --out DIR) or convert CSVs to Parquet (data convert)',
  usage: `${USAGE}\n\n${CONVERT_USAGE}`,
  async run(ctx) {
    const [sub, ...rest] = ctx.args;
    if (sub === 'convert') return runDataConvert(ctx, rest);
    if (sub !== 'generate') throw new AppError('BAD_INPUT', `${USAGE}\n\n${CONVERT_USAGE}`);
    const flags = parseFlags(rest, ['out', 'rows', 'seed', 'format']);
    if (!flags.out) throw new AppError('BAD_INPUT', `--out DIR is required.\n\n${USAGE}`);
    const format = flags.format ?? 'csv';
    if (format !== 'csv' && format !== 'parquet')
      throw new AppError('BAD_INPUT', '--format must be csv or parquet.');
    const report = await generateSampleData({
      outDir: flags.out,
      rows: wholeNumber('rows', flags.rows),
      seed: wholeNumber('seed', flags.seed),
      format,
    });
    if (ctx.flags.json) {
      ctx.io.stdout.write(`${JSON.stringify(report)}\n`);
      return 0;
    }
    const width = Math.max(...report.files.map((f) => f.file.length));
    ctx.io.stdout.write(
      [
        `Wrote a ${format} sample data set to ${report.outDir} in ${(report.elapsedMs / 1000).toFixed(1)} s:`,
        ...report.files.map(
          (f) =>
            `  ${f.file.padEnd(width)}  ${f.rows.toLocaleString('en-US').padStart(12)} rows  ${(f.bytes / 1_048_576).toFixed(1).padStart(8)} MB`,
        ),
      ].join('\n') + '\n',
    );
    return 0;
  },
};
