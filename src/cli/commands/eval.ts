import { loadConfig } from '../../config/config.js';
import { AppError } from '../../errors.js';
import { createLogger } from '../../observability/logger.js';
import { loadCatalog } from '../../semantic/catalog.js';
import { buildDataProfile } from '../../semantic/data-profile.js';
import { EVAL_CATEGORIES, loadEvalSet, type EvalCategory } from '../../agent/planner/eval/eval-set.js';
import {
  assistantAnswerer,
  formatReport,
  plannerAnswerer,
  runEval,
  type EvalAnswerer,
} from '../../agent/planner/eval/run-eval.js';
import { createPlanner } from '../../agent/planner/planner.js';
import { openWarehouse } from '../../warehouse/open-warehouse.js';
import type { Warehouse } from '../../warehouse/types.js';
import type { CliCommand, CliContext } from '../types.js';

const USAGE = `retail-insights eval [--via auto|assistant|planner] [--category C]... [--set FILE] [--min-accuracy 0.95]

Runs the evaluation set (test/eval/questions.yml) and prints accuracy by category and every failure.
  --via           assistant: the full Assistant use case (graph, validation, synthesis);
                  planner: planner → compiler → warehouse only; auto (default): the assistant when it starts.
  --category C    only these categories (${EVAL_CATEGORIES.join(', ')})
  --set FILE      another evaluation set file
  --min-accuracy  exit 1 when accuracy is below this (default 0.95) or any clarify/refuse question got a number
Use the global --data-dir to point at the retailer files and --json for the report as JSON.`;

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'Run the question/gold-SQL evaluation set and print accuracy by category',
  usage: USAGE,
  async run(ctx) {
    const opts = parseArgs(ctx.args);
    const all = loadEvalSet(opts.set);
    const items = opts.categories.length ? all.filter((i) => opts.categories.includes(i.category)) : all;

    // The Assistant comes from the composition root; if it cannot start (or --via planner), the planner path
    // needs only the warehouse, which is then opened here.
    let warehouse: Warehouse | undefined;
    let ownWarehouse = false;
    let answerer: EvalAnswerer | undefined;
    let note = '';
    if (opts.via !== 'planner') {
      try {
        const services = await ctx.services();
        warehouse = services.warehouse;
        answerer = assistantAnswerer(services.assistant);
      } catch (error) {
        if (opts.via === 'assistant') throw error;
        note = `The assistant could not start (${error instanceof AppError ? error.userMessage : String(error)}); evaluating the planner path.\n`;
      }
    }
    try {
      if (!warehouse) {
        const config = loadConfig(ctx.env);
        warehouse = await openWarehouse(config, createLogger({ level: 'warn', pretty: false }), {
          onNotice: (line) => ctx.io.stderr.write(`${line}\n`),
        });
        ownWarehouse = true;
      }
      const wh = warehouse;
      const query = async (sql: string) => (await wh.queryTrusted(sql, { maxRows: 100_000 })).rows;
      if (!answerer) {
        const catalog = loadCatalog();
        const profile = await buildDataProfile(wh, catalog);
        answerer = plannerAnswerer({ planner: createPlanner({ catalog, profile }), catalog, query });
      }
      const report = await runEval({ items, answerer, goldQuery: query });
      if (note) ctx.io.stderr.write(note);
      ctx.io.stdout.write(
        ctx.flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`,
      );
      const pass = report.accuracy >= opts.minAccuracy && report.wrongNumbersOnClarifyOrRefuse === 0;
      return pass ? 0 : 1;
    } finally {
      if (ownWarehouse) await warehouse?.close().catch(() => undefined);
    }
  },
};

interface EvalOptions {
  via: 'auto' | 'assistant' | 'planner';
  categories: EvalCategory[];
  set?: string;
  minAccuracy: number;
}

function parseArgs(args: CliContext['args']): EvalOptions {
  const opts: EvalOptions = { via: 'auto', categories: [], minAccuracy: 0.95 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new AppError('BAD_INPUT', `${arg} needs a value.\n\n${USAGE}`);
      return v;
    };
    if (arg === '--via') {
      const v = value();
      if (v !== 'auto' && v !== 'assistant' && v !== 'planner')
        throw new AppError('BAD_INPUT', `--via must be auto, assistant or planner, not "${v}".`);
      opts.via = v;
    } else if (arg === '--category') {
      const v = value();
      if (!(EVAL_CATEGORIES as readonly string[]).includes(v))
        throw new AppError(
          'BAD_INPUT',
          `Unknown category "${v}". Categories: ${EVAL_CATEGORIES.join(', ')}.`,
        );
      opts.categories.push(v as EvalCategory);
    } else if (arg === '--set') opts.set = value();
    else if (arg === '--min-accuracy') {
      const n = Number(value());
      if (!Number.isFinite(n) || n < 0 || n > 1)
        throw new AppError('BAD_INPUT', '--min-accuracy must be a number between 0 and 1.');
      opts.minAccuracy = n;
    } else throw new AppError('BAD_INPUT', `Unknown option "${arg}".\n\n${USAGE}`);
  }
  return opts;
}
