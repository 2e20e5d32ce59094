import type { Answer } from '../agent/answer.js';
import type { RenderedMessage } from './blocks/answer-blocks.js';
import { answerFileName } from './blocks/file-names.js';
import { toCsv } from './blocks/result-table.js';
import { messages } from './messages.js';
import type { SlackDeps } from './ports.js';
import { postMessage, SlackApiError, uploadFile, type WebClient } from './slack-api.js';

export interface AnswerTarget {
  channel: string;
  /** Absent: a top-level post (a summary, a top-level DM reply). */
  threadTs?: string;
}

/**
 * One message per answer. The chart is uploaded first without sharing it anywhere (files.uploadV2 with no
 * channel), then the answer is posted once with the chart as an image block (`slack_file`), so the thread gets
 * one message instead of three. Only a result larger than the table also gets its CSV, in the same thread.
 *
 * Degrades rather than fails: a chart that cannot be uploaded leaves the numbers and says so; a message Slack
 * rejects because of the image (the file not processed yet: `invalid_blocks`) is posted without it and the chart
 * shared into the thread instead. Returns the posted message's ts.
 */
export async function postAnswerMessage(
  client: WebClient,
  deps: Pick<SlackDeps, 'logger' | 'metrics'>,
  target: AnswerTarget,
  answer: Answer,
  render: (chartFileId?: string) => RenderedMessage,
  /** How the message goes out: a new post by default; a live answer stops its stream or updates its placeholder. */
  deliver: (rendered: RenderedMessage) => Promise<string> = (rendered) =>
    postMessage(client, {
      channel: target.channel,
      ...(target.threadTs ? { threadTs: target.threadTs } : {}),
      text: rendered.text,
      blocks: rendered.blocks,
    }),
): Promise<string> {
  const log = deps.logger;
  const png = answer.chart?.png && answer.chart.png.byteLength > 0 ? answer.chart.png : undefined;
  const chartTitle = answer.chart?.title ?? '';
  let chartFileId: string | undefined;
  let uploadFailed = false;
  let shareChartInThread = false;
  if (png) {
    try {
      chartFileId = await uploadFile(client, {
        filename: answerFileName(answer, 'png'),
        title: messages.chartTitle(chartTitle),
        altText: messages.chartAltText(chartTitle),
        data: png,
      });
    } catch (error) {
      uploadFailed = true;
      log.warn({ err: error }, 'chart upload failed; posting the answer without it');
    }
  }
  let rendered = render(chartFileId);
  let ts: string;
  try {
    ts = await deliver(rendered);
  } catch (error) {
    if (!(chartFileId && error instanceof SlackApiError && error.slackError === 'invalid_blocks'))
      throw error;
    log.warn({ err: error, chartFileId }, 'Slack refused the image block; posting without it');
    rendered = render();
    ts = await deliver(rendered);
    shareChartInThread = true;
  }
  // Later files belong under the answer: in its thread, or (a top-level post) in the thread it starts.
  const under = { channel: target.channel, threadTs: target.threadTs ?? ts };
  try {
    if (png && shareChartInThread) {
      await uploadFile(client, {
        ...under,
        filename: answerFileName(answer, 'png'),
        title: messages.chartTitle(chartTitle),
        altText: messages.chartAltText(chartTitle),
        data: png,
      });
    }
    if (rendered.needsCsv) await uploadCsv(client, under, answer);
  } catch (error) {
    uploadFailed = true;
    log.warn({ err: error }, 'upload into the thread failed');
  }
  if (uploadFailed)
    await postMessage(client, { ...under, text: messages.uploadFailed }).catch(() => undefined);
  return ts;
}

/** The whole result as a CSV file in the thread, named for what it holds ("revenue-by-state-may-2022.csv"). */
export async function uploadCsv(
  client: WebClient,
  target: { channel: string; threadTs?: string },
  answer: Pick<Answer, 'question' | 'reading' | 'chart' | 'columns' | 'rows'>,
): Promise<string> {
  return uploadFile(client, {
    channel: target.channel,
    ...(target.threadTs ? { threadTs: target.threadTs } : {}),
    filename: answerFileName(answer, 'csv'),
    title: messages.csvTitle(answer.question),
    data: toCsv(answer.columns, answer.rows),
  });
}
