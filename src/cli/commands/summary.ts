import { join } from 'node:path';
import { SUMMARY_PERIODS_HELP } from '../../agent/summary/summary-period.js';
import { messages } from '../../slack/messages.js';
import { postSummaryNow } from '../../slack/post-summary-now.js';
import type { CliCommand } from '../types.js';
import { saveChart, takeOption, writeAnswer } from './ask.js';

export const summaryCommand: CliCommand = {
  name: 'summary',
  summary: 'KPIs for a period vs the previous one, top categories and states, status mix, insights',
  usage: [
    'Usage: retail-insights summary [--period P] [--json] [--chart-dir DIR]',
    '',
    `Periods: ${SUMMARY_PERIODS_HELP}.`,
    'Revenue, orders, units, average order value and cancellation rate, each with its change versus the previous',
    "period; top categories and states; status mix; notable movers. Dates are relative to the data's latest date.",
    '  --chart-dir DIR  write the dashboard PNG to DIR/summary-<period>.png',
    '  --post CHANNEL   post it to a Slack channel id now (needs SLACK_BOT_TOKEN), as the weekly job does',
    '',
    'Example: retail-insights summary --period 2022-05',
  ].join('\n'),
  async run(ctx) {
    const { value: period, rest } = takeOption(ctx.args, '--period');
    const { value: chartDir, rest: afterChart } = takeOption(rest, '--chart-dir');
    const { value: postChannel } = takeOption(afterChart, '--post');
    if (postChannel) {
      const posted = await postSummaryNow(await ctx.services(), postChannel, period);
      ctx.io.stdout.write(`${messages.summaryPostedTo(postChannel, posted.ts)}\n`);
      return 0;
    }
    const { assistant } = await ctx.services();
    const answer = await assistant.summary({ ...(period ? { period } : {}), chart: Boolean(chartDir) });
    const path = chartDir ? saveChart(answer, join(chartDir, `summary-${period ?? 'week'}.png`)) : null;
    writeAnswer(ctx, answer, path);
    return answer.status === 'error' ? 1 : 0;
  },
};
