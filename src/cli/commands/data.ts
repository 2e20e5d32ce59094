import { AppError } from '../../errors.js';
import { stringOption } from '../args.js';
import type { CliCommand } from '../types.js';
import { UsageError } from '../usage-error.js';
import { dataConvertCommand } from './data-convert.js';

/** The generator's default seed; a test keeps it equal to data-gen's DEFAULT_SEED (not imported: it loads DuckDB). */
export const GENERATE_DEFAULT_SEED = 42;

const GENERATE_USAGE = [
  'Usage: retail-insights data generate --out DIR [--rows N] [--seed S] [--format csv|parquet]',
  '',
  '  --out DIR        where to write the files (created if missing)',
  '  --rows N         Amazon order lines (default 128,975, the real file’s size)',
  `  --seed S         random seed; the same seed writes the same files (default ${GENERATE_DEFAULT_SEED})`,
  '  --format csv     the retailer’s five raw CSV files, same headers and quirks (default)',
  '  --format parquet clean tables: amazon_sales/year=YYYY/month=MM/*.parquet and small tables as .parquet',
].join('\n');

function wholeNumber(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const cleaned = raw.replace(/[_,]/g, '');
  if (!/^\d+$/.test(cleaned)) throw new UsageError(`--${name} must be a whole number.`, 'data generate');
  return Number(cleaned);
}

export const dataGenerateCommand: CliCommand = {
  name: 'generate',
  summary: 'write a sample data set',
  usage: GENERATE_USAGE,
  options: {
    out: { type: 'string' },
    rows: { type: 'string' },
    seed: { type: 'string' },
    format: { type: 'string' },
  },
  async run(ctx) {
    const out = stringOption(ctx.values, 'out');
    if (!out) throw new UsageError('--out DIR is required.', 'data generate');
    const format = stringOption(ctx.values, 'format') ?? 'csv';
    if (format !== 'csv' && format !== 'parquet')
      throw new UsageError('--format must be csv or parquet.', 'data generate');
    const rows = wholeNumber('rows', stringOption(ctx.values, 'rows'));
    const seed = wholeNumber('seed', stringOption(ctx.values, 'seed'));
    const { generateSampleData } = await import('../../data-gen/generate.js');
    const report = await generateSampleData({ outDir: out, rows, seed, format });
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

export const dataCommand: CliCommand = {
  name: 'data',
  summary: 'Generate a sample data set (data generate --out DIR) or convert CSVs to Parquet (data convert)',
  usage: `${GENERATE_USAGE}\n\n${dataConvertCommand.usage}`,
  options: {},
  subcommands: [dataGenerateCommand, dataConvertCommand],
  run() {
    // The dispatcher runs a subcommand, or prints this usage when none is named.
    return Promise.reject(new AppError('BAD_INPUT', `${GENERATE_USAGE}\n\n${dataConvertCommand.usage}`));
  },
};
