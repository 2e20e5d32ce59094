import type { Catalog } from '../../semantic/catalog.js';
import type { Plan } from '../../semantic/plan.js';
import type { QueryResult } from '../../warehouse/types.js';
import { describeColumns, type ColumnMeta } from '../columns.js';
import { explainEmpty } from '../explain-empty.js';
import type { GraphDeps } from '../graph-deps.js';
import type { ExtractionError, ValidationOutcome } from '../shared-state.js';
import type { AgentStateType, AgentStateUpdate } from '../state.js';
import { inSentence } from '../../semantic/label-text.js';
import { MAX_CELL_CHARS } from '../../warehouse/query-runner.js';

/** Codes after which another attempt is pointless (the guard refused on purpose, the data is missing). */
const NOT_REPAIRABLE = new Set(['DATA_NOT_FOUND', 'DATA_UNAVAILABLE', 'STORE_UNAVAILABLE', 'INTERNAL']);

/**
 * validation: the SQL ran; rows came back (an empty result is explained); nulls and truncation are noted; the
 * numbers are plausible (no share above 100 %, no negative amount, no rate above 1). A failure the resolver could
 * fix goes back to query_resolution with the reason as repair feedback.
 */
export function validationNode(deps: GraphDeps) {
  return async function validation(state: AgentStateType): Promise<AgentStateUpdate> {
    const started = performance.now();
    let outcome: ValidationOutcome;
    if (state.extractionError) {
      outcome = failedExtraction(state.extractionError);
    } else if (!state.dataResult) {
      outcome = { status: 'FAILED', reasons: ['The query returned nothing.'], repairable: true };
    } else {
      const columns = describeColumns(state.dataResult, state.compiled?.columns);
      outcome = validateResult(state.dataResult, columns, state.plan, deps.catalog);
      // Whether a repair pass can help is the graph's policy (an LLM resolver is configured), not ours.
      outcome.repairable = outcome.status === 'FAILED';
    }
    const feedback =
      outcome.status === 'FAILED'
        ? [
            ...outcome.reasons,
            ...(state.extractionError?.detail ? [`Database said: ${state.extractionError.detail}`] : []),
            ...(state.sql ? [`The failing SQL was: ${state.sql}`] : []),
          ].join('\n')
        : undefined;
    return {
      validationStatus: outcome,
      repairFeedback: feedback,
      timingsMs: { validate: performance.now() - started },
    };
  };
}

function failedExtraction(error: ExtractionError): ValidationOutcome {
  return { status: 'FAILED', reasons: [error.message], repairable: !NOT_REPAIRABLE.has(error.code) };
}

export function validateResult(
  result: QueryResult,
  columns: ColumnMeta[],
  plan: Plan | undefined,
  catalog: Catalog,
): ValidationOutcome {
  const reasons: string[] = [];
  const failures: string[] = [];
  const dims = columns.filter((c) => c.role === 'dimension');
  const measures = columns.filter((c) => c.role !== 'dimension');

  if (result.rows.length === 0 || (dims.length === 0 && allZeroOrNull(result, measures))) {
    reasons.push(plan ? explainEmpty(plan, catalog) : 'The query matched no rows.');
    return { status: 'WARNING', reasons, repairable: false };
  }
  if (result.truncated) {
    reasons.push(`Only the first ${result.rows.length.toLocaleString('en-IN')} rows are shown (row limit).`);
  }
  if (result.cellsCut) {
    reasons.push(
      `${result.cellsCut.toLocaleString('en-IN')} very long text value${result.cellsCut === 1 ? ' was' : 's were'} cut to ${MAX_CELL_CHARS.toLocaleString('en-IN')} characters (…).`,
    );
  }
  for (const col of measures) {
    const values = result.rows.map((r) => r[col.index] ?? null);
    const nulls = values.filter((v) => v === null).length;
    if (nulls > 0 && col.role !== 'change' && col.role !== 'previous') {
      reasons.push(`${nulls} of ${values.length} values of ${col.label} are blank (no data).`);
    }
    const nums = values.filter((v): v is number => typeof v === 'number');
    if (col.format === 'percent' && col.role !== 'change') {
      // A share of a whole or a rate cannot leave 0..1 (stored as a ratio).
      const bad = nums.find((v) => v > 1 + 1e-9 || v < -1e-9);
      if (bad !== undefined) failures.push(`${col.label} is ${(bad * 100).toFixed(1)}%, outside 0–100%.`);
    }
    if ((col.format === 'inr' || col.format === 'count') && col.role !== 'change') {
      const bad = nums.find((v) => v < 0);
      if (bad !== undefined) failures.push(`${col.label} has a negative value (${bad}).`);
    }
    if (col.role === 'share' && !result.truncated) {
      // Shares within groups ("promo share in each category") add up to at most 100% per group.
      const within = dims.filter((d) => plan?.shareWithin?.includes(d.name));
      const totals = new Map<string, number>();
      for (const row of result.rows) {
        const key = JSON.stringify(within.map((d) => row[d.index] ?? null));
        const v = row[col.index];
        totals.set(key, (totals.get(key) ?? 0) + (typeof v === 'number' ? v : 0));
      }
      const total = Math.max(...totals.values());
      if (total > 1 + 1e-6) failures.push(`The shares add up to ${(total * 100).toFixed(1)}%, above 100%.`);
    }
  }
  for (const col of dims) {
    const nulls = result.rows.filter((r) => r[col.index] === null).length;
    if (nulls > 0) reasons.push(`One group has no ${inSentence(col.label)} in the data (shown as –).`);
  }
  if (failures.length) return { status: 'FAILED', reasons: failures, repairable: false };
  return { status: reasons.length ? 'WARNING' : 'PASSED', reasons, repairable: false };
}

function allZeroOrNull(result: QueryResult, measures: ColumnMeta[]): boolean {
  const own = measures.filter((m) => m.role === 'metric');
  if (!own.length) return false;
  return result.rows.every((row) => own.every((m) => row[m.index] === null || row[m.index] === 0));
}
