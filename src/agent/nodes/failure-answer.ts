import type { Plan } from '../../semantic/plan.js';
import type { Answer } from '../answer.js';
import { emptyAnswer, errorAnswer, newErrorRef } from '../answer-builders.js';
import type { GraphDeps } from '../graph-deps.js';
import type { ExtractionError, ValidationOutcome } from '../shared-state.js';
import { suggestFollowUps } from '../synthesis/compose-answer.js';

/** Guard refusals: the query was not a read-only SELECT, so nothing ran. */
const REFUSAL_CODES = new Set(['SQL_NOT_READ_ONLY', 'SQL_MULTIPLE_STATEMENTS', 'SQL_FORBIDDEN']);

/** What failed: a question's query, or a summary's KPI query. */
export interface FailedRun {
  question: string;
  validation?: ValidationOutcome;
  error?: ExtractionError;
  sql?: string;
  plan?: Plan;
  /** Resolution passes made (logged). */
  iteration?: number;
}

/**
 * The answer when the query failed or its result did not pass validation: no number that may be wrong. Missing
 * data names the file and why; a guard refusal says only read-only queries run; anything else gives a reference
 * the log holds the details under.
 */
export function failureAnswer(run: FailedRun, deps: Pick<GraphDeps, 'logger' | 'catalog'>): Answer {
  const { question, validation: v, error, plan } = run;
  const errorRef = newErrorRef();
  deps.logger.warn(
    {
      errorRef,
      code: error?.code,
      detail: error?.detail,
      reasons: v?.reasons,
      sql: run.sql,
      iteration: run.iteration,
    },
    'answer failed validation',
  );
  if (error?.code === 'DATA_UNAVAILABLE') {
    // The data the question needs is not there: say which file and why, and give no number.
    const answer = emptyAnswer(question, 'refused', error.message);
    answer.errorCode = error.code;
    answer.validation = { status: 'FAILED', notes: [] };
    if (plan) answer.plan = plan;
    return answer;
  }
  if (error && REFUSAL_CODES.has(error.code)) {
    const answer = emptyAnswer(
      question,
      'refused',
      'I can only run a single read-only query on the sales data, so I did not run that.',
    );
    answer.errorCode = error.code;
    answer.errorRef = errorRef;
    answer.validation = { status: 'FAILED', notes: [error.message] };
    return answer;
  }
  const message = error
    ? `${error.message} (reference ${errorRef})`
    : `The result did not pass my checks (${(v?.reasons ?? []).join(' ')}), so I won't report a number that may be wrong (reference ${errorRef}).`;
  const answer = errorAnswer(question, message, {
    code: error?.code ?? 'RESULT_IMPLAUSIBLE',
    errorRef,
    suggestions: suggestFollowUps(plan, deps.catalog),
  });
  answer.validation = { status: 'FAILED', notes: v?.reasons ?? [] };
  if (run.sql) answer.sql = run.sql;
  if (plan) answer.plan = plan;
  return answer;
}
