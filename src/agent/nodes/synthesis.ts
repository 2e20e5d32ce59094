import type { Catalog } from '../../semantic/catalog.js';
import type { Plan, TimeRange } from '../../semantic/plan.js';
import type { QueryResult, SchemaInfo } from '../../warehouse/types.js';
import type { Answer } from '../answer.js';
import { emptyAnswer } from '../answer-builders.js';
import { describeColumns, type ColumnMeta } from '../columns.js';
import { planCoverage, sourceCoverage } from '../data-coverage.js';
import {
  partialBuckets,
  partialSummary,
  periodCoverageClause,
  type DateSpan,
} from '../../semantic/bucket-coverage.js';
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { GraphDeps } from '../graph-deps.js';
import { createCheckedNarrative } from '../llm/checked-narrative.js';
import { numberContext } from '../llm/number-context.js';
import { checkNumbers } from '../llm/number-check.js';
import { emitProgress, progressOf, type OnProgress } from '../progress.js';
import type { AgentStateType, AgentStateUpdate } from '../state.js';
import { composeAnswer, suggestFollowUps } from '../synthesis/compose-answer.js';
import { describeReading, toAlternatives, type ReadingOptions } from '../understanding/reading.js';
import { failureAnswer } from './failure-answer.js';
import { finishAnswer } from './finish-answer.js';

/**
 * synthesis: the validated result becomes the Answer: a headline with the numbers, 1–3 insights computed from the
 * data, key figures, the definitions and dates used, and follow-up suggestions. With a narrator (LLM) the prose is
 * richer, but only if every number in it matches the result; otherwise the computed text stands.
 */
export function synthesisNode(deps: GraphDeps) {
  return async function synthesis(
    state: AgentStateType,
    config?: LangGraphRunnableConfig,
  ): Promise<AgentStateUpdate> {
    const started = performance.now();
    const answer = finishAnswer(await qaAnswer(state, deps, progressOf(config)), deps, state.llmUsage);
    return { finalResponse: answer, timingsMs: { synthesize: performance.now() - started } };
  };
}

async function qaAnswer(state: AgentStateType, deps: GraphDeps, onProgress?: OnProgress): Promise<Answer> {
  const v = state.validationStatus;
  const result = state.dataResult;
  if (!result || !v || v.status === 'FAILED')
    return failureAnswer(
      {
        question: state.userQuery,
        ...(v ? { validation: v } : {}),
        ...(state.extractionError ? { error: state.extractionError } : {}),
        ...(state.sql ? { sql: state.sql } : {}),
        ...(state.plan ? { plan: state.plan } : {}),
        iteration: state.iteration,
      },
      deps,
    );

  const question = state.userQuery;
  const plan = state.plan;
  const resolution = state.resolution;
  const columns = describeColumns(result, state.compiled?.columns);
  const notes = [...v.reasons];
  if (resolution && resolution.kind !== 'clarify' && resolution.kind !== 'refuse')
    notes.push(...resolution.notes);

  const answer = emptyAnswer(question, 'answered', '');
  answer.columns = columns;
  answer.rows = result.rows;
  const coverage = plan ? planCoverage(plan, deps.catalog, state.schemaInfo) : undefined;
  const dataFrom = plan ? sourceCoverage(plan, deps.catalog, state.schemaInfo)?.from : undefined;
  if (coverage) answer.coverage = coverage;
  answer.truncated = result.truncated;
  answer.validation = { status: v.status, notes: dedupe(notes) };
  if (plan) answer.plan = plan;
  if (state.sql) answer.sql = state.sql;
  // A comparison cut like for like measured fewer days than the plan named: the dates say which.
  if (plan?.timeRange) answer.timeRange = state.compiled?.currentPeriod ?? plan.timeRange;
  answer.dataSource = plan
    ? deps.catalog.sources[plan.source]?.label
    : 'Warehouse tables (SQL written by the language model and run through the guard)';
  answer.definitions =
    state.compiled?.definitions ??
    (resolution?.kind === 'sql' ? [`${resolution.description} (SQL written by the language model)`] : []);
  // How the question was read, and the other ways it could have been (for "Not what I meant").
  const readingOptions = plan ? coverageOf(plan, deps.catalog, state.schemaInfo) : {};
  if (plan)
    answer.reading = withPartialNote(
      describeReading(plan, deps.catalog, readingOptions),
      partialNote(result, columns, coverage, state.compiled?.currentPeriod) ??
        (deps.catalog.sources[plan.source]?.dateGrain === 'day'
          ? periodNote(plan.timeRange, coverage)
          : null),
    );
  else if (resolution?.kind === 'sql') answer.reading = resolution.description;
  if (resolution?.kind === 'plan' && resolution.alternatives?.length) {
    const alternatives = toAlternatives(resolution.alternatives, plan, deps.catalog, readingOptions);
    if (alternatives.length) answer.alternatives = alternatives;
  }

  const empty = v.status === 'WARNING' && isEmptyExplanation(state);
  if (empty) {
    // Say plainly there is nothing, with the explanation, and no number that could be misread.
    answer.headline = v.reasons[0] ?? 'Nothing matched.';
    answer.validation.notes = dedupe(notes.slice(1));
    answer.suggestions = suggestFollowUps(plan, deps.catalog, dataFrom);
    return answer;
  }

  const compareLabel = state.compiled?.comparePeriod?.label;
  const periodLabel = state.compiled?.currentPeriod?.label;
  const composed = composeAnswer({
    result,
    columns,
    catalog: deps.catalog,
    ...(coverage ? { coverage } : {}),
    ...(periodLabel ? { periodLabel } : {}),
    ...(plan ? { plan } : {}),
    ...(resolution?.kind === 'plan' && resolution.explain ? { explain: true } : {}),
    ...(compareLabel ? { compareLabel } : {}),
  });
  answer.headline = composed.headline;
  answer.insights = composed.insights;
  answer.keyFigures = composed.keyFigures;
  answer.suggestions = suggestFollowUps(plan, deps.catalog, dataFrom);
  const show = (snapshot: { headline: string; insights: string[] }) =>
    emitProgress(onProgress, { kind: 'narrative', ...snapshot }, deps.logger);
  // Without a narrator the computed text is final: shown at once, before the chart is drawn.
  if (!deps.narrator) show({ headline: answer.headline, insights: answer.insights });

  if (deps.narrator) {
    const context = numberContext({
      result,
      derived: composed.derived,
      question,
      ...(plan?.timeRange ? { timeRange: plan.timeRange } : {}),
      ...(state.compiled?.comparePeriod ? { compareRange: state.compiled.comparePeriod } : {}),
    });
    // Streamed prose is shown only as far as its numbers check out (checked-narrative.ts).
    const checked = onProgress ? createCheckedNarrative(context, show) : null;
    const narrated = await deps.narrator.narrate(
      {
        question,
        headline: composed.headline,
        insights: composed.insights,
        columns,
        rows: result.rows,
        definitions: answer.definitions,
      },
      checked ? { onPartial: (partial) => checked.update(partial) } : {},
    );
    if (checked && narrated.text) checked.update(narrated.text, true);
    answer.llm = narrated.usage;
    if (narrated.text) {
      const texts = [narrated.text.headline, ...narrated.text.insights];
      const failed = texts.map((t) => checkNumbers(t, context)).filter((c) => !c.ok);
      if (failed.length === 0 && narrated.text.headline.trim()) {
        answer.headline = narrated.text.headline.trim();
        answer.insights = narrated.text.insights
          .map((s) => s.trim())
          .filter(Boolean)
          .slice(0, 3);
      } else {
        deps.logger.info(
          { unmatched: failed.flatMap((f) => f.unmatched) },
          'LLM prose rejected by the number check; using the computed text',
        );
      }
    }
  }
  return answer;
}

