import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer, Assistant } from '../../../src/agent/answer.js';
import { chatHistoryPath } from '../../../src/cli/chat/chat-history.js';
import { chatCommand } from '../../../src/cli/commands/chat.js';
import { loadConfig } from '../../../src/config/config.js';
import { buildAssistant, type Services } from '../../../src/main.js';
import { MemoryKvStore } from '../../../src/state/memory-kv-store.js';
import { commandContext } from '../agent/helpers/cli-context.js';
import { silentLogger } from '../agent/helpers/deps.js';
import { openTinyWarehouse, type TinyWarehouse } from '../agent/helpers/tiny-warehouse.js';

let wh: TinyWarehouse;
let dir: string;
beforeAll(async () => {
  wh = await openTinyWarehouse();
  dir = mkdtempSync(join(tmpdir(), 'ri-chat-'));
});
afterAll(async () => {
  await wh.close();
  rmSync(dir, { recursive: true, force: true });
});

const ESC = '\u001b';
const UP = `${ESC}[A`;
const BOLD = `${ESC}[1m`;

function realAssistant(): Promise<Assistant> {
  return buildAssistant({
    config: loadConfig({}),
    logger: silentLogger,
    warehouse: wh,
    kv: new MemoryKvStore(),
    openai: null,
  });
}

/**
 * Runs the chat command on `input`. Interactive runs get raw keystrokes, as a terminal sends them (Enter is \r);
 * piped runs get lines. `cacheDir` is where the history is kept.
 */
async function chat(
  input: string[],
  options: {
    interactive?: boolean;
    terminal?: boolean;
    json?: boolean;
    env?: NodeJS.ProcessEnv;
    assistant?: Assistant;
    cacheDir?: string;
  } = {},
) {
  const assistant = options.assistant ?? (await realAssistant());
  const cacheDir = options.cacheDir ?? join(dir, 'cache');
  const { ctx, out, err } = commandContext(chatCommand, options.json ? ['--json'] : [], {
    stdin: Readable.from(input),
    interactive: options.interactive ?? false,
    terminal: options.terminal ?? false,
    env: options.env ?? {},
    services: async () => ({ assistant, config: loadConfig({ CACHE_DIR: cacheDir }) }) as unknown as Services,
  });
  const code = await chatCommand.run(ctx);
  return { code, out: out(), err: err() };
}

const jsonLines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown> & { plan?: { timeRange?: unknown } });

describe('the chat shell', () => {
  it('keeps its history between sessions in the cache folder: arrow-up brings back the last question', async () => {
    const cacheDir = join(dir, 'history-cache');
    const first = await chat(['revenue in May 2022\r', 'exit\r'], {
      interactive: true,
      terminal: true,
      cacheDir,
    });
    expect(first.out).toMatch(/₹2,750/);
    expect(readFileSync(chatHistoryPath(cacheDir), 'utf8')).toBe('revenue in May 2022\n');

    const second = await chat([UP, '\r', 'exit\r'], { interactive: true, terminal: true, cacheDir });
    expect(second.out).toMatch(/₹2,750/);
  });

  it('"help" lists the shell commands; "new" starts a thread that forgets the previous answer', async () => {
    const kept = jsonLines(
      (await chat(['revenue by category in May 2022\nonly for Kurta\n'], { json: true })).out,
    );
    // Kurta in May 2022: ₹400 shipped + ₹350 cancelled (revenue is gross).
    expect(kept[1]!.rows).toEqual([[750]]);

    const fresh = await chat(['revenue by category in May 2022\nhelp\nnew\nonly for Kurta\n'], {
      json: true,
    });
    expect(fresh.err).toContain('new     start a new conversation');
    expect(fresh.err).toContain('New conversation');
    const answers = jsonLines(fresh.out);
    expect(answers).toHaveLength(2);
    expect(answers[1]!.rows).not.toEqual([[750]]);
  });

  it('numbers its suggestions, and typing a number answers that suggestion as its plan', async () => {
    const { out } = await chat(['revenue by category in May 2022\n']);
    const suggestion = /^Try:\n {2}1\. (.+)$/m.exec(out)?.[1];
    expect(suggestion).toBeDefined();
    const picked = jsonLines((await chat(['revenue by category in May 2022\n1\n9\n'], { json: true })).out);
    expect(picked).toHaveLength(2);
    const first = (picked[0]!.suggestions as { label: string; question: string; plan?: unknown }[])[0]!;
    // "1" answers the suggestion's plan (its label is the turn), never its words read again.
    expect(first.plan).toBeDefined();
    expect(picked[1]!.question).toBe(first.label);
    expect(picked[1]!.plan).toEqual(first.plan);
    const none = await chat(['revenue by category in May 2022\n9\n']);
    expect(none.out).toContain('There is no suggestion 9');
  });

  it('colours only a terminal, and never with NO_COLOR', async () => {
    const terminal = await chat(['revenue in May 2022\r', 'exit\r'], { interactive: true, terminal: true });
    expect(terminal.out).toContain(BOLD);
    const noColour = await chat(['revenue in May 2022\r', 'exit\r'], {
      interactive: true,
      terminal: true,
      env: { NO_COLOR: '1' },
    });
    expect(noColour.out).toMatch(/₹2,750/);
    expect(noColour.out).not.toContain(BOLD);
    const piped = await chat(['revenue in May 2022\n']);
    expect(piped.out).not.toContain(ESC);
  });

  it('shows a spinner while an answer takes longer than 300 ms, on a terminal only', async () => {
    const real = await realAssistant();
    const answer = await real.ask({ threadKey: 't', text: 'revenue in May 2022' });
    const after = (ms: number): Assistant => ({
      ...real,
      ask: () => new Promise<Answer>((done) => setTimeout(() => done(answer), ms)),
      summary: () => Promise.resolve(answer),
    });
    const spinner = /⠋ Working…/;
    const slow = await chat(['revenue in May 2022\r', 'exit\r'], {
      interactive: true,
      terminal: true,
      assistant: after(1_200),
    });
    expect(slow.out).toMatch(spinner);
    // Cleared before the answer is written: the headline starts on a clean line.
    expect(slow.out).toContain(`\r${ESC}[2K${BOLD}`);
    const fast = await chat(['revenue in May 2022\r', 'exit\r'], {
      interactive: true,
      terminal: true,
      assistant: after(0),
    });
    expect(fast.out).not.toMatch(spinner);
    const piped = await chat(['revenue in May 2022\n'], { assistant: after(1_200) });
    expect(piped.out).not.toMatch(spinner);
  });
});
