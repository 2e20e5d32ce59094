import { AppError } from '../../errors.js';
import type { AnswerStatus } from '../answer.js';
import type { Cell } from '../../warehouse/types.js';
import { compareResults, isDateCell, numericColumns, withoutDateColumns } from './compare-results.js';
import { EVAL_CATEGORIES, type EvalCategory, type EvalItem } from './eval-set.js';

/** What the evaluation needs from an answer: its status and result cells. */
export interface EvalAnswer {
  status: AnswerStatus;
  rows: Cell[][];
  sql?: string;
  /** How the bot read the question (a restatement), when the answer carries one. Shown with failures. */
  reading?: string;
  /** A comparison of two periods as rows per period, in each reading of the other period (see periodRowsOf). */
  periodRows?: Cell[][][];
  /** A date series with each bucket's change, as one comparison row per bucket (see stepRowsOf). */
  stepRows?: Cell[][];
  /** Values a filter pins a dimension to ("just MH"): the answer names them rather than showing them as a column. */
  pinned?: string[];
}

/** Answers one question in a thread (the Assistant, or the planner + compiler + warehouse directly). */
export interface EvalAnswerer {
  readonly name: string;
  ask(threadKey: string, question: string): Promise<EvalAnswer>;
}

/**
 * What happened to one question.
 * - correct: the gold result on an answerable item; the expected clarify/refuse otherwise.
 * - confident-wrong: numbers that do not match gold on an answerable item, or any answer on an item that should
 *   be clarified or refused. The worst outcome: the user is told something false with confidence.
 * - needless-clarify / refused: an answerable item that got a question back / a refusal (safe, but unanswered).
 * - error: an error answer or a throw, whatever was expected.
 * - wrong-decline: asked when it should have refused, or refused when it should have asked (no number given).
 */
export type EvalOutcome =
  'correct' | 'confident-wrong' | 'needless-clarify' | 'refused' | 'error' | 'wrong-decline';

export interface EvalCounts {
  total: number;
  correct: number;
  /** The headline figure, target 0: wrongNumbers + numbersOnClarifyOrRefuse. */
  confidentWrong: number;
  /** Answerable items answered with numbers that do not match the gold result. */
  wrongNumbers: number;
  /** Items that should have been clarified or refused but were answered. */
  numbersOnClarifyOrRefuse: number;
  /** Answerable items that got a clarifying question instead of an answer. */
  needlessClarifications: number;
  /** Answerable items that were refused. */
  refusals: number;
  errors: number;
  /** Clarify items that were refused, or refuse items that got a clarifying question. */
  wrongDeclines: number;
  /** correct / total (0 for an empty set). */
  accuracy: number;
}

export interface EvalFailure {
  id: string;
  category: EvalCategory;
  question: string;
  outcome: Exclude<EvalOutcome, 'correct'>;
  reason: string;
  reading?: string;
  sql?: string;
}

export interface EvalReport extends EvalCounts {
  /** Which set: 'tuning', 'held-out', or the file given. */
  set: string;
  via: string;
  byCategory: ({ category: EvalCategory } & EvalCounts)[];
  failures: EvalFailure[];
  elapsedMs: number;
}

