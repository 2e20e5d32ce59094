import { stringOption } from '../args.js';
import type { CliCommand, CliContext } from '../types.js';
import { UsageError } from '../usage-error.js';

const CONVERT_USAGE = [
  'Usage: retail-insights data convert --from DIR --to DIR',
  '',
  '  --from DIR   the retailer’s raw CSV files (read through the same loaders as DATA_DIR)',
  '  --to DIR     clean-schema Parquet: amazon_sales/year=YYYY/month=MM/*.parquet and one .parquet per other table;',
  '               then run with DATA_SOURCE=parquet:DIR',
].join('\n');

export const dataConvertCommand: CliCommand = {
  name: 'convert',
  summary: 'convert raw CSVs into clean, partitioned Parquet',
  usage: CONVERT_USAGE,
  options: { from: { type: 'string' }, to: { type: 'string' } },
  run: runDataConvert,
};

/** `data convert`: raw CSVs → partitioned clean Parquet (src/warehouse/sources/convert-csv-to-parquet.ts). */
async function runDataConvert(ctx: CliContext): Promise<number> {
  const from = stringOption(ctx.values, 'from');
  const to = stringOption(ctx.values, 'to');
  if (!from || !to) throw new UsageError('--from DIR and --to DIR are required.', 'data convert');
  const [{ loadConfig }, { convertCsvToParquet }] = await Promise.all([
    import('../../config/config.js'),
    import('../../warehouse/sources/convert-csv-to-parquet.js'),
  ]);
  const config = loadConfig(ctx.env);
  const report = await convertCsvToParquet(from, to, {
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
