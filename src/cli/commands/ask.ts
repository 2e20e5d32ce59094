import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Answer } from '../../agent/answer.js';
import { describeColumns } from '../../agent/columns.js';
import { formatCell } from '../../agent/format-value.js';
import { AppError } from '../../errors.js';
import type { CliCommand, CliContext } from '../types.js';
import { renderTextTable } from './sql.js';

/** Rows shown in the terminal table; --json always has them all. */
const MAX_TABLE_ROWS = 15;

/** Takes `--name value` / `--name=value` out of args; returns the value (or undefined) and the rest. */
export function takeOption(args: string[], name: string): { value: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === name) {
      value = args[++i];
      if (value === undefined) throw new AppError('BAD_INPUT', `${name} needs a value`);
    } else if (a.startsWith(`${name}=`)) value = a.slice(name.length + 1);
    else rest.push(a);
  }
  return { value, rest };
}

/** Writes the chart PNG (when there is one) and returns its path. */
export function saveChart(answer: Answer, path: string | undefined): string | null {
  if (!path || !answer.chart?.png) return null;
  const full = resolve(path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, answer.chart.png);
  return full;
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
export function renderAnswerText(answer: Answer, chartPath: string | null): string {
  const out: string[] = [answer.headline];
  if (answer.status === 'answered' && answer.reading) out.push(`Read as: ${answer.reading}`);
  if (answer.status === 'clarify') {
    answer.suggestions.forEach((s, i) =>
      out.push(`  ${i + 1}. ${s.label}${s.question !== s.label ? ` — "${s.question}"` : ''}`),
    );
    return `${out.join('\n')}\n`;
  }
  if (answer.status === 'answered' && answer.rows.length > 1 && answer.columns.length > 0) {
    const meta = describeColumns(
      { columns: answer.columns, rows: answer.rows, truncated: answer.truncated, elapsedMs: 0 },
      undefined,
    );
    const shown = answer.rows.slice(0, MAX_TABLE_ROWS).map((row) =>
      row.map((cell, i) => {
        const m = meta[i];
        return m && typeof cell === 'number' ? formatCell(cell, m.format) : cell;
      }),
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
  if (context.length) out.push('', context.join(' · '));
  if (answer.validation.notes.length) out.push(...answer.validation.notes.map((n) => `Note: ${n}`));
  if (chartPath) out.push(`Chart: ${chartPath}`);
  if (answer.status === 'answered' && answer.suggestions.length)
    out.push(`Try: ${answer.suggestions.map((s) => `"${s.question}"`).join(' · ')}`);
  return `${out.join('\n')}\n`;
}

export function writeAnswer(ctx: CliContext, answer: Answer, chartPath: string | null): void {
  if (ctx.flags.json) ctx.io.stdout.write(`${JSON.stringify(answerJson(answer, chartPath))}\n`);
  else if (answer.status === 'error') ctx.io.stderr.write(`Error: ${answer.headline}\n`);
  else ctx.io.stdout.write(renderAnswerText(answer, chartPath));
}

export const askCommand: CliCommand = {
  name: 'ask',
  summary: 'answer one question in plain English',
  usage: [
    'Usage: retail-insights ask "<question>" [--json] [--chart out.png]',
    '',
    'Answers one question about the sales data: the number(s), a short insight, the definition and dates used.',
    '  --chart FILE  also render the chart (when the answer has one) to a PNG file',
    '  --json        one JSON object: question, status, answer, reading, plan, sql, columns, rows, validation, …',
    '',
    'Examples:',
    '  retail-insights ask "revenue by category in May 2022"',
    '  retail-insights ask "top 5 states by orders last month" --chart states.png',
  ].join('\n'),
  async run(ctx) {
    const { value: chart, rest } = takeOption(ctx.args, '--chart');
    const question = rest.join(' ').trim();
    if (!question)
      throw new AppError('BAD_INPUT', 'Give the question as an argument: retail-insights ask "…"');
    const { assistant } = await ctx.services();
    const answer = await assistant.ask(
      { threadKey: `cli:ask:${process.pid}:${Date.now()}`, text: question },
      { chart: Boolean(chart) },
    );
    writeAnswer(ctx, answer, saveChart(answer, chart));
    return answer.status === 'error' ? 1 : 0;
  },
};
