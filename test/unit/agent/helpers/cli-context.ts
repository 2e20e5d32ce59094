import { PassThrough, type Readable } from 'node:stream';
import { parseCommandLine } from '../../../../src/cli/args.js';
import type { CliCommand, CliContext } from '../../../../src/cli/types.js';
import type { Services, WarehouseServices } from '../../../../src/main.js';

export interface CapturedContext {
  ctx: CliContext;
  out: () => string;
  err: () => string;
}

/**
 * A command's context as the dispatcher builds it (its arguments parsed strictly against its options), with
 * stdout and stderr captured and the services given by the test.
 */
export function commandContext(
  command: CliCommand,
  args: string[],
  options: {
    stdin: Readable;
    services: () => Promise<Services>;
    interactive?: boolean;
    terminal?: boolean;
    env?: NodeJS.ProcessEnv;
    stdout?: PassThrough;
  },
): CapturedContext {
  const stdout = options.stdout ?? new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const { values, positionals } = parseCommandLine(command.name, args, command.options);
  const ctx: CliContext = {
    values,
    positionals,
    flags: { json: values.json === true, verbose: false },
    io: {
      stdout,
      stderr,
      stdin: options.stdin,
      interactive: options.interactive ?? false,
      terminal: options.terminal ?? false,
    },
    env: options.env ?? {},
    services: options.services,
    warehouse: async () => (await options.services()) as WarehouseServices,
  };
  return { ctx, out: () => out, err: () => err };
}
