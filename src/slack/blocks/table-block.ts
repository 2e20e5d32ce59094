import type { types as slack } from '@slack/bolt';
import type { Answer } from '../../agent/answer.js';
import { answerColumns, isNumericFormat, type ColumnMeta } from '../../agent/columns.js';
import { formatCell } from '../../agent/format-value.js';
import { clip } from './kit.js';

type TableBlock = slack.TableBlock;

/** Slack's table block: at most 100 rows (header included) and 20 columns; a cell needs at least 1 character. */
export const TABLE_LIMITS = { rows: 100, columns: 20, cellChars: 200 } as const;

/** The column meaning of an answer: the result contract (inferred once for an answer stored without it). */
export function columnsOf(answer: Pick<Answer, 'columns' | 'rows' | 'truncated'>): ColumnMeta[] {
  return answerColumns(answer);
}

/**
 * The first `maxRows` rows as a Block Kit `table`: headers are the columns' labels, every cell is formatted by the
 * one format module (₹ lakh/crore, %, Indian grouping), numbers right-aligned. Cells are `raw_text`, which Slack
 * never parses as mrkdwn, so a customer called `<!channel>` stays text.
 */
export function resultTableBlock(
  answer: Pick<Answer, 'columns' | 'rows' | 'truncated'>,
  maxRows: number,
): TableBlock {
  const meta = columnsOf(answer).slice(0, TABLE_LIMITS.columns);
  const shown = answer.rows.slice(0, Math.min(maxRows, TABLE_LIMITS.rows - 1));
  const cell = (text: string) => ({
    type: 'raw_text' as const,
    text: clip(text || '–', TABLE_LIMITS.cellChars),
  });
  const header = meta.map((m) => cell(m.label));
  const body = shown.map((row) =>
    meta.map((m) => cell(formatCell(row[m.index] ?? null, m.format, { grain: m.grain }))),
  );
  return {
    type: 'table',
    block_id: 'table',
    rows: [header, ...body],
    column_settings: meta.map((m) => ({ align: isNumericFormat(m.format) ? 'right' : 'left' })),
  };
}
