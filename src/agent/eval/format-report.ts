import { combineCounts, type EvalCounts, type EvalFailure, type EvalReport } from './run-eval.js';

export interface FormatOptions {
  /**
   * Leave out each failure's question, reading, SQL and reason, keeping its id, category and outcome: for the
   * held-out set, whose questions must stay unseen by whoever works on the planner (CI logs included).
   */
  redact?: boolean;
}

const OUTCOME_LABELS: Record<EvalFailure['outcome'], string> = {
  'confident-wrong': 'CONFIDENT WRONG',
  'needless-clarify': 'needless clarification',
  refused: 'refused',
  error: 'error',
  'wrong-decline': 'asking and refusing mixed up',
};

/** Failures listed in this order: the worst first. */
const OUTCOME_ORDER: EvalFailure['outcome'][] = [
  'confident-wrong',
  'error',
  'refused',
  'needless-clarify',
  'wrong-decline',
];

export function pct(n: number, d: number): string {
  return d ? `${((n / d) * 100).toFixed(1)}%` : '-';
}

function questions(n: number): string {
  return `${n} question${n === 1 ? '' : 's'}`;
}

export function setTitle(set: string): string {
  if (set === 'tuning') return 'Tuning set';
  if (set === 'held-out') return 'Held-out set';
  return `Set ${set}`;
}

/** One set's report: the headline (confident wrong, target 0), the other outcomes, per category, failures. */
export function formatReport(report: EvalReport, options: FormatOptions = {}): string {
  const lines = [
    `${setTitle(report.set)} via ${report.via}: ${questions(report.total)} in ${report.elapsedMs} ms`,
    ...summaryLines(report),
    '',
    ...categoryTable(report),
  ];
  if (report.failures.length) lines.push('', ...failureLines(report.failures, options));
  return lines.join('\n');
}

/** One line over several sets' reports (`eval --set all`). */
export function formatCombined(reports: readonly EvalReport[]): string {
  const c = combineCounts(reports);
  const via = [...new Set(reports.map((r) => r.via))].join(', ');
  return (
    `All sets (${reports.map((r) => r.set).join(' + ')}) via ${via}: ${questions(c.total)}: ` +
    `CONFIDENT WRONG ${c.confidentWrong} (${pct(c.confidentWrong, c.total)}, target 0), ` +
    `correct ${c.correct} (${pct(c.correct, c.total)}), ` +
    `needless clarifications ${c.needlessClarifications} (${pct(c.needlessClarifications, c.total)}), ` +
    `refusals ${c.refusals} (${pct(c.refusals, c.total)}), errors ${c.errors} (${pct(c.errors, c.total)})`
  );
}

function summaryLines(c: EvalCounts): string[] {
  const row = (label: string, n: number, tail = '') =>
    `  ${label.padEnd(24)}${String(n).padStart(5)}  ${pct(n, c.total).padStart(6)}${tail}`;
  const lines = [
    row(
      'CONFIDENT WRONG',
      c.confidentWrong,
      `   target 0 (wrong numbers ${c.wrongNumbers}; answered where it should ask or refuse ${c.numbersOnClarifyOrRefuse})`,
    ),
    row('correct', c.correct),
    row('needless clarifications', c.needlessClarifications),
    row('refusals', c.refusals),
    row('errors', c.errors),
  ];
  if (c.wrongDeclines) lines.push(row('asking/refusing mixed up', c.wrongDeclines));
  return lines;
}

function categoryTable(report: EvalReport): string[] {
  const header = ['category', 'total', 'correct', 'accuracy', 'conf.wrong', 'needless', 'refused', 'errors'];
  const widths = [12, 5, 7, 8, 10, 8, 7, 6];
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [
    line(header),
    ...report.byCategory.map((c) =>
      line([
        c.category,
        String(c.total),
        String(c.correct),
        pct(c.correct, c.total),
        String(c.confidentWrong),
        String(c.needlessClarifications),
        String(c.refusals),
        String(c.errors),
      ]),
    ),
  ];
}

function failureLines(failures: readonly EvalFailure[], options: FormatOptions): string[] {
  const sorted = OUTCOME_ORDER.flatMap((o) => failures.filter((f) => f.outcome === o));
  const lines = [
    options.redact ? 'Failures (questions withheld: this set must stay unseen):' : 'Failures (worst first):',
  ];
  for (const f of sorted) {
    if (options.redact) {
      lines.push(`  [${f.category}] ${f.id}: ${OUTCOME_LABELS[f.outcome]}`);
      continue;
    }
    lines.push(`  [${f.category}] ${f.id} "${f.question}": ${OUTCOME_LABELS[f.outcome]}: ${f.reason}`);
    if (f.reading) lines.push(`      read as: ${f.reading}`);
  }
  return lines;
}

/** The report without the failures' question, reading, SQL and reason (for --json on the held-out set). */
export function redactReport(report: EvalReport): EvalReport {
  return {
    ...report,
    failures: report.failures.map((f) => ({
      id: f.id,
      category: f.category,
      question: '(withheld)',
      outcome: f.outcome,
      reason: '(withheld)',
    })),
  };
}
