import type { Answer, Assistant } from '../answer.js';
import type { Catalog } from '../../semantic/catalog.js';
import { compilePlan } from '../../semantic/compile-plan.js';
import type { Plan } from '../../semantic/plan.js';
import type { DataProfile } from '../../semantic/data-profile.js';
import type { Cell } from '../../warehouse/types.js';
import type { Planner } from '../understanding/planner.js';
import type { PreviousRows, Resolution } from '../resolver/resolver.js';
import { isRanking } from '../thread-turn.js';
import type { EvalAnswer, EvalAnswerer } from './run-eval.js';
import { periodRowsOf, stepRowsOf } from './compare-results.js';

/** The product path: the Assistant use case, one thread per eval thread. */
export function assistantAnswerer(assistant: Assistant): EvalAnswerer {
  return {
    name: 'assistant',
    async ask(threadKey, question) {
      const a: Answer = await assistant.ask({ threadKey, text: question }, { chart: false });
      const periodRows = periodRowsOf(
        a.columns.map((c) => c.name),
        a.rows,
      );
      const stepRows = stepRowsOf(a.columns, a.rows);
      return {
        status: a.status,
        rows: a.rows,
        ...pinnedBy(a.plan),
        ...(a.sql ? { sql: a.sql } : {}),
        ...readingOf(a),
        ...(periodRows.length ? { periodRows } : {}),
        ...(stepRows.length ? { stepRows } : {}),
      };
    },
  };
}

/** The offline path without the graph: planner → compiler → warehouse, keeping each thread's last plan. */
export function plannerAnswerer(deps: {
  planner: Planner;
  catalog: Catalog;
  query: (sql: string) => Promise<Cell[][]>;
  /** The dates each report holds, as data extraction passes them: a comparison past them is cut like for like. */
  dateRanges?: DataProfile['dateRanges'];
}): EvalAnswerer {
  const threads = new Map<string, ThreadMemory>();
  return {
    name: 'planner',
    async ask(threadKey, question): Promise<EvalAnswer> {
      const state = threads.get(threadKey) ?? {};
      threads.set(threadKey, state);
      const r = deps.planner.resolveSync({
        question,
        history: [],
        ...(state.plan ? { previousPlan: state.plan } : {}),
        ...(state.prior ? { priorPlan: state.prior } : {}),
        ...(state.rows?.length && state.columns
          ? { previousRows: { columns: state.columns, rows: state.rows } }
          : {}),
        ...(state.ranked ? { rankedRows: state.ranked } : {}),
      });
      const reading = readingOf(r);
      if (r.kind === 'clarify') {
        if (r.pendingPlan) remember(state, r.pendingPlan);
        return { status: 'clarify', rows: [], ...reading };
      }
      if (r.kind === 'refuse') return { status: 'refused', rows: [], ...reading };
      if (r.kind !== 'plan') return { status: 'error', rows: [], ...reading };
      // "chart it": the same result shown again, so the same answer (its period rows too), read anew.
      if (r.presentationOnly && state.answer) {
        remember(state, r.plan);
        return { ...state.answer, ...reading };
      }
      const coverage = deps.dateRanges?.[r.plan.source];
      const compiled = compilePlan(r.plan, deps.catalog, coverage ? { coverage } : {});
      const rows = await deps.query(compiled.sql);
      remember(state, r.plan);
      state.rows = rows;
      state.columns = compiled.columns.map((c) => c.name);
      if (isRanking(r.plan) && rows.length) state.ranked = { columns: state.columns, rows };
      const periodRows = periodRowsOf(
        compiled.columns.map((c) => c.name),
        rows,
      );
      const stepRows = stepRowsOf(compiled.columns, rows);
      state.answer = {
        status: 'answered',
        rows,
        ...pinnedBy(r.plan),
        sql: compiled.sql,
        ...(periodRows.length ? { periodRows } : {}),
        ...(stepRows.length ? { stepRows } : {}),
      };
      return { ...state.answer, ...reading };
    },
  };
}

/** The values the plan pins a dimension to ("just MH"): the answer names them instead of showing them as a column. */
function pinnedBy(plan: Plan | undefined): { pinned?: string[] } {
  const pinned = (plan?.filters ?? [])
    .filter((f) => f.op === 'in' && f.values.length === 1)
    .map((f) => String(f.values[0]));
  return pinned.length ? { pinned } : {};
}

/** How the bot read the question, when the Answer / Resolution carries it (the field is optional and new). */
function readingOf(source: Answer | Resolution): { reading?: string } {
  const reading = (source as { reading?: unknown }).reading;
  return typeof reading === 'string' && reading.trim() ? { reading: reading.trim() } : {};
}

/** What the planner path keeps of a thread, as the Assistant's thread state does. */
interface ThreadMemory {
  plan?: Plan;
  prior?: Plan;
  rows?: Cell[][];
  columns?: string[];
  ranked?: PreviousRows;
  /** The last answer with rows, which a presentation-only turn ("chart it") shows again. */
  answer?: EvalAnswer;
}

/** A thread's plans as the Assistant keeps them: the last one, and the one it replaced. */
function remember(state: { plan?: Plan; prior?: Plan }, plan: Plan): void {
  if (state.plan && state.plan !== plan) state.prior = state.plan;
  state.plan = plan;
}
