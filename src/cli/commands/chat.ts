import { stringOption } from '../args.js';
import { checkedOutputFolder } from '../output-path.js';
import type { CliCommand } from '../types.js';
import { UsageError } from '../usage-error.js';

export const chatCommand: CliCommand = {
  name: 'chat',
  summary: 'a conversation: questions line by line as one thread (interactive shell on a terminal)',
  usage: [
    'Usage: retail-insights chat [--json] [--chart-dir DIR]',
    '',
    'Reads questions line by line from stdin and answers each, as one conversation: follow-ups such as',
    '"and in June?", "only for Kurta" or "show that as a pie" use the previous answer. On a terminal it is an',
    'interactive shell with its history kept between sessions (in CACHE_DIR).',
    '  help    lists the shell commands',
    '  new     starts a new conversation (follow-ups forget the previous answers)',
    '  1, 2 …  asks the numbered suggestion (or clarification option) of the last answer',
    '  exit    leaves (so do quit, bye, :q and Ctrl-D)',
    "  --chart-dir DIR  write each answer's chart to DIR/answer-N.png (DIR must exist)",
    '  --json           one JSON object per answer, one per line',
    'Colour only on a terminal, and never with NO_COLOR set.',
    '',
    'Example: printf "revenue in May 2022\\nand in June?\\n" | retail-insights chat',
  ].join('\n'),
  options: { 'chart-dir': { type: 'string' } },
  async run(ctx) {
    const flag = stringOption(ctx.values, 'chart-dir');
    if (flag === '') throw new UsageError('--chart-dir needs a folder.', 'chat');
    const chartDir = flag === undefined ? undefined : checkedOutputFolder(flag, '--chart-dir', 'chat');
    const [services, { runChatShell }, { resolveCacheDir }] = await Promise.all([
      ctx.services(),
      import('../chat/shell.js'),
      import('../../warehouse/cache.js'),
    ]);
    return runChatShell(ctx, services.assistant, {
      ...(chartDir ? { chartDir } : {}),
      cacheDir: resolveCacheDir(services.config.CACHE_DIR),
    });
  },
};
