import type { App } from '@slack/bolt';
import type { EventGate } from '../event-gate.js';
import { messages } from '../messages.js';
import type { SlackDeps } from '../ports.js';
import { postMessage } from '../slack-api.js';
import { locateThread } from '../thread-key.js';
import { answerInThread } from './answer-in-thread.js';

/** `<@U123>` and `<@U123|name>` mentions are addressing, not part of the question. */
export function stripMentions(text: string): string {
  return text
    .replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface IncomingQuestion {
  eventId: string;
  teamId: string;
  channelId: string;
  channelType?: string;
  ts: string;
  threadTs?: string;
  userId?: string;
  text: string;
}

/**
 * Mentions and DMs share one path. Bolt has already acked the HTTP request (events are acked before listeners
 * run and processBeforeResponse is off), so the slow work below never delays the ack.
 */
async function handleQuestion(
  deps: SlackDeps,
  gate: EventGate,
  q: IncomingQuestion,
  surface: 'mention' | 'dm' | 'thread',
  client: Parameters<typeof answerInThread>[0]['client'],
): Promise<void> {
  // The event id covers Slack's retries; the message key covers the same message arriving as two event types.
  const fresh = await gate.claim([`event:${q.eventId}`, `message:${q.teamId}:${q.channelId}:${q.ts}`]);
  if (!fresh) {
    deps.logger.info({ eventId: q.eventId }, 'duplicate Slack event ignored');
    return;
  }
  const location = locateThread({
    teamId: q.teamId,
    channelId: q.channelId,
    ts: q.ts,
    ...(q.channelType ? { channelType: q.channelType } : {}),
    ...(q.threadTs ? { threadTs: q.threadTs } : {}),
  });
  const question = stripMentions(q.text);
  if (!question) {
    await postMessage(client, {
      channel: q.channelId,
      ...(location.threadTs ? { threadTs: location.threadTs } : {}),
      text: messages.emptyQuestion,
    }).catch((error: unknown) => deps.logger.warn({ err: error }, 'could not post the hint'));
    return;
  }
  await answerInThread({
    client,
    deps,
    location,
    question,
    ...(q.userId ? { userId: q.userId } : {}),
    surface,
    // An unmentioned reply may be chatter: no progress reaction on it, and an answer only for a data question.
    ...(surface === 'thread' ? { addressed: false } : { reactTo: { channel: q.channelId, ts: q.ts } }),
  });
}

export function registerMentionListener(app: App, deps: SlackDeps, gate: EventGate): void {
  app.event('app_mention', async ({ event, body, client }) => {
    // Slack's types promise channel, ts and text; a malformed or forged event need not have them.
    const loose = event as unknown as Partial<
      Record<'channel' | 'ts' | 'text' | 'thread_ts' | 'user' | 'team', unknown>
    >;
    const channelId = typeof loose.channel === 'string' && loose.channel ? loose.channel : undefined;
    const ts = typeof loose.ts === 'string' && loose.ts ? loose.ts : undefined;
    if (!channelId || !ts) {
      deps.logger.warn(
        { eventId: body.event_id, hasChannel: Boolean(channelId), hasTs: Boolean(ts) },
        'malformed app_mention event (no channel or ts); nothing to answer',
      );
      return;
    }
    await handleQuestion(
      deps,
      gate,
      {
        eventId: body.event_id,
        teamId: (typeof loose.team === 'string' ? loose.team : undefined) ?? body.team_id,
        channelId,
        ts,
        ...(typeof loose.thread_ts === 'string' ? { threadTs: loose.thread_ts } : {}),
        ...(typeof loose.user === 'string' ? { userId: loose.user } : {}),
        // No text: the user gets the "ask me a question" hint.
        text: typeof loose.text === 'string' ? loose.text : '',
      },
      'mention',
      client,
    );
  });
}

interface LooseMessageEvent {
  subtype?: string;
  bot_id?: string;
  channel_type?: string;
  channel: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  team?: string;
}

/** `message.im`: the app's direct messages. Edits, deletions, joins and other bots' messages are not questions. */
export function registerDirectMessageListener(app: App, deps: SlackDeps, gate: EventGate): void {
  app.event('message', async ({ event, body, client }) => {
    const message = event as unknown as LooseMessageEvent;
    if (message.channel_type !== 'im') return;
    if (message.subtype !== undefined || message.bot_id !== undefined || !message.user) return;
    if (!isWellFormed(message, deps, body.event_id)) return;
    await handleQuestion(
      deps,
      gate,
      {
        eventId: body.event_id,
        teamId: message.team ?? body.team_id,
        channelId: message.channel,
        channelType: 'im',
        ts: message.ts,
        ...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
        userId: message.user,
        text: typeof message.text === 'string' ? message.text : '',
      },
      'dm',
      client,
    );
  });
}

/**
 * `message.channels` / `message.groups`: a reply without a mention in a thread the bot has answered in ("and by
 * state?") is a follow-up. Only replies in such threads are considered (the thread has state), never top-level
 * channel messages; replies that mention someone are addressed to them (a mention of the bot arrives as
 * app_mention, and the shared message key answers it once); and the Assistant answers only if the reply reads as
 * a data question, so "thanks!" gets no reply.
 */
export function registerThreadReplyListener(channelType: 'channel' | 'group') {
  return (app: App, deps: SlackDeps, gate: EventGate): void => {
    app.event('message', async ({ event, body, client }) => {
      const message = event as unknown as LooseMessageEvent;
      if (message.channel_type !== channelType) return;
      if (message.subtype !== undefined || message.bot_id !== undefined || !message.user) return;
      if (!isWellFormed(message, deps, body.event_id)) return;
      if (!message.thread_ts || message.thread_ts === message.ts) return;
      const text = typeof message.text === 'string' ? message.text : '';
      if (!text.trim() || /<@[A-Z0-9]+/.test(text)) return;
      const teamId = message.team ?? body.team_id;
      const location = locateThread({
        teamId,
        channelId: message.channel,
        ts: message.ts,
        threadTs: message.thread_ts,
      });
      const followed = await deps.assistant.follows(location.threadKey).catch((error: unknown) => {
        deps.logger.warn({ err: error }, 'thread state unavailable; not following an unmentioned reply');
        return false;
      });
      if (!followed) return;
      await handleQuestion(
        deps,
        gate,
        {
          eventId: body.event_id,
          teamId,
          channelId: message.channel,
          channelType,
          ts: message.ts,
          threadTs: message.thread_ts,
          userId: message.user,
          text,
        },
        'thread',
        client,
      );
    });
  };
}

/** A message event without a channel or ts cannot be answered (nowhere to reply): a log line, no exception. */
function isWellFormed(message: LooseMessageEvent, deps: SlackDeps, eventId: string): boolean {
  if (typeof message.channel === 'string' && message.channel && typeof message.ts === 'string' && message.ts)
    return true;
  deps.logger.warn({ eventId }, 'malformed message event (no channel or ts); nothing to answer');
  return false;
}
