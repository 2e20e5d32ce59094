import { loadConfig } from '../config/config.js';
import { isAppError } from '../errors.js';
import { createServices, type Services } from '../main.js';
import { commands } from './commands/index.js';
import type { CliContext, CliIo, GlobalFlags } from './types.js';

/** Splits global flags (anywhere on the line) from the command and its own arguments. */
export function parseGlobalFlags(argv: string[]): { flags: GlobalFlags; rest: string[] } {
  const flags: GlobalFlags = { json: false, verbose: false };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') flags.json = true;
    else if (arg === '--verbose' || arg === '-v') flags.verbose = true;
    else if (arg === '--data-dir') {
      const value = argv[++i];
      if (!value) throw new UsageError('--data-dir needs a directory');
      flags.dataDir = value;
    } else if (arg.startsWith('--data-dir=')) flags.dataDir = arg.slice('--data-dir='.length);
    else rest.push(arg);
  }
  return { flags, rest };
}

class UsageError extends Error {}

export function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'retail-insights: ask your sales data questions in plain English.',
    '',
    'Usage: retail-insights <command> [options] [--data-dir DIR] [--json] [--verbose]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options:',
    '  --data-dir DIR  the retailer files (env DATA_DIR); without it a generated sample is used',
    '  --json          machine-readable output',
    '  --verbose       show error details',
    '',
    'Run `retail-insights <command> --help` for a command’s options.',
  ].join('\n');
}

export async function runCli(
  argv: string[],
  io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    interactive: Boolean(process.stdin.isTTY),
  },
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let flags: GlobalFlags = { json: false, verbose: false };
  let services: Services | undefined;
  try {
    const parsed = parseGlobalFlags(argv);
    flags = parsed.flags;
    const [name, ...args] = parsed.rest;
    if (!name || name === 'help' || name === '--help' || name === '-h') {
      io.stdout.write(`${usage()}\n`);
      return name ? 0 : 1;
    }
    const command = commands.find((c) => c.name === name);
    if (!command) {
      io.stderr.write(`Unknown command "${name}".\n\n${usage()}\n`);
      return 2;
    }
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout.write(`${command.usage}\n`);
      return 0;
    }
    const effectiveEnv = flags.dataDir ? { ...env, DATA_DIR: flags.dataDir } : env;
    const ctx: CliContext = {
      args,
      flags,
      io,
      env: effectiveEnv,
      services: async (options = {}) => {
        services ??= await createServices(loadConfig(effectiveEnv), {
          io,
          verbose: flags.verbose,
          server: options.server ?? false,
        });
        return services;
      },
    };
    return await command.run(ctx);
  } catch (error) {
    reportError(error, flags, io);
    return isAppError(error) && error.code === 'BAD_INPUT' ? 2 : 1;
  } finally {
    await services?.close().catch(() => undefined);
  }
}

function reportError(error: unknown, flags: GlobalFlags, io: CliIo): void {
  if (error instanceof UsageError) {
    io.stderr.write(`${error.message}\n`);
    return;
  }
  const message = isAppError(error)
    ? error.userMessage
    : 'Something went wrong. Run again with --verbose for details.';
  if (flags.json) {
    const code = isAppError(error) ? error.code : 'INTERNAL';
    io.stderr.write(`${JSON.stringify({ error: { code, message } })}\n`);
  } else {
    io.stderr.write(`Error: ${message}\n`);
  }
  if (flags.verbose && error instanceof Error) io.stderr.write(`${error.stack ?? error.message}\n`);
}