export async function runEval(options: {
  items: EvalItem[];
  answerer: EvalAnswerer;
  /** Runs gold SQL (our own, trusted) and returns its rows. */
  goldQuery: (sql: string) => Promise<Cell[][]>;
  /** The set's name in the report (default 'eval'). */
  set?: string;
  /** Yes/no labels the answers show ("B2B" for true), so a gold true matches them. */
  booleanLabels?: Map<string, boolean>;
  /** Prefix of the thread keys, so two runs (or two sets) through one answerer never share a thread. */
  runId?: string;
}): Promise<EvalReport> {
  const started = performance.now();
  const set = options.set ?? 'eval';
  const runId = options.runId ?? `eval-${set}-${Date.now()}`;
  const failures: EvalFailure[] = [];
  const overall = emptyCounts();
  const stats = new Map<EvalCategory, EvalCounts>();
  for (const item of options.items) {
    const stat = stats.get(item.category) ?? emptyCounts();
    stats.set(item.category, stat);
    let answer: EvalAnswer | undefined;
    let verdict: Verdict = { outcome: 'error' };
    try {
      answer = await options.answerer.ask(`${runId}:${item.thread ?? item.id}`, item.question);
    } catch (error) {
      verdict = { outcome: 'error', reason: `threw: ${(error as Error).message}` };
    }
    if (answer) verdict = await judge(item, answer, options.goldQuery, options.booleanLabels);
    tally(overall, item, verdict.outcome);
    tally(stat, item, verdict.outcome);
    if (verdict.outcome !== 'correct') failures.push(failure(item, verdict, answer));
  }
  return {
    set,
    via: options.answerer.name,
    ...withAccuracy(overall),
    byCategory: EVAL_CATEGORIES.filter((c) => stats.has(c)).map((c) => ({
      category: c,
      ...withAccuracy(stats.get(c)!),
    })),
    failures,
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** The counts of several reports added up (the combined line of `eval --set all`). */
export function combineCounts(reports: readonly EvalCounts[]): EvalCounts {
  const sum = emptyCounts();
  for (const r of reports) {
    for (const key of COUNT_KEYS) sum[key] += r[key];
  }
  return withAccuracy(sum);
}

type Verdict = { outcome: EvalOutcome; reason?: string };

async function judge(
  item: EvalItem,
  answer: EvalAnswer,
  goldQuery: (sql: string) => Promise<Cell[][]>,
  labels?: Map<string, boolean>,
): Promise<Verdict> {
  if (answer.status === 'error') return { outcome: 'error', reason: 'an error answer' };
  if (item.expect === 'clarify' || item.expect === 'refuse') {
    const wanted = item.expect === 'clarify' ? 'clarify' : 'refused';
    if (answer.status === wanted) return { outcome: 'correct' };
    if (answer.status === 'answered')
      return { outcome: 'confident-wrong', reason: `expected ${wanted}, got an answer` };
    return { outcome: 'wrong-decline', reason: `expected ${wanted}, got ${answer.status}` };
  }
  if (answer.status === 'clarify')
    return { outcome: 'needless-clarify', reason: 'asked instead of answering' };
  if (answer.status === 'refused') return { outcome: 'refused', reason: 'refused instead of answering' };
  // A gold query that fails is a broken eval item, not a wrong answer: the run stops and names the item.
  let gold: Cell[][];
  try {
    gold = await goldQuery(item.gold!);
  } catch (error) {
    const message = `The gold SQL of eval item "${item.id}" failed: ${(error as Error).message}`;
    throw new AppError('BAD_INPUT', message, { cause: error });
  }
  let comparison = compareResults(gold, answer.rows, item.ranked, labels);
  // A period comparison in one row holds a gold written one row per period (both numbers, period labels aside).
  const numeric = numericColumns(gold);
  const labelled = withoutDateColumns(gold);
  for (const periodRows of answer.periodRows ?? []) {
    // Row counts are compareResults' to settle: a group with nothing in one period is a 0 row the gold may omit.
    if (comparison.ok) continue;
    if (
      (numeric[0]?.length && compareResults(numeric, periodRows, false, labels).ok) ||
      (labelled[0]?.length && compareResults(labelled, periodRows, false, labels).ok)
    )
      comparison = { ok: true };
  }
  // Periods a gold names in words ("this week", "last week") and the answer by their dates, one row each: the same
  // figures. Only the numbers are compared, and only when every label names a period.
  if (!comparison.ok && gold.length === answer.rows.length && numeric[0]?.length && periodWordsOnly(gold)) {
    const datesAside = answer.rows.map((r) => r.filter((c) => !isDateCell(c)));
    if (compareResults(numeric, datesAside, false, labels).ok) comparison = { ok: true };
  }
  // "just MH" after revenue by state: a gold that keeps the state column ("Maharashtra", its one value) holds the
  // same facts as an answer pinned to Maharashtra. Only a column naming a pinned value in every row is set aside.
  if (!comparison.ok && answer.pinned?.length) {
    const named = withoutPinnedColumns(gold, answer.pinned);
    if (named[0]?.length && named[0].length < (gold[0]?.length ?? 0))
      comparison = compareResults(named, answer.rows, item.ranked, labels).ok ? { ok: true } : comparison;
  }
  // "revenue week over week" written as the latest week against the one before: a row of the weekly series.
  if (!comparison.ok && gold.length === 1 && numeric[0]?.length)
    if ((answer.stepRows ?? []).some((row) => compareResults(numeric, [row], false, labels).ok))
      comparison = { ok: true };
  return comparison.ok
    ? { outcome: 'correct' }
    : { outcome: 'confident-wrong', reason: comparison.reason ?? 'wrong numbers' };
}

function withoutPinnedColumns(gold: Cell[][], pinned: string[]): Cell[][] {
  const keys = new Set(pinned.map((v) => v.trim().toLowerCase()));
  const width = gold[0]?.length ?? 0;
  const keep = Array.from({ length: width }, (_, j) => j).filter(
    (j) => !gold.every((r) => typeof r[j] === 'string' && keys.has(String(r[j]).trim().toLowerCase())),
  );
  return gold.map((r) => keep.map((j) => r[j] ?? null));
}

const PERIOD_WORDS =
  /^(this|last|previous|prev|next|the|current|prior|week|weeks|wk|month|fortnight|day|period|before|after|so|far|to|date|mtd|wtd|earlier|later|one|two|first|second|half|\d+)$/;

function periodWordsOnly(gold: Cell[][]): boolean {
  const text = (gold[0] ?? []).map((_, j) => j).filter((j) => gold.every((r) => typeof r[j] === 'string'));
  return (
    text.length === 1 &&
    gold.every((r) => {
      const words = String(r[text[0]!])
        .toLowerCase()
        .split(/[\s_-]+/);
      return (
        words.some((w) => /week|wk|month|fortnight|period|day/.test(w)) &&
        words.every((w) => PERIOD_WORDS.test(w))
      );
    })
  );
}

const COUNT_KEYS = [
  'total',
  'correct',
  'confidentWrong',
  'wrongNumbers',
  'numbersOnClarifyOrRefuse',
  'needlessClarifications',
  'refusals',
  'errors',
  'wrongDeclines',
] as const satisfies readonly (keyof EvalCounts)[];

function emptyCounts(): EvalCounts {
  return {
    total: 0,
    correct: 0,
    confidentWrong: 0,
    wrongNumbers: 0,
    numbersOnClarifyOrRefuse: 0,
    needlessClarifications: 0,
    refusals: 0,
    errors: 0,
    wrongDeclines: 0,
    accuracy: 0,
  };
}

function withAccuracy(counts: EvalCounts): EvalCounts {
  return { ...counts, accuracy: counts.total ? counts.correct / counts.total : 0 };
}

function tally(counts: EvalCounts, item: EvalItem, outcome: EvalOutcome): void {
  counts.total++;
  if (outcome === 'correct') counts.correct++;
  else if (outcome === 'confident-wrong') {
    counts.confidentWrong++;
    if (item.expect === 'answer') counts.wrongNumbers++;
    else counts.numbersOnClarifyOrRefuse++;
  } else if (outcome === 'needless-clarify') counts.needlessClarifications++;
  else if (outcome === 'refused') counts.refusals++;
  else if (outcome === 'error') counts.errors++;
  else counts.wrongDeclines++;
}

function failure(item: EvalItem, verdict: Verdict, answer: EvalAnswer | undefined): EvalFailure {
  return {
    id: item.id,
    category: item.category,
    question: item.question,
    outcome: verdict.outcome as EvalFailure['outcome'],
    reason: verdict.reason ?? verdict.outcome,
    ...(answer?.reading ? { reading: answer.reading } : {}),
    ...(answer?.sql ? { sql: answer.sql } : {}),
  };
}
