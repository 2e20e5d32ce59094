import { resolve } from 'node:path';
import { AppError } from '../../errors.js';
import { loadServiceCatalog } from '../../main.js';
import type { Catalog } from '../../semantic/catalog.js';
import { booleanLabels } from '../../semantic/boolean-values.js';
import { buildDataProfile } from '../../semantic/data-profile.js';
import { assistantAnswerer, plannerAnswerer } from '../../agent/eval/answerers.js';
import {
  EVAL_CATEGORIES,
  EVAL_SET_NAMES,
  evalSetFiles,
  evalSetPath,
  loadEvalSetFiles,
  type EvalSetName,
} from '../../agent/eval/eval-set.js';
import { formatCombined, formatReport, pct, redactReport } from '../../agent/eval/format-report.js';
import { combineCounts, runEval, type EvalAnswerer, type EvalReport } from '../../agent/eval/run-eval.js';
import { createPlanner } from '../../agent/understanding/planner.js';
import type { Cell, Warehouse } from '../../warehouse/types.js';
import type { CliContext } from '../types.js';
import type { EvalOptions } from './eval.js';

/** A set to run (one file or several pieces); `kind` decides its threshold and whether its questions are shown. */
interface SetToRun {
  name: string;
  paths: string[];
  kind: EvalSetName;
}

export async function runEvalCommand(ctx: CliContext, opts: EvalOptions): Promise<number> {
  checkCategories(opts.categories);
  const sets = setsToRun(opts.set, ctx);
  const loaded = sets.map((set) => {
    const all = loadEvalSetFiles(set.paths);
    const items = opts.categories.length ? all.filter((i) => opts.categories.includes(i.category)) : all;
    return { set, items };
  });
  const runner = await openAnswerer(ctx, opts.via);
  const reports: EvalReport[] = [];
  for (const { set, items } of loaded)
    reports.push(
      await runEval({
        items,
        answerer: runner.answerer,
        goldQuery: runner.query,
        set: set.name,
        booleanLabels: booleanLabels(runner.catalog),
      }),
    );
  if (runner.note) ctx.io.stderr.write(runner.note);
  const hide = (i: number) => sets[i]!.kind === 'held-out' && !opts.showHeldOut;
  if (ctx.flags.json) {
    const shown = reports.map((r, i) => (hide(i) ? redactReport(r) : r));
    ctx.io.stdout.write(`${JSON.stringify({ sets: shown, combined: combineCounts(reports) }, null, 2)}\n`);
  } else {
    const blocks = reports.map((r, i) => formatReport(r, { redact: hide(i) }));
    if (reports.length > 1) blocks.push(formatCombined(reports));
    ctx.io.stdout.write(`${blocks.join('\n\n')}\n`);
  }
  const missed = missedThresholds(sets, reports, opts);
  for (const line of missed) ctx.io.stderr.write(`${line}\n`);
  return missed.length ? 1 : 0;
}

/** --category names are checked here, where the sets' categories are loaded. */
function checkCategories(categories: readonly string[]): void {
  for (const c of categories)
    if (!(EVAL_CATEGORIES as readonly string[]).includes(c))
      throw new AppError('BAD_INPUT', `Unknown category "${c}". Categories: ${EVAL_CATEGORIES.join(', ')}.`);
}

function setsToRun(choice: EvalOptions['set'], ctx: CliContext): SetToRun[] {
  if (typeof choice === 'object') {
    // A held-out file given by its path is still held-out: its questions stay hidden.
    const heldOut = evalSetFiles('held-out').includes(resolve(choice.file));
    return [{ name: choice.file, paths: [choice.file], kind: heldOut ? 'held-out' : 'tuning' }];
  }
  const named = (name: EvalSetName): SetToRun => ({ name, paths: evalSetFiles(name), kind: name });
  const sets = (choice === 'all' ? EVAL_SET_NAMES : [choice]).map(named);
  for (const set of sets.filter((s) => s.paths.length === 0)) {
    const expected = evalSetPath(set.kind);
    if (choice !== 'all' || set.kind === 'tuning')
      throw new AppError('DATA_NOT_FOUND', `The ${set.name} evaluation set (${expected}) is not there.`);
    ctx.io.stderr.write(
      `The held-out set (${expected} or its pieces) is not there; only the tuning set runs.\n`,
    );
  }
  return sets.filter((s) => s.paths.length > 0);
}

/**
 * The Assistant comes from the composition root; if it cannot start (or --via planner), the planner path needs
 * only the warehouse and the catalog, also from the root.
 */
async function openAnswerer(
  ctx: CliContext,
  via: EvalOptions['via'],
): Promise<{
  answerer: EvalAnswerer;
  catalog: Catalog;
  query: (sql: string) => Promise<Cell[][]>;
  note: string;
}> {
  let answerer: EvalAnswerer | undefined;
  let catalog: Catalog | undefined;
  let note = '';
  if (via !== 'planner') {
    try {
      const services = await ctx.services();
      answerer = assistantAnswerer(services.assistant);
      catalog = services.catalog;
    } catch (error) {
      if (via === 'assistant') throw error;
      note = `The assistant could not start (${error instanceof AppError ? error.userMessage : String(error)}); evaluating the planner path.\n`;
    }
  }
  const base = await ctx.warehouse();
  const wh: Warehouse = base.warehouse;
  const query = async (sql: string) => (await wh.queryTrusted(sql, { maxRows: 100_000 })).rows;
  catalog ??= await loadServiceCatalog(base.config, base.logger);
  if (!answerer) {
    const profile = await buildDataProfile(wh, catalog);
    answerer = plannerAnswerer({
      planner: createPlanner({ catalog, profile }),
      catalog,
      query,
      dateRanges: profile.dateRanges,
    });
  }
  return { answerer, catalog, query, note };
}

function missedThresholds(sets: SetToRun[], reports: EvalReport[], opts: EvalOptions): string[] {
  const missed: string[] = [];
  const accuracy = (r: EvalReport) => pct(r.correct, r.total);
  reports.forEach((r, i) => {
    const kind = sets[i]!.kind;
    const min = kind === 'held-out' ? opts.minHeldOutAccuracy : opts.minAccuracy;
    const flag = kind === 'held-out' ? '--min-held-out-accuracy' : '--min-accuracy';
    // A set the --category filter emptied has nothing to measure.
    if (min !== undefined && r.total > 0 && r.accuracy < min)
      missed.push(`${r.set}: accuracy ${accuracy(r)} is below ${flag} ${pct(min, 1)}.`);
    if (kind === 'tuning' && r.numbersOnClarifyOrRefuse > 0)
      missed.push(
        `${r.set}: ${r.numbersOnClarifyOrRefuse} question(s) that should be clarified or refused got a number.`,
      );
  });
  if (opts.minHeldOutAccuracy !== undefined && !sets.some((s) => s.kind === 'held-out'))
    missed.push('--min-held-out-accuracy was given but no held-out set was run.');
  return missed;
}
