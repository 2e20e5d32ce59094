import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Answer, Assistant, Suggestion } from '../../agent/answer.js';
import { saveChart, writeAnswer } from '../answer-output.js';
import { styleFor } from '../style.js';
import type { CliContext } from '../types.js';
import { chatHistoryPath, HISTORY_SIZE, loadChatHistory, saveChatHistory } from './chat-history.js';
import { withSpinner } from './spinner.js';

const EXIT_WORDS = new Set(['exit', 'quit', 'bye', ':q']);

const SHELL_HELP = [
  'Ask about the sales data in plain English, e.g. "revenue by state in May 2022", then follow up:',
  '"and in June?", "only for Kurta", "show that as a pie", "why?".',
  '  1, 2 …  ask the last answer’s numbered suggestion',
  '  new     start a new conversation',
  '  help    this list',
  '  exit    leave (or Ctrl-D)',
].join('\n');

export interface ChatShellOptions {
  chartDir?: string;
  /** Where the shell's history is kept between sessions. */
  cacheDir: string;
}

const newThreadKey = () => `cli:chat:${randomBytes(4).toString('hex')}`;

/**
 * The conversation loop: one thread per session (or per `new`), questions line by line. On a terminal it is a
 * shell: a prompt, history kept between sessions, a spinner on slow answers, colour unless NO_COLOR. Piped, it
 * reads and answers and writes nothing else, so its output can be parsed.
 */
export async function runChatShell(
  ctx: CliContext,
  assistant: Assistant,
  options: ChatShellOptions,
): Promise<number> {
  const interactive = ctx.io.interactive && !ctx.flags.json;
  const style = styleFor(ctx.io.terminal, ctx.env);
  const historyFile = chatHistoryPath(options.cacheDir);
  const rl = createInterface({
    input: ctx.io.stdin,
    ...(interactive
      ? {
          output: ctx.io.stdout,
          prompt: style.cyan('retail> '),
          history: loadChatHistory(historyFile),
          historySize: HISTORY_SIZE,
          removeHistoryDuplicates: true,
        }
      : {}),
    terminal: interactive,
  });
  // Saved as it changes, so a closed terminal or a crash keeps what was asked.
  // "exit" is not kept: the first arrow-up of the next session should bring back a question.
  if (interactive)
    rl.on('history', (lines: string[]) =>
      saveChatHistory(
        historyFile,
        lines.filter((l) => !EXIT_WORDS.has(l.trim().toLowerCase())),
      ),
    );
  // Notices (help, new thread) go to stdout for people and to stderr next to --json, which stays parseable.
  const notice = (text: string) => (ctx.flags.json ? ctx.io.stderr : ctx.io.stdout).write(`${text}\n`);
  const prompt = () => interactive && rl.prompt();
  if (interactive) {
    notice('Ask about the sales data in plain English ("help" lists the commands, "exit" leaves).');
    prompt();
  }
  let threadKey = newThreadKey();
  let last: Answer | undefined;
  let count = 0;
  let errors = 0;
  for await (const line of rl) {
    const typed = line.trim();
    const command = typed.toLowerCase();
    if (EXIT_WORDS.has(command)) break;
    if (command === 'help') notice(SHELL_HELP);
    else if (command === 'new') {
      threadKey = newThreadKey();
      last = undefined;
      notice('New conversation: the next question starts afresh.');
    } else if (typed) {
      const turn = turnFor(typed, last);
      if ('unknownPick' in turn) notice(turn.unknownPick);
      else {
        count++;
        const answer = await withSpinner(
          ctx.io.stdout,
          interactive && Boolean(ctx.io.terminal),
          assistant.ask(
            { threadKey, text: turn.text, ...(turn.plan ? { plan: turn.plan } : {}) },
            { chart: Boolean(options.chartDir) },
          ),
        );
        if (answer.status === 'error') errors++;
        const path = options.chartDir
          ? saveChart(answer, join(options.chartDir, `answer-${count}.png`))
          : null;
        writeAnswer(ctx, answer, path, { style, numberedSuggestions: true });
        if (interactive) ctx.io.stdout.write('\n');
        last = answer;
      }
    }
    prompt();
  }
  rl.close();
  return errors > 0 && errors === count ? 1 : 0;
}

/**
 * "2" after an answer asks its second suggestion (after a clarification, its second option). One with a plan is
 * answered as that plan (its label is the turn's text, for history), never by reading its words again; one
 * without asks its question. A number with no suggestion behind it is said so, not sent as a question.
 */
function turnFor(
  typed: string,
  last: Answer | undefined,
): { text: string; plan?: Suggestion['plan'] } | { unknownPick: string } {
  if (!/^\d{1,2}$/.test(typed) || !last?.suggestions.length) return { text: typed };
  const pick = last.suggestions[Number(typed) - 1];
  if (!pick)
    return {
      unknownPick: `There is no suggestion ${typed}: pick 1 to ${last.suggestions.length}, or ask a question.`,
    };
  return pick.plan ? { text: pick.label, plan: pick.plan } : { text: pick.question };
}
