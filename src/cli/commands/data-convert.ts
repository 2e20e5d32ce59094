import { loadConfig } from '../../config/config.js';
import { AppError } from '../../errors.js';
import { convertCsvToParquet } from '../../warehouse/sources/convert-csv-to-parquet.js';
import type { CliContext } from '../types.js';

export const CONVERT_USAGE = [
  'Usage: retail-insights data convert --from DIR --to DIR',
  '',
  '  --from DIR   the retailer’s raw CSV files (read through the same loaders as DATA_DIR)',
  '  --to DIR     clean-schema Parquet: amazon_sales/year=YYYY/month=MM/*.parquet and one .parquet per other table;',
  '               then run with DATA_SOURCE=parquet:DIR',
].join('\n');

/** `data convert`: raw CSVs → partitioned clean Parquet (src/warehouse/sources/convert-csv-to-parquet.ts). */
export async function runDataConvert(ctx: CliContext, args: string[]): Promise<number> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const match = /^--(from|to)(?:=(.*))?$/.exec(args[i]!);
    if (!match) throw new AppError('BAD_INPUT', `Unknown option "${args[i]}".\n\n${CONVERT_USAGE}`);
    const value = match[2] ?? args[++i];
    if (!value) throw new AppError('BAD_INPUT', `--${match[1]} needs a value.\n\n${CONVERT_USAGE}`);
    flags[match[1]!] = value;
  }
  if (!flags.from || !flags.to)
    throw new AppError('BAD_INPUT', `--from DIR and --to DIR are required.\n\n${CONVERT_USAGE}`);
  const config = loadConfig(ctx.env);
  const report = await convertCsvToParquet(flags.from, flags.to, {
    threads: config.DUCKDB_THREADS,
    memoryLimit: config.DUCKDB_MEMORY_LIMIT,
    ...(config.DUCKDB_TEMP_DIR ? { tempDirectory: config.DUCKDB_TEMP_DIR } : {}),
  });
  if (ctx.flags.json) {
    ctx.io.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  }
  const rejected = report.load.files.reduce((a, f) => a + f.rowsRejected, 0);
  const width = Math.max(...report.tables.map((t) => t.path.length));
  ctx.io.stdout.write(
    [
      `Converted ${report.from} to Parquet in ${report.to} in ${(report.elapsedMs / 1000).toFixed(1)} s:`,
      ...report.tables.map(
        (t) =>
          `  ${t.path.padEnd(width)}  ${t.rows.toLocaleString('en-US').padStart(12)} rows  ${(t.bytes / 1_048_576).toFixed(1).padStart(8)} MB`,
      ),
      `  rows rejected while loading the CSVs: ${rejected.toLocaleString('en-US')}${report.load.unrecognisedFiles.length ? `; not recognised: ${report.load.unrecognisedFiles.join(', ')}` : ''}`,
      `Use it with DATA_SOURCE=parquet:${report.to}`,
    ].join('\n') + '\n',
  );
  return 0;
}
