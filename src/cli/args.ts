import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

/** A command's own flags, in `node:util` parseArgs form (every command is parsed with `strict: true`). */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** Flags every command accepts, before or after the command name. */
export const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies CommandOptions;

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface ParsedLine {
  values: OptionValues;
  positionals: string[];
}

/**
 * Parses one command's arguments strictly: an unknown flag is a usage error with the nearest known flag as a
 * suggestion, never a word of the question; a flag missing its value is a usage error. Positionals after `--` are
 * taken as they are ("-- --weird text").
 */
export function parseCommandLine(command: string, args: string[], options: CommandOptions): ParsedLine {
  const all: CommandOptions = { ...GLOBAL_OPTIONS, ...options };
  // A lenient pass first, to name the unknown flag and suggest the known one; Node's strict error says neither.
  const { tokens } = parseArgs({ args, options: all, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name in all) continue;
    const known = Object.keys(all).map((name) => `--${name}`);
    const suggestion = closest(token.rawName, known);
    throw new UsageError(
      `Unknown option ${token.rawName} for "${command}".${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
      command,
    );
  }
  try {
    const { values, positionals } = parseArgs({ args, options: all, strict: true, allowPositionals: true });
    return { values: values as OptionValues, positionals };
  } catch (error) {
    throw new UsageError(parseArgsMessage(error), command);
  }
}

/** Node's parseArgs messages, without its advice about `--` that does not apply to a value. */
function parseArgsMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const missing = /^Option '(-\w, )?(--[\w-]+) <value>' argument missing/.exec(message);
  if (missing) return `${missing[2]} needs a value.`;
  const ambiguous = /^Option '(-\w, )?(--[\w-]+)(?: <value>)?' argument is ambiguous/.exec(message);
  if (ambiguous)
    return `${ambiguous[2]} needs a value (write ${ambiguous[2]}=VALUE for one that starts with "-").`;
  const wrongType = /^Option '(-\w, )?(--[\w-]+)' does not take an argument/.exec(message);
  if (wrongType) return `${wrongType[2]} takes no value.`;
  return message.split('\n')[0]!;
}

/** The nearest candidate within an edit distance that still reads as a typo, or a unique prefix match. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  const lower = input.toLowerCase();
  const prefixed = candidates.filter((c) => c.startsWith(lower) && lower.length >= 3);
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  const allowed = Math.max(1, Math.floor(Math.min(lower.length, best?.length ?? 0) / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

/** A string option's value (parseArgs types it loosely). */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}
