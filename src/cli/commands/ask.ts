import { stringOption } from '../args.js';
import { checkedOutputFile } from '../output-path.js';
import { styleFor } from '../style.js';
import type { CliCommand } from '../types.js';
import { UsageError } from '../usage-error.js';

export const askCommand: CliCommand = {
  name: 'ask',
  summary: 'answer one question in plain English',
  usage: [
    'Usage: retail-insights ask "<question>" [--json] [--chart out.png]',
    '',
    'Answers one question about the sales data: the number(s), a short insight, the definition and dates used.',
    '  --chart FILE  also render the chart (when the answer has one) to a PNG file; its folder must exist',
    '  --json        one JSON object: question, status, answer, reading, plan, sql, columns, rows, validation, …',
    '',
    'A question that starts with "-" goes after "--": retail-insights ask -- "-5% days?"',
    '',
    'Examples:',
    '  retail-insights ask "revenue by category in May 2022"',
    '  retail-insights ask "top 5 states by orders last month" --chart states.png',
  ].join('\n'),
  options: { chart: { type: 'string' } },
  positionals: 'text',
  async run(ctx) {
    const chart = stringOption(ctx.values, 'chart');
    if (chart === '') throw new UsageError('--chart needs a file name.', 'ask');
    const question = ctx.positionals.join(' ').trim();
    if (!question) throw new UsageError('Give the question as an argument: retail-insights ask "…"', 'ask');
    const chartPath = chart === undefined ? undefined : checkedOutputFile(chart, '--chart', 'ask');
    const [{ assistant }, { saveChart, writeAnswer }] = await Promise.all([
      ctx.services(),
      import('../answer-output.js'),
    ]);
    const answer = await assistant.ask(
      { threadKey: `cli:ask:${process.pid}:${Date.now()}`, text: question },
      { chart: chartPath !== undefined },
    );
    writeAnswer(ctx, answer, saveChart(answer, chartPath), { style: styleFor(ctx.io.terminal, ctx.env) });
    return answer.status === 'error' ? 1 : 0;
  },
};
