import { Document, isMap, isSeq, type YAMLMap } from 'yaml';
import type { EvalCategory } from '../agent/eval/eval-set.js';
import type { FeedbackRecord } from './feedback-store.js';

/**
 * 👎 feedback as draft evaluation cases, in the format of test/eval/*.yml: id, category, question and an empty
 * gold for a person to write (the answer was wrong, so its SQL cannot be the gold). What the bot did and what the
 * user said go in comments, so the reviewer sees them and the file stays in the eval format.
 */
export function draftEvalCases(records: readonly FeedbackRecord[]): string {
  const negative = records.filter((r) => r.verdict === 'down');
  const doc = new Document(
    negative.map((r) => ({
      id: `feedback-${r.at.slice(0, 10)}-${r.id.slice(0, 8)}`,
      category: guessCategory(r),
      question: r.question,
      gold: null,
    })),
  );
  doc.commentBefore = [
    ' Draft evaluation cases from 👎 feedback (retail-insights feedback export).',
    ' For each: write the gold SQL by hand over the clean tables, check the category, set expect/ranked/thread',
    ' where needed, then move it into a set under test/eval/. The comments say what the bot did and what was wrong.',
  ].join('\n');
  const items = doc.contents;
  if (isSeq(items)) {
    items.items.forEach((node, i) => {
      const r = negative[i]!;
      if (isMap(node)) (node as YAMLMap).commentBefore = describe(r);
    });
  }
  return negative.length === 0 ? '# No 👎 feedback to export.\n[]\n' : doc.toString({ lineWidth: 0 });
}

function describe(r: FeedbackRecord): string {
  const lines = [
    ` ${r.at} · what was wrong: ${r.reason ?? 'not said'}${r.comment ? ` · "${oneLine(r.comment)}"` : ''}`,
    ...(r.reading ? [` read as: ${oneLine(r.reading)}`] : []),
    ...(r.plan ? [` plan: ${JSON.stringify(r.plan)}`] : []),
    ...(r.sql ? [` bot's SQL: ${oneLine(r.sql)}`] : []),
  ];
  return lines.join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A starting point for the reviewer, from the plan's shape. */
function guessCategory(r: FeedbackRecord): EvalCategory {
  const plan = r.plan;
  if (!plan) return 'simple';
  if (plan.compareTo) return 'comparison';
  if (plan.share) return 'share';
  if (plan.limit !== undefined && plan.groupBy.length > 0) return 'ranking';
  if (plan.filters.length > 0) return 'filters';
  if (plan.groupBy.length > 0) return 'groupby';
  if (plan.timeRange) return 'time';
  return 'simple';
}
