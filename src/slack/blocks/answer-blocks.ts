import type { Alternative, Answer } from '../../agent/answer.js';
import {
  ACTION_ASK_OPTION_PREFIX,
  ACTION_DOWNLOAD_CSV,
  ACTION_FEEDBACK,
  ACTION_NOT_WHAT_I_MEANT,
  ACTION_PICK_OPTION_PREFIX,
  ACTION_PICK_READING_PREFIX,
  ACTION_SHOW_SQL,
} from '../action-ids.js';
import { messages } from '../messages.js';
import { answerId } from './answer-id.js';
import {
  actions,
  button,
  context,
  escapeMrkdwn,
  feedbackButtons,
  fieldsSection,
  header,
  section,
  slackFileImage,
  type KnownBlock,
} from './kit.js';
import { resultTableBlock } from './table-block.js';

/** Rows shown in the message's table; a larger result also goes out as a CSV file in the thread. */
export const MAX_TABLE_ROWS = 10;

export interface RenderedMessage {
  /** Notification / fallback text. */
  text: string;
  blocks: KnownBlock[];
  /** True when the result has more rows than the message shows (the caller uploads the CSV). */
  needsCsv: boolean;
}

export interface AnswerRenderOptions {
  /** Wall time the user waited, for the context line. */
  elapsedMs?: number;
  /** Summary posts get a header line. */
  title?: string;
  /** The chart, uploaded beforehand (files.uploadV2 without a channel): shown as an image block in the message. */
  chartFileId?: string;
}

/** Block Kit for one Answer, whatever its status. Pure: same answer in, same blocks out. */
export function answerBlocks(answer: Answer, options: AnswerRenderOptions = {}): RenderedMessage {
  switch (answer.status) {
    case 'clarify':
      return clarifyBlocks(answer);
    case 'refused':
      return refusedBlocks(answer);
    case 'error':
      return errorBlocks(answer);
    case 'answered':
      return answeredBlocks(answer, options);
  }
}

function answeredBlocks(answer: Answer, options: AnswerRenderOptions): RenderedMessage {
  const blocks: KnownBlock[] = [];
  const safe = escapeMrkdwn;
  if (options.title) blocks.push(header(options.title));
  blocks.push(section(`*${safe(answer.headline)}*`, 'headline'));
  // How the question was read, right under the headline, so a misreading shows at a glance.
  if (answer.reading) blocks.push(context([messages.readingLine(safe(answer.reading))]));

  const isSingleValue = answer.rows.length <= 1 && answer.columns.length <= 1;
  const hasTable = answer.rows.length > 0 && !isSingleValue;
  const needsCsv = answer.rows.length > MAX_TABLE_ROWS;
  // The rows appear once: as the table when there is one, otherwise as the key figures. A summary's KPI tiles
  // are not its table's rows (that is the movers), so a summary shows both.
  if ((!hasTable || options.title) && answer.keyFigures.length > 0) {
    blocks.push(
      fieldsSection(
        answer.keyFigures.map(
          (k) => `*${safe(k.label)}*\n${safe(k.value)}${k.change ? `  (${safe(k.change)})` : ''}`,
        ),
      ),
    );
  }
  if (hasTable) {
    blocks.push(resultTableBlock(answer, MAX_TABLE_ROWS));
    if (needsCsv) blocks.push(context([messages.tableMore(MAX_TABLE_ROWS, answer.rows.length)]));
  }
  if (answer.truncated) blocks.push(context([messages.truncatedNote]));
  if (options.chartFileId && answer.chart)
    blocks.push(
      slackFileImage(
        options.chartFileId,
        messages.chartAltText(answer.chart.title),
        messages.chartTitle(answer.chart.title),
      ),
    );

  if (answer.insights.length > 0) {
    blocks.push(section(answer.insights.map((line) => `• ${safe(line)}`).join('\n'), 'insights'));
  }
  if (answer.validation.status === 'WARNING' && answer.validation.notes.length > 0) {
    blocks.push(context([messages.validationWarning(answer.validation.notes.map(safe))]));
  }
  blocks.push(context(contextLines(answer, options.elapsedMs)));

  const id = answerId(answer);
  const buttons = [];
  if (answer.sql) buttons.push(button(messages.showSqlButton, ACTION_SHOW_SQL, id));
  if (answer.rows.length > 0) buttons.push(button(messages.downloadCsvButton, ACTION_DOWNLOAD_CSV, id));
  // A summary post answers no question, so there is nothing to have misread.
  if (answer.reading && !options.title)
    buttons.push(button(messages.notWhatIMeantButton, ACTION_NOT_WHAT_I_MEANT, id));
  blocks.push(actions('answer_actions', buttons));
  blocks.push(
    feedbackButtons(
      ACTION_FEEDBACK,
      { up: messages.feedbackUpButton, down: messages.feedbackDownButton },
      id,
    ),
  );

  if (answer.suggestions.length > 0) {
    blocks.push(context([messages.suggestionsPrompt]));
    blocks.push(suggestionButtons(answer));
  }
  return { text: safe(answer.headline), blocks, needsCsv };
}

