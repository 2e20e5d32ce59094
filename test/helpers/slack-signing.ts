import { createHmac } from 'node:crypto';

/**
 * Builds requests the way Slack sends them: v0 HMAC-SHA256 signatures over `v0:<timestamp>:<raw body>`, event
 * envelopes (JSON), slash commands and interactivity payloads (form-encoded). Used by the e2e tests and the
 * Slack load benchmark against the real Bolt HTTPReceiver.
 */
export function slackSignature(secret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

export interface SignedPostOptions {
  /** Defaults to now; a value more than 5 minutes old is "stale" and must be rejected. */
  timestampSec?: number;
  /** Override the signature (forgery tests). */
  signature?: string;
  headers?: Record<string, string>;
}

export interface SignedPostResult {
  status: number;
  body: string;
  /** Time until the HTTP response (Slack's ack) arrived. */
  ackMs: number;
}

export async function postSigned(
  url: string,
  secret: string,
  body: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
  options: SignedPostOptions = {},
): Promise<SignedPostResult> {
  const ts = options.timestampSec ?? Math.floor(Date.now() / 1000);
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': options.signature ?? slackSignature(secret, ts, body),
      ...options.headers,
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text, ackMs: performance.now() - started };
}

let eventCounter = 0;
let tsCounter = 0;

/** A fresh message ts, unique within the test run. */
export function nextTs(): string {
  tsCounter += 1;
  return `1650000000.${String(tsCounter).padStart(6, '0')}`;
}

export interface EventOptions {
  teamId?: string;
  eventId?: string;
}

export function eventEnvelope(
  event: Record<string, unknown>,
  options: EventOptions = {},
): { body: string; eventId: string } {
  eventCounter += 1;
  const eventId = options.eventId ?? `Ev${Date.now().toString(36).toUpperCase()}${eventCounter}`;
  const teamId = options.teamId ?? 'T0TEST';
  const body = JSON.stringify({
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: 'A0TEST',
    event: { event_ts: event.ts ?? nextTs(), ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: teamId, user_id: 'UBOT', is_bot: true }],
  });
  return { body, eventId };
}

export function mentionEvent(args: {
  channel: string;
  text: string;
  ts?: string;
  threadTs?: string;
  user?: string;
}) {
  return {
    type: 'app_mention',
    user: args.user ?? 'UALICE',
    text: `<@UBOT> ${args.text}`,
    ts: args.ts ?? nextTs(),
    channel: args.channel,
    team: 'T0TEST',
    ...(args.threadTs ? { thread_ts: args.threadTs } : {}),
  };
}

interface MessageArgs {
  channel: string;
  text: string;
  ts?: string;
  threadTs?: string;
  user?: string;
}

function messageEvent(channelType: 'im' | 'channel', args: MessageArgs) {
  return {
    type: 'message',
    channel_type: channelType,
    user: args.user ?? 'UALICE',
    text: args.text,
    ts: args.ts ?? nextTs(),
    channel: args.channel,
    team: 'T0TEST',
    ...(args.threadTs ? { thread_ts: args.threadTs } : {}),
  };
}

/** A plain message in a public channel (message.channels), e.g. a reply in a thread without a mention. */
export function channelMessageEvent(args: MessageArgs) {
  return messageEvent('channel', args);
}

export function directMessageEvent(args: MessageArgs) {
  return messageEvent('im', args);
}

/** The user opened the assistant side panel (a new thread in the app's DM), optionally from a channel. */
export function assistantThreadStartedEvent(args: {
  channel: string;
  threadTs: string;
  user?: string;
  fromChannel?: string;
}) {
  return {
    type: 'assistant_thread_started',
    assistant_thread: {
      user_id: args.user ?? 'UALICE',
      channel_id: args.channel,
      thread_ts: args.threadTs,
      context: args.fromChannel
        ? { channel_id: args.fromChannel, team_id: 'T0TEST', enterprise_id: null }
        : {},
    },
    event_ts: nextTs(),
  };
}

export function commandBody(args: {
  text: string;
  channel: string;
  responseUrl: string;
  user?: string;
  teamId?: string;
}): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: args.teamId ?? 'T0TEST',
    team_domain: 'test',
    channel_id: args.channel,
    channel_name: 'sales',
    user_id: args.user ?? 'UALICE',
    user_name: 'alice',
    command: '/retail-summary',
    text: args.text,
    api_app_id: 'A0TEST',
    response_url: args.responseUrl,
    trigger_id: `trigger.${Date.now()}`,
  }).toString();
}

export interface ButtonClick {
  actionId: string;
  value: string;
  text?: string;
  channel: string;
  messageTs: string;
  threadTs?: string;
  messageText?: string;
  blocks?: unknown[];
  responseUrl: string;
  user?: string;
}

export function blockActionBody(click: ButtonClick): string {
  const payload = {
    type: 'block_actions',
    user: { id: click.user ?? 'UALICE', username: 'alice', team_id: 'T0TEST' },
    api_app_id: 'A0TEST',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: click.messageTs,
      channel_id: click.channel,
      is_ephemeral: false,
      ...(click.threadTs ? { thread_ts: click.threadTs } : {}),
    },
    trigger_id: `trigger.${Date.now()}`,
    team: { id: 'T0TEST', domain: 'test' },
    channel: { id: click.channel, name: 'sales' },
    message: {
      type: 'message',
      user: 'UBOT',
      ts: click.messageTs,
      text: click.messageText ?? '',
      ...(click.threadTs ? { thread_ts: click.threadTs } : {}),
      blocks: click.blocks ?? [],
    },
    response_url: click.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: click.actionId,
        block_id: 'b',
        text: { type: 'plain_text', text: click.text ?? click.value },
        value: click.value,
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A modal submitted (view_submission), with its input values as Slack sends them. */
export function viewSubmissionBody(args: {
  callbackId: string;
  privateMetadata: string;
  values: Record<string, Record<string, unknown>>;
  user?: string;
}): string {
  const payload = {
    type: 'view_submission',
    team: { id: 'T0TEST', domain: 'test' },
    user: { id: args.user ?? 'UALICE', username: 'alice', team_id: 'T0TEST' },
    api_app_id: 'A0TEST',
    token: 'legacy-verification-token',
    trigger_id: `trigger.${Date.now()}`,
    view: {
      id: 'V0TEST',
      type: 'modal',
      callback_id: args.callbackId,
      private_metadata: args.privateMetadata,
      state: { values: args.values },
      hash: 'h',
    },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
