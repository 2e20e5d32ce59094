import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Answer } from '../agent/answer.js';
import { answerColumns } from '../agent/columns.js';
import { formatCell } from '../agent/format-value.js';
import { AppError } from '../errors.js';
import { PLAIN, type Style } from './style.js';
import { renderTextTable } from './text-table.js';
import type { CliContext } from './types.js';

/** Rows shown in the terminal table; --json always has them all. */
const MAX_TABLE_ROWS = 15;

/** Writes the chart PNG (when there is one) and returns its path; its folder was checked before the answer. */
export function saveChart(answer: Answer, path: string | undefined): string | null {
  if (!path || !answer.chart?.png) return null;
  const full = resolve(path);
  try {
    writeFileSync(full, answer.chart.png);
  } catch (error) {
    throw new AppError('CHART_FAILED', `The chart could not be written to ${full}.`, { cause: error });
  }
  return full;
}

export interface AnswerTextOptions {
  style?: Style;
  /** The chat shell numbers its suggestions: typing the number asks it. */
  numberedSuggestions?: boolean;
}

/** The --json object: one per answer. Rows are arrays in `columns` order, numbers as JSON numbers. */
export function answerJson(answer: Answer, chartPath: string | null): Record<string, unknown> {
  return {
    question: answer.question,
    status: answer.status,
    answer: answer.headline,
    insights: answer.insights,
    keyFigures: answer.keyFigures,
    definitions: answer.definitions,
    timeRange: answer.timeRange ?? null,
    dataSource: answer.dataSource ?? null,
    reading: answer.reading ?? null,
    plan: answer.plan ?? null,
    sql: answer.sql ?? null,
    columns: answer.columns.map((c) => c.name),
    rows: answer.rows,
    truncated: answer.truncated,
    validation: { status: answer.validation.status, notes: answer.validation.notes },
    suggestions: answer.suggestions,
    chart: answer.chart ? { type: answer.chart.type, png: chartPath, spec: answer.chart.spec } : null,
    timingsMs: Object.fromEntries(
      Object.entries(answer.timingsMs).map(([k, v]) => [k, Math.round(v * 10) / 10]),
    ),
    llm: answer.llm,
    ...(answer.errorRef ? { errorRef: answer.errorRef } : {}),
    ...(answer.errorCode ? { errorCode: answer.errorCode } : {}),
  };
}

/**
 * Human output: headline, how the question was read, a compact table, insights, a context line (definition,
 * dates, source, time taken).
 */
export function renderAnswerText(
  answer: Answer,
  chartPath: string | null,
  options: AnswerTextOptions = {},
): string {
  const style = options.style ?? PLAIN;
  const out: string[] = [style.bold(answer.headline)];
  if (answer.status === 'answered' && answer.reading) out.push(style.dim(`Read as: ${answer.reading}`));
  if (answer.status === 'clarify') {
    answer.suggestions.forEach((s, i) =>
      out.push(
        `  ${style.cyan(`${i + 1}.`)} ${s.label}${s.question !== s.label ? ` — "${s.question}"` : ''}`,
      ),
    );
    return `${out.join('\n')}\n`;
  }
  if (answer.status === 'answered' && answer.rows.length > 1 && answer.columns.length > 0) {
    const meta = answerColumns(answer);
    // Every cell by its column's meaning (money, rates, changes in % or pp, dates at their grain, one blank label).
    const shown = answer.rows
      .slice(0, MAX_TABLE_ROWS)
      .map((row) =>
        row.map((cell, i) => (meta[i] ? formatCell(cell, meta[i].format, { grain: meta[i].grain }) : cell)),
      );
    out.push(
      '',
      renderTextTable(
        answer.columns.map((c) => c.name),
        shown,
      ),
    );
    if (answer.rows.length > MAX_TABLE_ROWS)
      out.push(`… ${answer.rows.length - MAX_TABLE_ROWS} more rows (use --json for all of them)`);
  }
  if (answer.status === 'answered' && answer.rows.length <= 1 && answer.keyFigures.length > 1)
    out.push(
      '',
      answer.keyFigures.map((k) => `${k.label}: ${k.value}${k.change ? ` (${k.change})` : ''}`).join(' · '),
    );
  if (answer.insights.length) out.push('', ...answer.insights.map((i) => `• ${i}`));
  const context: string[] = [];
  if (answer.definitions.length) context.push(answer.definitions.join(' '));
  if (answer.timeRange) context.push(`Dates: ${answer.timeRange.from} to ${answer.timeRange.to}`);
  if (answer.dataSource) context.push(`Source: ${answer.dataSource}`);
  if (answer.timingsMs.total !== undefined) context.push(`${Math.round(answer.timingsMs.total)} ms`);
  if (answer.llm && answer.llm.calls > 0)
    context.push(
      `LLM ${answer.llm.model}: ${answer.llm.promptTokens + answer.llm.completionTokens} tokens, ~$${answer.llm.estimatedCostUsd.toFixed(4)}`,
    );
  if (context.length) out.push('', style.dim(context.join(' · ')));
  if (answer.validation.notes.length)
    out.push(...answer.validation.notes.map((n) => style.yellow(`Note: ${n}`)));
  if (chartPath) out.push(`Chart: ${chartPath}`);
  if (answer.status === 'answered' && answer.suggestions.length) {
    if (options.numberedSuggestions)
      out.push('Try:', ...answer.suggestions.map((s, i) => `  ${style.cyan(`${i + 1}.`)} ${s.question}`));
    else out.push(`Try: ${answer.suggestions.map((s) => `"${s.question}"`).join(' · ')}`);
  }
  return `${out.join('\n')}\n`;
}

export function writeAnswer(
  ctx: CliContext,
  answer: Answer,
  chartPath: string | null,
  options: AnswerTextOptions = {},
): void {
  if (ctx.flags.json) ctx.io.stdout.write(`${JSON.stringify(answerJson(answer, chartPath))}\n`);
  // stderr stays plain: colour is decided for stdout, and the two can go to different places.
  else if (answer.status === 'error') ctx.io.stderr.write(`Error: ${answer.headline}\n`);
  else ctx.io.stdout.write(renderAnswerText(answer, chartPath, options));
}
