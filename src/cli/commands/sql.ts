import type { QueryResult } from '../../warehouse/types.js';
import { renderTextTable } from '../text-table.js';
import type { CliCommand } from '../types.js';
import { UsageError } from '../usage-error.js';

export function queryResultJson(result: QueryResult): string {
  return JSON.stringify({ columns: result.columns, rows: result.rows, truncated: result.truncated });
}

export const sqlCommand: CliCommand = {
  name: 'sql',
  summary: 'run one read-only SELECT against the clean tables (through the SQL guard)',
  usage: [
    'Usage: retail-insights sql "<SELECT …>" [--json]',
    '',
    'Runs exactly one read-only SELECT (or WITH … SELECT) against the clean tables (see `retail-insights schema`).',
    'The database is read-only and cannot read files; queries time out after QUERY_TIMEOUT_MS (default 10 s)',
    'and return at most QUERY_ROW_LIMIT rows (default 10,000).',
    '',
    'Text that starts with "-" goes after "--": retail-insights sql -- "-1 …" (rarely needed).',
    '',
    'Example: retail-insights sql "SELECT category, SUM(amount) AS revenue FROM amazon_sales GROUP BY 1 ORDER BY 2 DESC"',
  ].join('\n'),
  options: {},
  positionals: 'text',
  async run(ctx) {
    const sql = ctx.positionals.join(' ').trim();
    if (!sql) throw new UsageError('Give the query as an argument: retail-insights sql "SELECT …"', 'sql');
    const { warehouse } = await ctx.warehouse();
    const result = await warehouse.queryGuarded(sql);
    if (ctx.flags.json) {
      ctx.io.stdout.write(`${queryResultJson(result)}\n`);
      return 0;
    }
    ctx.io.stdout.write(
      `${renderTextTable(
        result.columns.map((c) => c.name),
        result.rows,
      )}\n`,
    );
    const count = `${result.rows.length} row${result.rows.length === 1 ? '' : 's'}`;
    ctx.io.stdout.write(
      `(${count}${result.truncated ? ', truncated at the row limit' : ''}; ${Math.round(result.elapsedMs)} ms)\n`,
    );
    return 0;
  },
};
