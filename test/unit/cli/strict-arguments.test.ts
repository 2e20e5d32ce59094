import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { closest } from '../../../src/cli/args.js';
import { GENERATE_DEFAULT_SEED } from '../../../src/cli/commands/data.js';
import { runCli } from '../../../src/cli/main.js';
import { DEFAULT_SEED } from '../../../src/data-gen/generate.js';

function capture() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/**
 * DATA_DIR points nowhere: a line that got as far as opening the data would fail with exit code 1 and a data
 * error, so every usage error below is also proof that it was caught before any work was done.
 */
async function cli(argv: string[]) {
  const out = capture();
  const err = capture();
  const code = await runCli(
    argv,
    { stdout: out.stream, stderr: err.stream, stdin: Readable.from([]), interactive: false },
    { LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent/never-read', CACHE_DIR: '/nonexistent/cache' },
  );
  return { code, out: out.text(), err: err.text() };
}

describe('strict arguments: a mistake on the command line is exit code 2, said plainly', () => {
  it('an unknown flag is an error with the nearest known flag, never a word of the question', async () => {
    const r = await cli(['ask', 'revenue by state', '--chrt', 'states.png']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown option --chrt for "ask". Did you mean --chart?');
    expect(r.err).toContain('Run "retail-insights ask --help" for the options.');
    expect(r.out).toBe('');
    const far = await cli(['ask', 'top states', '--top', '5']);
    expect(far.code).toBe(2);
    expect(far.err).toMatch(/^Unknown option --top for "ask"\.\n/);
  });

  it('suggests across commands, subcommands and global flags', async () => {
    expect((await cli(['aks', 'revenue'])).err).toContain('Unknown command "aks". Did you mean "ask"?');
    expect((await cli(['schema', '--jsn'])).err).toContain('Did you mean --json?');
    expect((await cli(['data', 'gnerate', '--out', 'x'])).err).toContain('did you mean "generate"?');
    expect((await cli(['--verbos', 'schema'])).code).toBe(2);
    expect(closest('--chart-dri', ['--chart-dir', '--json'])).toBe('--chart-dir');
    expect(closest('--xyz', ['--chart', '--json'])).toBeUndefined();
  });

  it('a flag without its value, a missing question, or stray words are usage errors', async () => {
    const missing = await cli(['ask', 'revenue', '--chart']);
    expect(missing).toMatchObject({ code: 2, out: '' });
    expect(missing.err).toMatch(/^--chart needs a value\./);
    const swallowed = await cli(['ask', 'revenue', '--chart', '--json']);
    expect(swallowed.code).toBe(2);
    expect(swallowed.err).toMatch(
      /^--chart needs a value \(write --chart=VALUE for one that starts with "-"\)/,
    );
    expect((await cli(['ask'])).err).toMatch(/^Give the question as an argument/);
    expect((await cli(['ask', '--json'])).code).toBe(2);
    const stray = await cli(['schema', 'tables']);
    expect(stray.code).toBe(2);
    expect(stray.err).toContain('"schema" takes no arguments (got "tables")');
    expect((await cli(['data', 'generate', '--rows', '10'])).err).toMatch(/^--out DIR is required/);
    expect((await cli(['data', 'generate', '--out', 'x', '--rows', 'many'])).err).toMatch(
      /--rows must be a whole number/,
    );
  });

  it('--chart into a folder that does not exist says so, before answering', async () => {
    const r = await cli(['ask', 'revenue in May', '--chart', '/nonexistent/charts/may.png']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--chart: the folder /nonexistent/charts does not exist.');
    const chat = await cli(['chat', '--chart-dir', '/nonexistent/charts']);
    expect(chat.code).toBe(2);
    expect(chat.err).toContain('--chart-dir: the folder /nonexistent/charts does not exist.');
  });

  it('help is exit 0 on stdout; no command at all is a usage error on stderr', async () => {
    const help = await cli(['--help']);
    expect(help).toMatchObject({ code: 0, err: '' });
    expect(help.out).toContain('Exit codes: 0 done, 1 failed, 2 a mistake on the command line.');
    expect((await cli(['help'])).code).toBe(0);
    const ask = await cli(['ask', '--help']);
    expect(ask.code).toBe(0);
    expect(ask.out).toMatch(/^Usage: retail-insights ask/);
    const generate = await cli(['data', 'generate', '-h']);
    expect(generate.out).toMatch(/^Usage: retail-insights data generate/);
    const none = await cli([]);
    expect(none).toMatchObject({ code: 2, out: '' });
    expect(none.err).toContain('Usage: retail-insights <command>');
    expect((await cli(['data'])).code).toBe(2);
  });

  it('a runtime failure is exit code 1 with one line, not a usage error', async () => {
    const r = await cli(['schema']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^Error: /);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('--json reports a usage error as one JSON object, code USAGE', async () => {
    const r = await cli(['--json', 'ask', 'revenue', '--chrt', 'x.png']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.err)).toEqual({
      error: { code: 'USAGE', message: expect.stringContaining('Did you mean --chart?') },
    });
  });

  it('global flags go before or after the command; text after -- is taken as it is', async () => {
    expect((await cli(['--data-dir', '/elsewhere', 'ask', '--help'])).code).toBe(0);
    expect((await cli(['ask', '--help', '--data-dir=/elsewhere', '-v'])).code).toBe(0);
    // Parsed as a question (so it fails later, on the missing data), not as the unknown flag --weird.
    const r = await cli(['ask', '--', '--weird question']);
    expect(r.code).toBe(1);
  });

  it("data generate's usage names the generator's real default seed", () => {
    expect(GENERATE_DEFAULT_SEED).toBe(DEFAULT_SEED);
  });
});
