import { AppError } from '../../errors.js';
import { stringOption } from '../args.js';
import type { CliCommand, CliContext } from '../types.js';

const USAGE = `retail-insights eval [--set tuning|held-out|all|FILE] [--via auto|assistant|planner] [--category C]...
                      [--min-accuracy 0.95] [--min-held-out-accuracy X] [--show-held-out]

Runs the evaluation sets and prints, per set and per category, confident wrong answers (the headline, target 0),
correct answers, needless clarifications, refusals and errors, then every failure.
  --set           tuning: test/eval/tuning.yml, the questions the planner was tuned on;
                  held-out: test/eval/held-out.yml and any held-out-*.yml pieces, questions never read while
                  changing the planner;
                  all (default): both, each reported on its own, then a combined line (held-out when present);
                  FILE: another set file (judged like the tuning set)
  --via           assistant: the full Assistant use case (graph, validation, synthesis);
                  planner: planner → compiler → warehouse only; auto (default): the assistant when it starts.
  --category C    only these categories (repeatable; an unknown one is named with the list)
  --min-accuracy  exit 1 when the tuning set (or FILE) scores below this (default 0.95) or gives a number on any
                  question that should be clarified or refused
  --min-held-out-accuracy
                  exit 1 when the held-out set scores below this (default: not checked)
  --show-held-out print the held-out failures' questions (hidden by default, so they stay unseen)
Use the global --data-dir to point at the retailer files and --json for { sets: [report...], combined } as JSON.`;

export interface EvalOptions {
  via: 'auto' | 'assistant' | 'planner';
  categories: string[];
  set: 'tuning' | 'held-out' | 'all' | { file: string };
  minAccuracy: number;
  minHeldOutAccuracy?: number;
  showHeldOut: boolean;
}

export const evalCommand: CliCommand = {
  name: 'eval',
  summary:
    'Run the tuning and held-out evaluation sets; report confident wrong answers and accuracy by category',
  usage: USAGE,
  options: {
    set: { type: 'string' },
    via: { type: 'string' },
    category: { type: 'string', multiple: true },
    'min-accuracy': { type: 'string' },
    'min-held-out-accuracy': { type: 'string' },
    'show-held-out': { type: 'boolean' },
  },
  async run(ctx) {
    const opts = evalOptions(ctx.values);
    const { runEvalCommand } = await import('./eval-run.js');
    return runEvalCommand(ctx, opts);
  },
};

function evalOptions(values: CliContext['values']): EvalOptions {
  const via = stringOption(values, 'via') ?? 'auto';
  if (via !== 'auto' && via !== 'assistant' && via !== 'planner')
    throw new AppError('BAD_INPUT', `--via must be auto, assistant or planner, not "${via}".`);
  const set = stringOption(values, 'set') ?? 'all';
  const minAccuracy = stringOption(values, 'min-accuracy');
  const minHeldOut = stringOption(values, 'min-held-out-accuracy');
  const categories = values.category;
  return {
    via,
    categories: Array.isArray(categories) ? categories.map(String) : [],
    set: set === 'tuning' || set === 'held-out' || set === 'all' ? set : { file: set },
    minAccuracy: minAccuracy === undefined ? 0.95 : fraction('--min-accuracy', minAccuracy),
    ...(minHeldOut === undefined
      ? {}
      : { minHeldOutAccuracy: fraction('--min-held-out-accuracy', minHeldOut) }),
    showHeldOut: values['show-held-out'] === true,
  };
}

function fraction(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new AppError('BAD_INPUT', `${flag} must be a number between 0 and 1.`);
  return n;
}
