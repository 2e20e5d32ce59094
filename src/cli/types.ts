import type { Readable, Writable } from 'node:stream';
import type { Services, WarehouseServices } from '../main.js';
import type { CommandOptions, OptionValues } from './args.js';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  /** True when stdin is an interactive terminal (the chat shell shows a prompt). */
  interactive: boolean;
  /** True when stdout is a terminal: spinners and colour are only ever written there. */
  terminal?: boolean;
}

export interface GlobalFlags {
  dataDir?: string;
  json: boolean;
  verbose: boolean;
}

export interface CliContext {
  /** The command's flags, parsed strictly against its `options` (global flags included). */
  values: OptionValues;
  /** Arguments that are not flags: the question, the SQL text. */
  positionals: string[];
  flags: GlobalFlags;
  io: CliIo;
  env: NodeJS.ProcessEnv;
  /** Builds (once) config, logger and the warehouse: what `schema`, `sql` and `stats` need. */
  warehouse(): Promise<WarehouseServices>;
  /** Builds (once) every client, the Assistant included. Commands that need no data never call it. */
  services(options?: { server?: boolean }): Promise<Services>;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** The command's own flags (`node:util` parseArgs, strict); the global ones are added by the dispatcher. */
  options: CommandOptions;
  /** What its positional arguments are, for the usage error when they are missing; absent: it takes none. */
  positionals?: 'text';
  /** `data generate`, `data convert`: the next word picks one, which then has its own flags. */
  subcommands?: CliCommand[];
  /**
   * Returns the process exit code. Throw UsageError for a mistake on the command line, AppError for a runtime
   * failure. A command's module imports only light code: what it runs is imported inside `run`.
   */
  run(ctx: CliContext): Promise<number>;
}
