import type { webApi } from '@slack/bolt';
import { AppError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import type { KnownBlock } from './blocks/kit.js';
import { BOT_NAME, messages } from './messages.js';

/**
 * Thin helpers over the Web API: posting, uploads (files.uploadV2 = getUploadURLExternal → POST → complete),
 * reactions, and turning Slack's error codes into something a user can act on. Retries on rate limits and
 * network errors are the WebClient's own (configured in app.ts); platform errors such as `not_in_channel` are
 * not retryable and become SlackApiError.
 */
export type WebClient = webApi.WebClient;

/** Web API client settings: a few quick retries (rate limits honour Retry-After), never minutes of waiting. */
export const WEB_CLIENT_RETRY_CONFIG = {
  retries: 3,
  factor: 2,
  minTimeout: 300,
  maxTimeout: 5_000,
  randomize: true,
};
export const WEB_CLIENT_TIMEOUT_MS = 15_000;

export class SlackApiError extends AppError {
  readonly slackError: string;
  constructor(slackError: string, userMessage: string, cause: unknown) {
    super('SLACK_API_FAILED', userMessage, { cause, detail: `Slack API error: ${slackError}` });
    this.slackError = slackError;
  }
}

/** The Slack error code (`not_in_channel`, `ratelimited`, …) of a Web API failure, or a transport label. */
export function slackErrorCode(error: unknown): string {
  if (error instanceof SlackApiError) return error.slackError;
  if (error && typeof error === 'object') {
    const e = error as { code?: string; data?: { error?: string }; statusCode?: number };
    if (e.data?.error) return e.data.error;
    if (e.code === 'slack_webapi_rate_limited_error') return 'ratelimited';
    if (e.code === 'slack_webapi_http_error') return `http_${e.statusCode ?? 'error'}`;
    if (e.code === 'slack_webapi_request_error') return 'request_error';
  }
  return 'unknown';
}

export function userMessageForSlackError(code: string): string {
  switch (code) {
    case 'not_in_channel':
    case 'channel_not_found':
      return messages.notInChannel(BOT_NAME);
    case 'is_archived':
      return messages.channelArchived;
    default:
      return messages.genericError;
  }
}

function wrap(error: unknown): SlackApiError {
  if (error instanceof SlackApiError) return error;
  const code = slackErrorCode(error);
  return new SlackApiError(code, userMessageForSlackError(code), error);
}

export interface PostArgs {
  channel: string;
  threadTs?: string;
  text: string;
  blocks?: KnownBlock[];
}

/** chat.postMessage; returns the new message's ts. Throws SlackApiError with a user-facing message. */
export async function postMessage(client: WebClient, args: PostArgs): Promise<string> {
  try {
    const res = await client.chat.postMessage({
      channel: args.channel,
      text: args.text,
      ...(args.blocks ? { blocks: args.blocks } : {}),
      ...(args.threadTs ? { thread_ts: args.threadTs } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });
    return res.ts ?? '';
  } catch (error) {
    throw wrap(error);
  }
}

export interface UploadArgs {
  /** Absent: the file stays private to the app until a message shows it (an image block's `slack_file`). */
  channel?: string;
  threadTs?: string;
  filename: string;
  title: string;
  data: Uint8Array | string;
  altText?: string;
  comment?: string;
}

/** files.uploadV2 (into a channel and thread when given); returns the file's id. Throws SlackApiError. */
export async function uploadFile(client: WebClient, args: UploadArgs): Promise<string> {
  const file = typeof args.data === 'string' ? Buffer.from(args.data, 'utf8') : Buffer.from(args.data);
  try {
    const res = (await client.filesUploadV2({
      ...(args.channel ? { channel_id: args.channel } : {}),
      ...(args.channel && args.threadTs ? { thread_ts: args.threadTs } : {}),
      file,
      filename: args.filename,
      title: args.title,
      ...(args.altText ? { alt_text: args.altText } : {}),
      ...(args.comment ? { initial_comment: args.comment } : {}),
    } as Parameters<WebClient['filesUploadV2']>[0])) as { files?: { files?: { id?: string }[] }[] };
    const id = res.files?.[0]?.files?.[0]?.id;
    if (!id) throw new Error('files.uploadV2 returned no file id');
    return id;
  } catch (error) {
    throw wrap(error);
  }
}

/** Progress reactions are decoration: failures (already_reacted, no_reaction, missing scope) are only logged. */
export async function react(
  client: WebClient,
  logger: Logger,
  action: 'add' | 'remove',
  args: { channel: string; timestamp: string; name: string },
): Promise<void> {
  try {
    if (action === 'add') await client.reactions.add(args);
    else await client.reactions.remove(args);
  } catch (error) {
    logger.debug({ err: slackErrorCode(error), reaction: args.name, action }, 'reaction failed');
  }
}

/** chat.update of one of the bot's messages (the answer's placeholder). Throws SlackApiError. */
export async function updateMessage(
  client: WebClient,
  args: { channel: string; ts: string; text: string; blocks?: KnownBlock[] },
): Promise<void> {
  try {
    await client.chat.update({
      channel: args.channel,
      ts: args.ts,
      text: args.text,
      ...(args.blocks ? { blocks: args.blocks } : {}),
    });
  } catch (error) {
    throw wrap(error);
  }
}

/** Whether the installed Web API client has Slack's text streaming methods (chat.startStream and friends). */
export function canStreamText(client: WebClient): boolean {
  const chat = client.chat as Partial<WebClient['chat']>;
  return (
    typeof chat.startStream === 'function' &&
    typeof chat.appendStream === 'function' &&
    typeof chat.stopStream === 'function'
  );
}

export interface StartStreamArgs {
  channel: string;
  /** Streamed messages are always replies: Slack requires the thread. */
  threadTs: string;
  markdownText: string;
  /** Required by Slack when streaming into a channel (not a DM): who the reply is for. */
  recipient?: { userId: string; teamId: string };
}

/** chat.startStream; returns the streaming message's ts. Throws SlackApiError (e.g. `unknown_method`). */
export async function startStream(client: WebClient, args: StartStreamArgs): Promise<string> {
  try {
    const res = await client.chat.startStream({
      channel: args.channel,
      thread_ts: args.threadTs,
      markdown_text: args.markdownText,
      ...(args.recipient
        ? { recipient_user_id: args.recipient.userId, recipient_team_id: args.recipient.teamId }
        : {}),
    });
    if (!res.ts) throw new Error('chat.startStream returned no ts');
    return res.ts;
  } catch (error) {
    throw wrap(error);
  }
}

/** chat.appendStream: more markdown at the end of the streaming message. Throws SlackApiError. */
export async function appendStream(
  client: WebClient,
  args: { channel: string; ts: string; markdownText: string },
): Promise<void> {
  try {
    await client.chat.appendStream({ channel: args.channel, ts: args.ts, markdown_text: args.markdownText });
  } catch (error) {
    throw wrap(error);
  }
}

/** chat.stopStream: ends the stream; `blocks` are appended under the streamed text. Throws SlackApiError. */
export async function stopStream(
  client: WebClient,
  args: { channel: string; ts: string; blocks?: KnownBlock[] },
): Promise<void> {
  try {
    await client.chat.stopStream({
      channel: args.channel,
      ts: args.ts,
      ...(args.blocks?.length ? { blocks: args.blocks } : {}),
    });
  } catch (error) {
    throw wrap(error);
  }
}

/** chat.delete of one of the bot's messages. Throws SlackApiError. */
export async function deleteMessage(client: WebClient, args: { channel: string; ts: string }): Promise<void> {
  try {
    await client.chat.delete(args);
  } catch (error) {
    throw wrap(error);
  }
}
