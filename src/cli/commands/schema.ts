import { formatIndianNumber } from '../../format/money.js';
import type { CliCommand } from '../types.js';
import { renderTextTable } from '../text-table.js';

export const schemaCommand: CliCommand = {
  name: 'schema',
  summary: 'the clean tables: columns, types, descriptions, row counts, date coverage',
  usage: [
    'Usage: retail-insights schema [--json]',
    '',
    'Lists the clean tables loaded from DATA_DIR with each column’s type and meaning, row counts, date coverage,',
    'and what the load did with each file (rows read, loaded, rejected with reasons).',
  ].join('\n'),
  options: {},
  async run(ctx) {
    // Loaded when the command runs: it pulls in the catalog (zod), which `--help` must not pay for.
    const { dataStatus } = await import('../../semantic/data-availability.js');
    const { warehouse } = await ctx.warehouse();
    const schema = warehouse.schema();
    const report = warehouse.loadReport;
    const status = dataStatus(report);
    if (ctx.flags.json) {
      ctx.io.stdout.write(`${JSON.stringify({ ...schema, load: report, data: status }, null, 2)}\n`);
      return 0;
    }
    const out: string[] = ['What loaded:', ...status.lines.map((l) => `  ${l}`)];
    if (status.caveat) out.push(`  ${status.caveat}`);
    out.push('');
    for (const table of schema.tables) {
      const coverage = table.dateRange
        ? `, ${table.dateRange.column} ${table.dateRange.from} → ${table.dateRange.to}`
        : '';
      out.push(`${table.name} (${formatIndianNumber(table.rowCount)} rows${coverage})`);
      out.push(`  ${table.description}`);
      out.push(
        renderTextTable(
          ['column', 'type', 'description'],
          table.columns.map((c) => [c.name, c.type, c.description]),
          { maxWidth: 110 },
        )
          .split('\n')
          .map((l) => `  ${l}`)
          .join('\n'),
      );
      out.push('');
    }
    out.push(`Loaded from ${report.dataDir}${report.fromCache ? ' (from the cache)' : ''}:`);
    for (const file of report.files) {
      if (!file.recognisedAs) {
        out.push(`  ${file.file}: ${file.notes[0] ?? 'not recognised, skipped'}`);
        continue;
      }
      out.push(
        `  ${file.file} → ${file.table}: ${formatIndianNumber(file.rowsRead)} read, ${formatIndianNumber(file.rowsLoaded)} loaded, ${formatIndianNumber(file.rowsRejected)} rejected`,
      );
      for (const r of file.rejected)
        out.push(
          `    rejected ${formatIndianNumber(r.count)}: ${r.reason} (e.g. rows ${r.exampleRows.join(', ')})`,
        );
      for (const note of file.notes) out.push(`    note: ${note}`);
    }
    ctx.io.stdout.write(`${out.join('\n')}\n`);
    return 0;
  },
};
