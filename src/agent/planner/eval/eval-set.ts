import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AppError } from '../../../errors.js';

/** The evaluation set (test/eval/questions.yml): questions with hand-written gold SQL over the clean tables. */
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

/** test/eval/questions.yml from the package root (src/agent/planner/eval or dist/agent/planner/eval). */
export function defaultEvalSetPath(): string {
  return resolve(
    dirname(fileURLToPath(import.meta.url)),
    '..',
    '..',
    '..',
    '..',
    'test',
    'eval',
    'questions.yml',
  );
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
    if (ids.has(item.id)) throw new AppError('BAD_INPUT', `The evaluation set repeats the id "${item.id}".`);
    ids.add(item.id);
  }
  return parsed.data;
}