function contextLines(answer: Answer, elapsedMs?: number): string[] {
  const lines: string[] = [];
  if (answer.definitions.length > 0)
    lines.push(messages.contextDefinition(escapeMrkdwn(answer.definitions.join('; '))));
  if (answer.timeRange)
    lines.push(
      messages.contextDates(escapeMrkdwn(answer.timeRange.label), answer.timeRange.from, answer.timeRange.to),
    );
  if (answer.dataSource) lines.push(messages.contextSource(escapeMrkdwn(answer.dataSource)));
  const ms = elapsedMs ?? Object.values(answer.timingsMs).reduce((a, b) => a + b, 0);
  lines.push(messages.contextTime(ms));
  if (answer.llm?.fallbackNote) lines.push(escapeMrkdwn(answer.llm.fallbackNote));
  return lines;
}

/**
 * One button per option: an option with a plan carries its id (the thread keeps the plan under it, so the click
 * answers that plan), any other carries the question to ask.
 */
function suggestionButtons(answer: Answer) {
  return actions(
    'ask_options',
    answer.suggestions
      .slice(0, 4)
      .map((s, i) =>
        s.plan && s.id
          ? button(s.label, `${ACTION_PICK_OPTION_PREFIX}${i}`, s.id)
          : button(s.label, `${ACTION_ASK_OPTION_PREFIX}${i}`, s.question),
      ),
  );
}

/**
 * What "Not what I meant" posts in the thread: the answer's alternative readings as buttons carrying their ids
 * (never words to re-parse), or, without alternatives, a short prompt to rephrase.
 */
export function alternativesMessage(
  alternatives: readonly Pick<Alternative, 'id' | 'label'>[],
): RenderedMessage {
  if (alternatives.length === 0) {
    return {
      text: messages.rephrasePrompt,
      blocks: [section(messages.rephrasePrompt, 'rephrase')],
      needsCsv: false,
    };
  }
  const blocks: KnownBlock[] = [
    section(messages.alternativesPrompt, 'alternatives'),
    actions(
      'pick_reading',
      alternatives.map((a, i) => button(a.label, `${ACTION_PICK_READING_PREFIX}${i}`, a.id)),
    ),
  ];
  return { text: messages.alternativesPrompt, blocks, needsCsv: false };
}

function clarifyBlocks(answer: Answer): RenderedMessage {
  const blocks: KnownBlock[] = [section(escapeMrkdwn(answer.headline), 'headline')];
  if (answer.suggestions.length > 0) {
    blocks.push(context([messages.clarifyPrompt]));
    blocks.push(suggestionButtons(answer));
  }
  return { text: escapeMrkdwn(answer.headline), blocks, needsCsv: false };
}

function refusedBlocks(answer: Answer): RenderedMessage {
  const blocks: KnownBlock[] = [section(escapeMrkdwn(answer.headline), 'headline')];
  if (answer.insights.length > 0)
    blocks.push(section(answer.insights.map((l) => `• ${escapeMrkdwn(l)}`).join('\n')));
  if (answer.suggestions.length > 0) {
    blocks.push(context([messages.refusedHint]));
    blocks.push(suggestionButtons(answer));
  }
  return { text: escapeMrkdwn(answer.headline), blocks, needsCsv: false };
}

function errorBlocks(answer: Answer): RenderedMessage {
  const text = messages.errorWithRef(answer.headline || messages.genericError, answer.errorRef ?? 'n/a');
  return { text, blocks: [section(text, 'headline')], needsCsv: false };
}

/** An error the Slack layer itself caught (the assistant threw, Slack failed): kind text plus a reference id. */
export function errorMessage(userMessage: string, ref: string): RenderedMessage {
  const text = messages.errorWithRef(userMessage, ref);
  return { text, blocks: [section(text, 'headline')], needsCsv: false };
}
