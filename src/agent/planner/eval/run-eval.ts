import type { Answer, AnswerStatus, Assistant } from '../../answer.js';
import type { Catalog } from '../../../semantic/catalog.js';
import { compilePlan } from '../../../semantic/compile-plan.js';
import type { Plan } from '../../../semantic/plan.js';
import type { Cell } from '../../../warehouse/types.js';
import type { Planner } from '../planner.js';
import { compareResults } from './compare-results.js';
import { EVAL_CATEGORIES, type EvalCategory, type EvalItem } from './eval-set.js';

/** What the evaluation needs from an answer: its status and result cells. */
export interface EvalAnswer {
  status: AnswerStatus;
  rows: Cell[][];
  sql?: string;
}

/** Answers one question in a thread (the Assistant, or the planner + compiler + warehouse directly). */
export interface EvalAnswerer {
  readonly name: string;
  ask(threadKey: string, question: string): Promise<EvalAnswer>;
}

export interface EvalFailure {
  id: string;
  category: EvalCategory;
  question: string;
  reason: string;
  sql?: string;
}

export interface EvalReport {
  via: string;
  total: number;
  correct: number;
  accuracy: number;
  byCategory: { category: EvalCategory; total: number; correct: number }[];
  /** Questions that should have been clarified or refused but came back with numbers. Target: 0. */
  wrongNumbersOnClarifyOrRefuse: number;
  /** Answerable questions answered with numbers that do not match the gold result (the worst outcome). */
  answeredWithWrongNumbers: number;
  /** Answerable questions the assistant asked about or refused instead (safe, but not answered). */
  notAnswered: number;
  failures: EvalFailure[];
  elapsedMs: number;
}

export async function runEval(options: {
  items: EvalItem[];
  answerer: EvalAnswerer;
  /** Runs gold SQL (our own, trusted) and returns its rows. */
  goldQuery: (sql: string) => Promise<Cell[][]>;
  runId?: string;
}): Promise<EvalReport> {
  const started = performance.now();
  const runId = options.runId ?? `eval-${Date.now()}`;
  const failures: EvalFailure[] = [];
  let wrongNumbers = 0;
  let answeredWrong = 0;
  let notAnswered = 0;
  const stats = new Map<EvalCategory, { total: number; correct: number }>();
  for (const item of options.items) {
    const stat = stats.get(item.category) ?? { total: 0, correct: 0 };
    stats.set(item.category, stat);
    stat.total++;
    const threadKey = `${runId}:${item.thread ?? item.id}`;
    let answer: EvalAnswer;
    try {
      answer = await options.answerer.ask(threadKey, item.question);
    } catch (error) {
      failures.push({ ...base(item), reason: `threw: ${(error as Error).message}` });
      continue;
    }
    const verdict = await judge(item, answer, options.goldQuery);
    if (item.expect !== 'answer' && answer.status === 'answered') wrongNumbers++;
    if (item.expect === 'answer' && !verdict.ok) {
      if (answer.status === 'answered') answeredWrong++;
      else notAnswered++;
    }
    if (verdict.ok) stat.correct++;
    else
      failures.push({
        ...base(item),
        reason: verdict.reason ?? 'wrong',
        ...(answer.sql ? { sql: answer.sql } : {}),
      });
  }
  const total = options.items.length;
  const correct = [...stats.values()].reduce((n, s) => n + s.correct, 0);
  return {
    via: options.answerer.name,
    total,
    correct,
    accuracy: total ? correct / total : 0,
    byCategory: EVAL_CATEGORIES.filter((c) => stats.has(c)).map((c) => ({ category: c, ...stats.get(c)! })),
    wrongNumbersOnClarifyOrRefuse: wrongNumbers,
    answeredWithWrongNumbers: answeredWrong,
    notAnswered,
    failures,
    elapsedMs: Math.round(performance.now() - started),
  };
}

function base(item: EvalItem) {
  return { id: item.id, category: item.category, question: item.question };
}

async function judge(
  item: EvalItem,
  answer: EvalAnswer,
  goldQuery: (sql: string) => Promise<Cell[][]>,
): Promise<{ ok: boolean; reason?: string }> {
  if (item.expect === 'clarify' || item.expect === 'refuse') {
    const wanted = item.expect === 'clarify' ? 'clarify' : 'refused';
    // Refusing instead of asking (or the reverse) is still no wrong number, but it is not what we wanted.
    return answer.status === wanted
      ? { ok: true }
      : { ok: false, reason: `expected ${wanted}, got ${answer.status}` };
  }
  if (answer.status !== 'answered') return { ok: false, reason: `expected an answer, got ${answer.status}` };
  const gold = await goldQuery(item.gold!);
  return compareResults(gold, answer.rows, item.ranked);
}

/** The product path: the Assistant use case, one thread per eval thread. */
export function assistantAnswerer(assistant: Assistant): EvalAnswerer {
  return {
    name: 'assistant',
    async ask(threadKey, question) {
      const a: Answer = await assistant.ask({ threadKey, text: question }, { chart: false });
      return { status: a.status, rows: a.rows, ...(a.sql ? { sql: a.sql } : {}) };
    },
  };
}

/** The offline path without the graph: planner → compiler → warehouse, keeping each thread's last plan. */
export function plannerAnswerer(deps: {
  planner: Planner;
  catalog: Catalog;
  query: (sql: string) => Promise<Cell[][]>;
}): EvalAnswerer {
  const threads = new Map<string, { plan?: Plan; rows?: Cell[][] }>();
  return {
    name: 'planner',
    async ask(threadKey, question) {
      const state = threads.get(threadKey) ?? {};
      threads.set(threadKey, state);
      const r = deps.planner.resolveSync({
        question,
        history: [],
        ...(state.plan ? { previousPlan: state.plan } : {}),
      });
      if (r.kind === 'clarify') return { status: 'clarify', rows: [] };
      if (r.kind === 'refuse') return { status: 'refused', rows: [] };
      if (r.kind !== 'plan') return { status: 'error', rows: [] };
      if (r.presentationOnly && state.rows) {
        state.plan = r.plan;
        return { status: 'answered', rows: state.rows };
      }
      const compiled = compilePlan(r.plan, deps.catalog);
      const rows = await deps.query(compiled.sql);
      state.plan = r.plan;
      state.rows = rows;
      return { status: 'answered', rows, sql: compiled.sql };
    },
  };
}

export function formatReport(report: EvalReport): string {
  const pct = (n: number, d: number) => (d ? `${((n / d) * 100).toFixed(1)}%` : '-');
  const lines = [
    `Evaluation via ${report.via}: ${report.correct}/${report.total} correct (${pct(report.correct, report.total)}) in ${report.elapsedMs} ms`,
    '',
    'category      correct  total  accuracy',
    ...report.byCategory.map(
      (c) =>
        `${c.category.padEnd(12)}  ${String(c.correct).padStart(7)}  ${String(c.total).padStart(5)}  ${pct(c.correct, c.total).padStart(8)}`,
    ),
    '',
    `Wrong numbers on questions that should be clarified or refused: ${report.wrongNumbersOnClarifyOrRefuse}`,
    `Answerable questions answered with wrong numbers: ${report.answeredWithWrongNumbers}; asked or refused instead: ${report.notAnswered}`,
  ];
  if (report.failures.length) {
    lines.push('', 'Failures:');
    for (const f of report.failures) lines.push(`  [${f.category}] ${f.id} "${f.question}": ${f.reason}`);
  }
  return lines.join('\n');
}
