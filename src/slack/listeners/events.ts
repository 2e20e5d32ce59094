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
  surface: 'mention' | 'dm',
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
    reactTo: { channel: q.channelId, ts: q.ts },
  });
}

export function registerMentionListener(app: App, deps: SlackDeps, gate: EventGate): void {
  app.event('app_mention', async ({ event, body, client }) => {
    await handleQuestion(
      deps,
      gate,
      {
        eventId: body.event_id,
        teamId: event.team ?? body.team_id,
        channelId: event.channel,
        ts: event.ts,
        ...(event.thread_ts ? { threadTs: event.thread_ts } : {}),
        ...(event.user ? { userId: event.user } : {}),
        text: event.text,
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
        text: message.text ?? '',
      },
      'dm',
      client,
    );
  });
}
