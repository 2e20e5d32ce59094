import { AppError } from '../../errors.js';
import type { Cell, QueryResult } from '../../warehouse/types.js';
import type { CliCommand } from '../types.js';

/** A plain-text table for the terminal: numbers right-aligned, long cells cut. */
export function renderTextTable(
  headers: string[],
  rows: Cell[][],
  options: { maxWidth?: number } = {},
): string {
  const maxWidth = options.maxWidth ?? 60;
  const text = (cell: Cell): string => {
    const s = cell === null ? 'NULL' : String(cell);
    return s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s;
  };
  const cells = rows.map((row) => row.map(text));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const numeric = headers.map(
    (_, i) => rows.length > 0 && rows.every((r) => r[i] === null || typeof r[i] === 'number'),
  );
  const line = (values: string[]) =>
    values
      .map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

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
    'Example: retail-insights sql "SELECT category, SUM(amount) AS revenue FROM amazon_sales GROUP BY 1 ORDER BY 2 DESC"',
  ].join('\n'),
  async run(ctx) {
    const sql = ctx.args.join(' ').trim();
    if (!sql)
      throw new AppError('BAD_INPUT', 'Give the query as an argument: retail-insights sql "SELECT …"');
    const { warehouse } = await ctx.services();
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
