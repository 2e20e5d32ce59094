import type { Readable, Writable } from 'node:stream';
import type { Services } from '../main.js';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  /** True when stdin is an interactive terminal (the chat shell shows a prompt). */
  interactive: boolean;
}

export interface GlobalFlags {
  dataDir?: string;
  json: boolean;
  verbose: boolean;
}

export interface CliContext {
  /** Arguments after the command name, global flags removed. */
  args: string[];
  flags: GlobalFlags;
  io: CliIo;
  env: NodeJS.ProcessEnv;
  /** Builds (once) the app's clients from config + flags. Commands that need no data never call it. */
  services(options?: { server?: boolean }): Promise<Services>;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. Throw AppError for user-facing failures. */
  run(ctx: CliContext): Promise<number>;
}
