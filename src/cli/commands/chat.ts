import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Answer } from '../../agent/answer.js';
import type { CliCommand } from '../types.js';
import { saveChart, takeOption, writeAnswer } from './ask.js';

const EXIT_WORDS = new Set(['exit', 'quit', 'bye', ':q']);

export const chatCommand: CliCommand = {
  name: 'chat',
  summary: 'a conversation: questions line by line as one thread (interactive shell on a terminal)',
  usage: [
    'Usage: retail-insights chat [--json] [--chart-dir DIR]',
    '',
    'Reads questions line by line from stdin and answers each, as one conversation: follow-ups such as',
    '"and in June?", "only for Kurta" or "show that as a pie" use the previous answer. On a terminal it is an',
    'interactive shell (type "exit" to leave; answer a clarification with its number).',
    "  --chart-dir DIR  write each answer's chart to DIR/answer-N.png",
    '  --json           one JSON object per answer, one per line',
    '',
    'Example: printf "revenue in May 2022\\nand in June?\\n" | retail-insights chat',
  ].join('\n'),
  async run(ctx) {
    const { value: chartDir } = takeOption(ctx.args, '--chart-dir');
    const { assistant } = await ctx.services();
    const threadKey = `cli:chat:${randomBytes(4).toString('hex')}`;
    const interactive = ctx.io.interactive && !ctx.flags.json;
    const rl = createInterface({
      input: ctx.io.stdin,
      ...(interactive ? { output: ctx.io.stdout, prompt: 'retail> ' } : {}),
      terminal: interactive,
    });
    if (interactive) {
      ctx.io.stdout.write('Ask about the sales data in plain English ("exit" to leave).\n');
      rl.prompt();
    }
    let last: Answer | undefined;
    let count = 0;
    let errors = 0;
    for await (const line of rl) {
      let text = line.trim();
      if (!text) {
        if (interactive) rl.prompt();
        continue;
      }
      if (EXIT_WORDS.has(text.toLowerCase())) break;
      // "2" after a clarification picks its second option: one with a plan is answered as that plan (its label is
      // the turn's text, for history), never by reading its words again; one without asks its question.
      const pick =
        /^\d$/.test(text) && last?.status === 'clarify' ? last.suggestions[Number(text) - 1] : undefined;
      if (pick) text = pick.plan ? pick.label : pick.question;
      count++;
      const answer = await assistant.ask(
        { threadKey, text, ...(pick?.plan ? { plan: pick.plan } : {}) },
        { chart: Boolean(chartDir) },
      );
      if (answer.status === 'error') errors++;
      const path = chartDir ? saveChart(answer, join(chartDir, `answer-${count}.png`)) : null;
      writeAnswer(ctx, answer, path);
      if (interactive) {
        ctx.io.stdout.write('\n');
        rl.prompt();
      }
      last = answer;
    }
    rl.close();
    return errors > 0 && errors === count ? 1 : 0;
  },
};