/**
 * What the reading adds about partial periods: "Mar 2022 has 1 day (31 Mar), Jun 2022 runs to the 29th (29 of 30
 * days)" for date buckets the data covers in part, "compared like for like: Jun 2022 to the 29th" for a cut
 * comparison.
 */
function partialNote(
  result: QueryResult,
  columns: ColumnMeta[],
  coverage: DateSpan | undefined,
  currentPeriod: TimeRange | undefined,
): string | null {
  if (currentPeriod) return `compared like for like: ${currentPeriod.label}`;
  const time = columns.find((c) => c.role === 'dimension' && c.grain);
  if (!time?.grain) return null;
  const partial = partialBuckets(
    result.rows.map((r) => String(r[time.index] ?? '')),
    time.grain,
    coverage,
  );
  return partial.length ? `partial: ${partialSummary(partial)}` : null;
}

/** "this week" on data ending Wednesday: the period named, and how much of it the data holds. */
function periodNote(period: TimeRange | undefined, coverage: DateSpan | undefined): string | null {
  const clause = period && periodCoverageClause(period, coverage);
  return clause ? `partial: ${clause}` : null;
}

function withPartialNote(reading: string, note: string | null): string {
  return note ? `${reading} · ${note}` : reading;
}

/** The source table's date coverage, so a plan without dates reads "all dates (31 Mar–29 Jun 2022)". */
function coverageOf(plan: Plan, catalog: Catalog, schema: SchemaInfo): ReadingOptions {
  const table = catalog.sources[plan.source]?.table;
  const range = schema.tables.find((t) => t.name === table || t.name === plan.source)?.dateRange;
  return range ? { coverage: { from: range.from, to: range.to } } : {};
}

function isEmptyExplanation(state: AgentStateType): boolean {
  const result = state.dataResult;
  if (!result) return false;
  if (result.rows.length === 0) return true;
  const columns = describeColumns(result, state.compiled?.columns);
  const dims = columns.filter((c) => c.role === 'dimension');
  const metrics = columns.filter((c) => c.role === 'metric');
  return (
    dims.length === 0 &&
    metrics.length > 0 &&
    result.rows.every((r) => metrics.every((m) => r[m.index] === null || r[m.index] === 0))
  );
}

function dedupe(lines: string[]): string[] {
  return [...new Set(lines)];
}
