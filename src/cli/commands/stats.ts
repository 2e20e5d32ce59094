import { BLANK } from '../../format/blank.js';
import { formatIndianNumber, formatInr, formatPercent } from '../../format/money.js';
import { computeStats, type StatsRow } from '../../warehouse/stats.js';
import type { CliCommand } from '../types.js';
import { renderTextTable } from '../text-table.js';

function section(title: string, keyName: string, rows: StatsRow[], limit?: number): string {
  const shown = limit ? rows.slice(0, limit) : rows;
  const table = renderTextTable(
    [keyName, 'revenue', 'share', 'orders', 'units', 'lines'],
    shown.map((r) => [
      r.key ?? BLANK,
      formatInr(r.revenue),
      formatPercent(r.share),
      formatIndianNumber(r.orders),
      formatIndianNumber(r.units),
      formatIndianNumber(r.orderLines),
    ]),
  );
  const more = limit && rows.length > limit ? `\n  … and ${rows.length - limit} more (--json for all)` : '';
  return `${title}\n${table
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}${more}`;
}

export const statsCommand: CliCommand = {
  name: 'stats',
  summary: 'summary statistics: totals, by category, state, status and month',
  usage: [
    'Usage: retail-insights stats [--json]',
    '',
    'Revenue = gross SUM(amount) over all Amazon order lines (blank amounts count as 0); net revenue excludes',
    'cancelled lines; orders = distinct order ids.',
  ].join('\n'),
  options: {},
  async run(ctx) {
    const { warehouse } = await ctx.warehouse();
    const stats = await computeStats(warehouse);
    if (ctx.flags.json) {
      ctx.io.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
      return 0;
    }
    const t = stats.totals;
    const out = [
      `Amazon orders ${t.from ?? '?'} → ${t.to ?? '?'}`,
      `  revenue (gross)      ${formatInr(t.revenue)}`,
      `  net revenue          ${formatInr(t.netRevenue)} (excluding cancelled)`,
      `  orders               ${formatIndianNumber(t.orders)} (${formatIndianNumber(t.orderLines)} order lines)`,
      `  units                ${formatIndianNumber(t.units)}`,
      `  average order value  ${formatInr(t.averageOrderValue)}`,
      `  cancelled lines      ${formatIndianNumber(t.cancelledLines)} (${formatPercent(t.cancellationRate)})`,
      '',
      section('By month', 'month', stats.byMonth),
      '',
      section('By category', 'category', stats.byCategory),
      '',
      section('By state (top 15)', 'state', stats.byState, 15),
      '',
      section('By status', 'status', stats.byStatus),
      '',
      `International/wholesale: ${formatIndianNumber(stats.international.lines)} lines, ${formatIndianNumber(stats.international.pieces)} pieces, ${formatInr(stats.international.grossAmount)} gross (${stats.international.from ?? '?'} → ${stats.international.to ?? '?'})`,
      `Inventory: ${formatIndianNumber(stats.inventory.skus)} SKUs, ${formatIndianNumber(stats.inventory.stock)} units in stock`,
    ];
    ctx.io.stdout.write(`${out.join('\n')}\n`);
    return 0;
  },
};
