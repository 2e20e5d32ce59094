import type { Answer } from '../../agent/answer.js';
import { messages } from '../messages.js';
import { answerBlocks, type RenderedMessage } from './answer-blocks.js';
import { context } from './kit.js';

export interface SummaryRenderOptions {
  elapsedMs?: number;
  /** Human text of the filters, e.g. "category = Kurta". */
  filtersLabel?: string;
  /** The uploaded dashboard PNG, shown as an image block. */
  chartFileId?: string;
}

/** The summary post: a header with the period, the KPI tiles with changes, movers table, insights, context. */
export function summaryBlocks(answer: Answer, options: SummaryRenderOptions = {}): RenderedMessage {
  const label = answer.timeRange?.label ?? messages.summaryDefaultPeriod;
  const rendered = answerBlocks(answer, {
    title: messages.summaryHeader(label),
    ...(options.elapsedMs === undefined ? {} : { elapsedMs: options.elapsedMs }),
    ...(options.chartFileId ? { chartFileId: options.chartFileId } : {}),
  });
  if (answer.status === 'answered' && options.filtersLabel) {
    rendered.blocks.splice(1, 0, context([messages.summaryFilteredBy(options.filtersLabel)]));
  }
  return {
    ...rendered,
    text:
      answer.status === 'answered' ? `${messages.summaryHeader(label)}: ${answer.headline}` : rendered.text,
  };
}
