import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AppError } from '../../errors.js';

/**
 * The evaluation sets: questions with hand-written gold SQL over the clean tables, all in the same format.
 * test/eval/tuning.yml is the set the planner was tuned on; test/eval/held-out.yml is written by someone else and
 * never read while changing the planner, so its score is the honest measure of unseen phrasing. It may be absent,
 * and may come in pieces (held-out-*.yml, e.g. one file of single questions and one of threads).
 */
export const EVAL_CATEGORIES = [
  'simple',
  'groupby',
  'filters',
  'time',
  'comparison',
  'share',
  'followup',
  'clarify',
  'refuse',
  'injection',
  'ranking',
  'derived',
  'inventory',
] as const;
export type EvalCategory = (typeof EVAL_CATEGORIES)[number];

const EvalItemSchema = z
  .object({
    id: z.string().min(1),
    category: z.enum(EVAL_CATEGORIES),
    question: z.string().min(1),
    expect: z.enum(['answer', 'clarify', 'refuse']).default('answer'),
    gold: z.string().min(1).optional(),
    ranked: z.boolean().default(false),
    thread: z.string().optional(),
  })
  .refine((i) => i.expect !== 'answer' || i.gold !== undefined, {
    message: 'an answerable item needs gold SQL',
  });
export type EvalItem = z.infer<typeof EvalItemSchema>;

export const EVAL_SET_NAMES = ['tuning', 'held-out'] as const;
export type EvalSetName = (typeof EVAL_SET_NAMES)[number];

/** test/eval/<name>.yml from the package root (this file is in src/agent/eval or dist/agent/eval). */
export function evalSetPath(name: EvalSetName): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'eval', `${name}.yml`);
}

/** The tuning set. */
export function defaultEvalSetPath(): string {
  return evalSetPath('tuning');
}

/** The files that make up a named set, those that exist: <name>.yml, then its pieces <name>-*.yml by name. */
export function evalSetFiles(name: EvalSetName): string[] {
  const main = evalSetPath(name);
  const dir = dirname(main);
  const pieces = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.yml'))
        .sort()
        .map((f) => resolve(dir, f))
    : [];
  return [...(existsSync(main) ? [main] : []), ...pieces];
}

/**
 * One set from several files, in order. Ids must be unique across them; each file's threads stay its own (a thread
 * name is prefixed with its file's name when there is more than one file).
 */
export function loadEvalSetFiles(paths: readonly string[]): EvalItem[] {
  const items: EvalItem[] = [];
  const ids = new Set<string>();
  for (const path of paths) {
    for (const item of loadEvalSet(path)) {
      if (ids.has(item.id))
        throw new AppError('BAD_INPUT', `The evaluation set repeats the id "${item.id}" (again in ${path}).`);
      ids.add(item.id);
      const thread = item.thread && paths.length > 1 ? `${basename(path)}/${item.thread}` : item.thread;
      items.push(thread === undefined ? item : { ...item, thread });
    }
  }
  return items;
}

export function loadEvalSet(path: string = defaultEvalSetPath()): EvalItem[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError('DATA_NOT_FOUND', `The evaluation set ${path} could not be read.`, { cause: error });
  }
  const parsed = z.array(EvalItemSchema).safeParse(parseYaml(text));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new AppError('BAD_INPUT', `The evaluation set ${path} is invalid:\n${lines.join('\n')}`);
  }
  const ids = new Set<string>();
  for (const item of parsed.data) {
    if (ids.has(item.id))
      throw new AppError('BAD_INPUT', `The evaluation set ${path} repeats the id "${item.id}".`);
    ids.add(item.id);
  }
  return parsed.data;
}
