import { Assistant, type App, type AssistantConfig } from '@slack/bolt';
import { clip } from '../blocks/kit.js';
import { suggestedPrompts } from '../assistant-prompts.js';
import type { EventGate } from '../event-gate.js';
import { messages } from '../messages.js';
import type { SlackDeps } from '../ports.js';
import { slackErrorCode } from '../slack-api.js';
import { locateThread } from '../thread-key.js';
import type { SchemaInfo } from '../../warehouse/types.js';
import { answerInThread } from './answer-in-thread.js';

/** Slack's limit on an assistant thread's title. */
const TITLE_MAX_CHARS = 255;

interface AssistantMessage {
  channel?: string;
  thread_ts?: string;
  ts?: string;
  user?: string;
  text?: string;
  bot_id?: string;
  subtype?: string;
  team?: string;
}

const registered = new WeakSet<App>();

/**
 * Slack's AI-app surface (the side panel), with Bolt's Assistant class. A new thread gets a title and suggested
 * prompts drawn from the data's coverage; a question there shows a status that names the stages while the one Q&A
 * flow answers it in the thread, with the same thread memory as a channel thread. Bolt runs the Assistant as
 * global middleware, so a DM thread message never also reaches the DM listener.
 *
 * It handles both `assistant_thread_started` and `assistant_thread_context_changed`, so the registry maps both to
 * this function; it registers the Assistant once per app.
 */
export function registerAssistantSurface(app: App, deps: SlackDeps, gate: EventGate): void {
  if (registered.has(app)) return;
  registered.add(app);
  app.assistant(
    new Assistant({
      ...(deps.assistantContexts ? { threadContextStore: contextStore(deps) } : {}),
      threadStarted: async ({ event, setTitle, setSuggestedPrompts, saveThreadContext }) => {
        const { channel_id: channelId, context } = event.assistant_thread;
        const { title, prompts } = suggestedPrompts(safeSchema(deps));
        const fromChannel = context.channel_id
          ? ` ${messages.assistantPromptsFromChannel(context.channel_id)}`
          : '';
        try {
          await saveThreadContext();
          await setTitle(messages.assistantThreadTitle);
          await setSuggestedPrompts({ title: clip(`${title}${fromChannel}`, 150), prompts });
        } catch (error) {
          deps.logger.warn(
            { err: slackErrorCode(error), channelId },
            'could not set up the assistant thread',
          );
        }
      },
      userMessage: async ({ message, body, client, setStatus, setTitle }) => {
        const m = message as AssistantMessage;
        // The bot's own replies in the thread arrive here too, as do edits; only people's questions count.
        if (m.subtype !== undefined || m.bot_id !== undefined || !m.user) return;
        if (!m.channel || !m.ts || !m.thread_ts || !m.text?.trim()) return;
        const teamId = m.team ?? (body as { team_id?: string }).team_id ?? '';
        const eventId = (body as { event_id?: string }).event_id ?? `${m.channel}:${m.ts}`;
        if (!(await gate.claim([`event:${eventId}`, `message:${teamId}:${m.channel}:${m.ts}`]))) return;
        const decoration = (what: string) => (error: unknown) =>
          deps.logger.debug({ err: slackErrorCode(error) }, `assistant ${what} failed`);
        await setTitle(clip(m.text.trim(), TITLE_MAX_CHARS)).catch(decoration('setTitle'));
        await setStatus({
          status: messages.assistantStatus,
          loading_messages: [...messages.assistantLoadingMessages],
        }).catch(decoration('setStatus'));
        await answerInThread({
          client,
          deps,
          location: locateThread({
            teamId,
            channelId: m.channel,
            channelType: 'im',
            ts: m.ts,
            threadTs: m.thread_ts,
          }),
          question: m.text.trim(),
          userId: m.user,
          surface: 'assistant',
        });
      },
    }),
  );
}

function safeSchema(deps: SlackDeps): SchemaInfo | null {
  try {
    return deps.schema();
  } catch (error) {
    deps.logger.warn({ err: error }, 'schema unavailable for the suggested prompts');
    return null;
  }
}

/**
 * Where a thread was opened from (the channel the user was looking at), kept in the shared store rather than in
 * Bolt's default, which re-reads the thread's first message and keeps one context for the whole process.
 */
function contextStore(deps: SlackDeps): NonNullable<AssistantConfig['threadContextStore']> {
  const port = deps.assistantContexts!;
  const where = (payload: unknown) => {
    const p = payload as {
      channel?: string;
      thread_ts?: string;
      assistant_thread?: { channel_id?: string; thread_ts?: string; context?: Record<string, unknown> };
    };
    return {
      channel: p.assistant_thread?.channel_id ?? p.channel ?? '',
      threadTs: p.assistant_thread?.thread_ts ?? p.thread_ts ?? '',
      context: p.assistant_thread?.context,
    };
  };
  return {
    async get({ payload }) {
      const { channel, threadTs } = where(payload);
      return (await port.get(channel, threadTs)) ?? {};
    },
    async save({ payload }) {
      const { channel, threadTs, context } = where(payload);
      if (context) await port.save(channel, threadTs, context);
    },
  };
}
