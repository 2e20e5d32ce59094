import { isAppError } from '../errors.js';
import type { Services, WarehouseServices } from '../main.js';
import { closest, GLOBAL_OPTIONS, parseCommandLine, stringOption } from './args.js';
import { commands } from './commands/index.js';
import type { CliCommand, CliContext, CliIo, GlobalFlags } from './types.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './usage-error.js';

// This module is what `retail-insights --help` loads: it and the command modules import no heavy library. The
// config schema, DuckDB, the agent, charts and Slack are imported by the command that runs (see src/main.ts).

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
    'Exit codes: 0 done, 1 failed, 2 a mistake on the command line.',
  ].join('\n');
}

/** The words before the command: only global flags may stand there. */
function splitCommand(argv: string[]): { leading: string[]; name?: string; rest: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-') || arg === '-')
      return { leading: argv.slice(0, i), name: arg, rest: argv.slice(i + 1) };
    if (arg === '--data-dir') i++;
  }
  return { leading: argv, rest: [] };
}

function globalFlags(values: CliContext['values']): GlobalFlags {
  const dataDir = stringOption(values, 'data-dir');
  if (dataDir === '') throw new UsageError('--data-dir needs a directory.');
  return { json: values.json === true, verbose: values.verbose === true, ...(dataDir ? { dataDir } : {}) };
}

/** The command (or subcommand) named on the line, and its arguments. */
function findCommand(name: string, rest: string[]): { command: CliCommand; label: string; args: string[] } {
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const suggestion = closest(
      name,
      commands.map((c) => c.name),
    );
    throw new UsageError(`Unknown command "${name}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`);
  }
  if (!command.subcommands) return { command, label: name, args: rest };
  const [sub, ...subArgs] = rest;
  if (sub === undefined || sub.startsWith('-')) return { command, label: name, args: rest };
  const chosen = command.subcommands.find((c) => c.name === sub);
  if (!chosen) {
    const names = command.subcommands.map((c) => c.name);
    const suggestion = closest(sub, names);
    throw new UsageError(
      `Unknown ${name} command "${sub}"${suggestion ? `; did you mean "${suggestion}"?` : `; use ${names.join(' or ')}.`}`,
      name,
    );
  }
  return { command: chosen, label: `${name} ${sub}`, args: subArgs };
}

export async function runCli(
  argv: string[],
  io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    interactive: Boolean(process.stdin.isTTY),
    terminal: Boolean(process.stdout.isTTY),
  },
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let flags: GlobalFlags = { json: false, verbose: false };
  let base: Promise<WarehouseServices> | undefined;
  let services: Promise<Services> | undefined;
  try {
    const { leading, name, rest } = splitCommand(argv);
    const before = parseCommandLine('retail-insights', leading, {}).values;
    flags = globalFlags(before);
    if (name === undefined || name === 'help') {
      const asked = name === 'help' || before.help === true;
      (asked ? io.stdout : io.stderr).write(`${usage()}\n`);
      return asked ? EXIT_OK : EXIT_USAGE;
    }
    const { command, label, args } = findCommand(name, rest);
    const parsed = parseCommandLine(label, args, command.options);
    const values = { ...before, ...parsed.values };
    flags = globalFlags(values);
    if (values.help === true || (command.subcommands && parsed.positionals.length === 0)) {
      const out = values.help === true ? io.stdout : io.stderr;
      out.write(`${command.usage}\n`);
      return values.help === true ? EXIT_OK : EXIT_USAGE;
    }
    if (!command.positionals && parsed.positionals.length > 0)
      throw new UsageError(`"${label}" takes no arguments (got "${parsed.positionals.join(' ')}").`, label);
    const effectiveEnv = flags.dataDir ? { ...env, DATA_DIR: flags.dataDir } : env;
    const options = { io, verbose: flags.verbose };
    const ctx: CliContext = {
      values,
      positionals: parsed.positionals,
      flags,
      io,
      env: effectiveEnv,
      warehouse: () =>
        (base ??= (async () => {
          const [{ loadConfig }, { createWarehouseServices }] = await Promise.all([
            import('../config/config.js'),
            import('../main.js'),
          ]);
          return createWarehouseServices(loadConfig(effectiveEnv), options);
        })()),
      services: (serviceOptions = {}) =>
        (services ??= (async () => {
          const [
            { loadConfig },
            { addAssistant, createServiceLogger, createWarehouseServices, startAssistant },
          ] = await Promise.all([import('../config/config.js'), import('../main.js')]);
          const all = { ...options, server: serviceOptions.server ?? false };
          if (base) return addAssistant(await base, all);
          // The Assistant's own start-up runs while DuckDB opens the warehouse (see startAssistant).
          const config = loadConfig(effectiveEnv);
          const logger = createServiceLogger(config, all);
          const headStart = startAssistant(config, logger);
          base = createWarehouseServices(config, { ...all, logger, onFingerprint: headStart.onFingerprint });
          return addAssistant(await base, { ...all, headStart });
        })()),
    };
    return await command.run(ctx);
  } catch (error) {
    return reportError(error, flags, io);
  } finally {
    // The services close the warehouse too; when they failed to start, the warehouse may still be open.
    const opened = (await services?.catch(() => undefined)) ?? (await base?.catch(() => undefined));
    await opened?.close().catch(() => undefined);
  }
}

/** One line on stderr (JSON with --json); the stack only with --verbose. Returns the exit code. */
function reportError(error: unknown, flags: GlobalFlags, io: CliIo): number {
  const usageError = error instanceof UsageError || (isAppError(error) && error.code === 'BAD_INPUT');
  const message =
    error instanceof UsageError
      ? `${error.message}\nRun "retail-insights ${error.command ?? ''}${error.command ? ' ' : ''}--help" for the options.`
      : isAppError(error)
        ? error.userMessage
        : 'Something went wrong. Run again with --verbose for details.';
  if (flags.json) {
    const code = error instanceof UsageError ? 'USAGE' : isAppError(error) ? error.code : 'INTERNAL';
    io.stderr.write(`${JSON.stringify({ error: { code, message } })}\n`);
  } else {
    io.stderr.write(`${error instanceof UsageError ? '' : 'Error: '}${message}\n`);
  }
  if (flags.verbose && error instanceof Error) io.stderr.write(`${error.stack ?? error.message}\n`);
  return usageError ? EXIT_USAGE : EXIT_FAILURE;
}

export { GLOBAL_OPTIONS };
