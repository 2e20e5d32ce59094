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
