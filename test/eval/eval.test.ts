import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assistantAnswerer, plannerAnswerer } from '../../src/agent/eval/answerers.js';
import { evalSetFiles, evalSetPath, loadEvalSet, loadEvalSetFiles } from '../../src/agent/eval/eval-set.js';
import { formatReport } from '../../src/agent/eval/format-report.js';
import { runEval, type EvalReport } from '../../src/agent/eval/run-eval.js';
import { createPlanner, type Planner } from '../../src/agent/understanding/planner.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/observability/logger.js';
import { loadCatalog } from '../../src/semantic/catalog.js';
import { booleanLabels } from '../../src/semantic/boolean-values.js';
import { buildDataProfile, type DataProfile } from '../../src/semantic/data-profile.js';
import { createKvStore } from '../../src/state/create-kv-store.js';
import { openWarehouse } from '../../src/warehouse/open-warehouse.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { buildAssistant } from '../../src/main.js';

// The bars. They are raised as the planner improves; the held-out ones start low because nobody tuned on that set.
/**
 * The tuning set's known failures (test/eval/tuning-known-failures.txt): held-out questions that failed their first
 * scoring move to tuning with their threads, and the ones not fixed yet are listed there. Any other tuning question
 * that fails is a regression and fails this suite, however few they are (a share-correct bar let a regression
 * through as long as enough else passed). The target is an empty list; clarify/refuse items must never get a number.
 */
const KNOWN_FAILURES_PATH = resolve(import.meta.dirname, 'tuning-known-failures.txt');
const knownFailures = (): Set<string> =>
  new Set(
    readFileSync(KNOWN_FAILURES_PATH, 'utf8')
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim())
      .filter(Boolean),
  );

/** Fails on any tuning failure not listed; lists the listed ones that pass now (to take off the list). */
function expectOnlyKnownFailures(report: EvalReport): void {
  const known = knownFailures();
  const failed = new Set(report.failures.map((f) => f.id));
  const fixed = [...known].filter((id) => !failed.has(id));
  if (fixed.length) console.warn(`[eval] ${report.via}: known failures that pass now: ${fixed.join(' ')}`);
  expect(report.numbersOnClarifyOrRefuse).toBe(0);
  expect(report.failures.filter((f) => !known.has(f.id)).map((f) => `${f.id}: ${f.reason}`)).toEqual([]);
}
/** Share of the held-out set (test/eval/held-out.yml) answered correctly, on the planner path (today 100 %). */
const HELD_OUT_MIN_ACCURACY = 0.99;
/**
 * Confident wrong answers allowed on the held-out set: a ratchet at today's count (the target is 0). What is left
 * of the held-out set passed its first scoring (failures move to tuning), so it guards against regressions; the
 * first-score accuracy of each fresh round is the measurement, and it is in the README.
 */
const HELD_OUT_MAX_CONFIDENT_WRONG = 0;

const DATA_DIR = resolve(import.meta.dirname, '../../../shared/datasets/ecommerce-sales');
const present = existsSync(resolve(DATA_DIR, 'Amazon Sale Report.csv'));
if (!present) console.warn(`[eval] skipped: the real data set is not at ${DATA_DIR} (CI has it).`);
/** test/eval/held-out.yml and its held-out-*.yml pieces, those present (never opened by hand). */
const HELD_OUT_FILES = evalSetFiles('held-out');
const heldOutPresent = HELD_OUT_FILES.length > 0;
if (present && !heldOutPresent)
  console.warn(`[eval] held-out set skipped: ${evalSetPath('held-out')} (or a piece of it) is not there.`);

/**
 * The tuning set guards against regressions on both paths (nothing fails that is not a known failure, no number
 * where we should ask or refuse); the held-out set measures unseen phrasing, and its questions are never
 * printed.
 */
// A set is thousands of questions, each planned, compiled and run against DuckDB: minutes on a loaded CI machine,
// not the suite's default minute (the whole suite stays well under its 15-minute budget).
const SET_TIMEOUT_MS = 300_000;

describe.skipIf(!present)('evaluation sets on the real data', () => {
  const items = loadEvalSet(evalSetPath('tuning'));
  const catalog = loadCatalog();
  const labels = booleanLabels(catalog);
  const config = loadConfig({ DATA_DIR, LOG_LEVEL: 'silent' });
  const logger = createLogger({ level: 'silent' });
  let warehouse: Warehouse;
  let cacheDir: string;
  let planner: Planner | undefined;
  let profile: DataProfile | undefined;

  beforeAll(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'ri-eval-'));
    warehouse = await openWarehouse({ ...config, CACHE_DIR: cacheDir }, logger);
  });
  afterAll(async () => {
    await warehouse?.close();
    if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
  });

  const query = async (sql: string) => (await warehouse.queryTrusted(sql, { maxRows: 100_000 })).rows;
  const plannerPath = async () => {
    profile ??= await buildDataProfile(warehouse, catalog);
    planner ??= createPlanner({ catalog, profile });
    return plannerAnswerer({ planner, catalog, query, dateRanges: profile.dateRanges });
  };

  it('the tuning set has at least 80 questions across the ten original categories', () => {
    expect(items.length).toBeGreaterThanOrEqual(80);
    expect(new Set(items.map((i) => i.category)).size).toBeGreaterThanOrEqual(10);
  });

  it(
    'tuning set, planner → compiler → warehouse: meets the targets',
    async () => {
      const report = await runEval({
        items,
        answerer: await plannerPath(),
        goldQuery: query,
        set: 'tuning',
        booleanLabels: labels,
      });
      if (report.failures.length) console.warn(formatReport(report));
      expectOnlyKnownFailures(report);
    },
    SET_TIMEOUT_MS,
  );

  it(
    'tuning set, the Assistant use case: meets the targets',
    async () => {
      const kv = createKvStore(config, logger);
      const assistant = await buildAssistant({ config, logger, warehouse, kv, openai: null });
      try {
        const answerer = assistantAnswerer(assistant);
        const report = await runEval({
          items,
          answerer,
          goldQuery: query,
          set: 'tuning',
          booleanLabels: labels,
        });
        if (report.failures.length) console.warn(formatReport(report));
        expectOnlyKnownFailures(report);
      } finally {
        await kv.close();
      }
    },
    SET_TIMEOUT_MS,
  );

  it.skipIf(!heldOutPresent)(
    'held-out set, planner → compiler → warehouse: meets its bars',
    async () => {
      const heldOut = loadEvalSetFiles(HELD_OUT_FILES);
      const answerer = await plannerPath();
      const report = await runEval({
        items: heldOut,
        answerer,
        goldQuery: query,
        set: 'held-out',
        booleanLabels: labels,
      });
      // Always printed, so CI logs carry the figures; the questions themselves stay withheld.
      console.log(formatReport(report, { redact: true }));
      expect(report.confidentWrong).toBeLessThanOrEqual(HELD_OUT_MAX_CONFIDENT_WRONG);
      expect(report.accuracy).toBeGreaterThanOrEqual(HELD_OUT_MIN_ACCURACY);
    },
    SET_TIMEOUT_MS,
  );
});
