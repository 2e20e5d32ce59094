import { join } from 'node:path';
import { SUMMARY_PERIODS_HELP } from '../../agent/summary/summary-period.js';
import { messages } from '../../slack/messages.js';
import { stringOption } from '../args.js';
import { checkedOutputFolder } from '../output-path.js';
import { styleFor } from '../style.js';
import type { CliCommand } from '../types.js';
import { UsageError } from '../usage-error.js';

export const summaryCommand: CliCommand = {
  name: 'summary',
  summary: 'KPIs for a period vs the previous one, top categories and states, status mix, insights',
  usage: [
    'Usage: retail-insights summary [--period P] [--json] [--chart-dir DIR] [--post CHANNEL]',
    '',
    `Periods: ${SUMMARY_PERIODS_HELP}.`,
    'Revenue, orders, units, average order value and cancellation rate, each with its change versus the previous',
    "period; top categories and states; status mix; notable movers. Dates are relative to the data's latest date.",
    '  --chart-dir DIR  write the dashboard PNG to DIR/summary-<period>.png (DIR must exist)',
    '  --post CHANNEL   post it to a Slack channel id now (needs SLACK_BOT_TOKEN), as the weekly job does',
    '',
    'Example: retail-insights summary --period 2022-05',
  ].join('\n'),
  options: {
    period: { type: 'string' },
    'chart-dir': { type: 'string' },
    post: { type: 'string' },
  },
  async run(ctx) {
    const period = stringOption(ctx.values, 'period');
    const chartDirFlag = stringOption(ctx.values, 'chart-dir');
    const postChannel = stringOption(ctx.values, 'post');
    for (const [flag, value] of [
      ['--period', period],
      ['--chart-dir', chartDirFlag],
      ['--post', postChannel],
    ] as const)
      if (value === '') throw new UsageError(`${flag} needs a value.`, 'summary');
    const chartDir =
      chartDirFlag === undefined ? undefined : checkedOutputFolder(chartDirFlag, '--chart-dir', 'summary');
    if (postChannel) {
      const [services, { postSummaryNow }] = await Promise.all([ctx.services(), import('../../server.js')]);
      const posted = await postSummaryNow(services, postChannel, period);
      ctx.io.stdout.write(`${messages.summaryPostedTo(postChannel, posted.ts)}\n`);
      return 0;
    }
    const [{ assistant }, { saveChart, writeAnswer }] = await Promise.all([
      ctx.services(),
      import('../answer-output.js'),
    ]);
    const answer = await assistant.summary({ ...(period ? { period } : {}), chart: chartDir !== undefined });
    const path = chartDir ? saveChart(answer, join(chartDir, `summary-${period ?? 'week'}.png`)) : null;
    writeAnswer(ctx, answer, path, { style: styleFor(ctx.io.terminal, ctx.env) });
    return answer.status === 'error' ? 1 : 0;
  },
};
