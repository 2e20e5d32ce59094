import type { App, BlockButtonAction } from '@slack/bolt';
import type { StoredAnswer } from '../../agent/answer.js';
import type { Plan } from '../../semantic/plan.js';
import {
  ACTION_ASK_OPTION_PATTERN,
  ACTION_DOWNLOAD_CSV,
  ACTION_NOT_WHAT_I_MEANT,
  ACTION_PICK_OPTION_PATTERN,
  ACTION_PICK_READING_PATTERN,
  ACTION_SHOW_SQL,
} from '../action-ids.js';
import { alternativesMessage } from '../blocks/answer-blocks.js';
import { answerId } from '../blocks/answer-id.js';
import { context, section } from '../blocks/kit.js';
import { reportToUser } from '../errors.js';
import type { EventGate } from '../event-gate.js';
import { messages } from '../messages.js';
import type { SlackDeps } from '../ports.js';
import { uploadCsv } from '../post-answer.js';
import { postMessage, slackErrorCode, type WebClient } from '../slack-api.js';
import { locateThread, type ThreadLocation } from '../thread-key.js';
import { answerInThread } from './answer-in-thread.js';

/** Where a clicked button lives: its message's thread (answers are posted in threads; DMs top-level). */
function locateClick(body: BlockButtonAction): ThreadLocation | null {
  const channelId = body.channel?.id ?? body.container?.channel_id;
  const ts = body.message?.ts ?? body.container?.message_ts;
  const teamId = body.team?.id ?? body.user.team_id;
  if (!channelId || !ts || !teamId) return null;
  const threadTs = (body.message?.thread_ts as string | undefined) ?? body.container?.thread_ts;
  return locateThread({ teamId, channelId, ts, ...(threadTs ? { threadTs } : {}) });
}

/** The ts of the message a button was clicked on. */
function clickedMessageTs(body: BlockButtonAction): string {
  return body.message?.ts ?? body.container?.message_ts ?? '';
}

type Respond = (message: ReturnType<typeof ephemeral> & { blocks?: unknown[] }) => Promise<unknown>;

const ephemeral = (text: string) => ({
  response_type: 'ephemeral' as const,
  replace_original: false,
  text,
});

/** A click's failure: logged with a reference the user is shown. */
async function tellFailed(deps: SlackDeps, respond: Respond, error: unknown, what: string): Promise<void> {
  const { ref, userMessage } = reportToUser(deps.logger, error, what);
  await respond(ephemeral(messages.errorWithRef(userMessage, ref))).catch(() => undefined);
}

/** The stored answer a button belongs to (asked of the Assistant, which owns thread state), or what to say instead. */
async function storedAnswerFor(
  deps: SlackDeps,
  location: ThreadLocation,
  id: string,
): Promise<{ problem: string } | { stored: StoredAnswer }> {
  const stored = await deps.assistant.lastAnswer(location.threadKey);
  if (!stored) return { problem: messages.nothingStored };
  if (answerId(stored) !== id) return { problem: messages.staleButton };
  return { stored };
}

/** A double click (or Slack re-delivering the action) must not act twice: true for the first only. */
function firstClick(gate: EventGate, body: BlockButtonAction, location: ThreadLocation, actionId: string) {
  return gate.claim([`click:${location.channelId}:${clickedMessageTs(body)}:${actionId}`]);
}

/**
 * Buttons under an answer. Show SQL and Download CSV read the thread's stored lastAnswer and never re-run the
 * query. An option with a plan (a clarification's choice, a follow-up suggestion) carries its id, and the click
 * answers the plan the thread stored under it; an option without one (the LLM's clarification options, which are
 * questions it wrote) asks its full question in the same thread. "Not what I meant" posts the stored
 * answer's alternative readings as buttons, and picking one answers its plan directly.
 */
export function registerActionListeners(app: App, deps: SlackDeps, gate: EventGate): void {
  registerStoredAnswerButton(app, deps, ACTION_SHOW_SQL, 'show_sql', async ({ stored, respond }) => {
    const sql = stored.sql;
    await respond({
      ...ephemeral(sql ? `${messages.sqlHeader}\n\`\`\`${sql}\`\`\`` : messages.noSql),
      ...(sql ? { blocks: [section(messages.sqlHeader), section(`\`\`\`${sql}\`\`\``)] } : {}),
    });
  });
  registerStoredAnswerButton(app, deps, ACTION_DOWNLOAD_CSV, 'download_csv', async (click) => {
    const { stored, location } = click;
    if (stored.rows.length === 0) {
      await click.respond(ephemeral(messages.noRows));
      return;
    }
    await uploadCsv(
      click.client,
      { channel: location.channelId, ...(location.threadTs ? { threadTs: location.threadTs } : {}) },
      stored,
    );
  });
  // "Not what I meant": the stored answer's alternative readings, posted as buttons.
  registerStoredAnswerButton(
    app,
    deps,
    ACTION_NOT_WHAT_I_MEANT,
    'not_what_i_meant',
    async ({ stored, location, client }) => {
      const rendered = alternativesMessage(stored.alternatives ?? []);
      await postMessage(client, {
        channel: location.channelId,
        ...(location.threadTs ? { threadTs: location.threadTs } : {}),
        text: rendered.text,
        blocks: rendered.blocks,
      });
    },
    gate,
  );

  app.action<BlockButtonAction>(ACTION_ASK_OPTION_PATTERN, async ({ ack, body, action, client }) => {
    await ack();
    const location = locateClick(body);
    const question = action.value ?? '';
    if (!location || !question) return;
    if (!(await firstClick(gate, body, location, action.action_id))) return;
    const label = action.text?.text ?? question;
    await markChosen(deps, client, body, location, label);
    await answerInThread({ client, deps, location, question, userId: body.user.id, surface: 'action' });
  });

  // An option with a plan (a clarification's choice, a follow-up suggestion): the button carries the option's id,
  // the plan is stored with the thread. Gone, the user is told why and what to do; its words are never re-read.
  registerPickedPlan(
    app,
    deps,
    gate,
    ACTION_PICK_OPTION_PATTERN,
    'pick_option',
    async (threadKey, id, label) => {
      const option = await deps.assistant.pendingOption(threadKey, id);
      if (option) return { plan: option.plan, label: option.label };
      const alive = await deps.assistant.follows(threadKey);
      return { problem: alive && label ? messages.optionOutdated(label) : messages.optionExpired };
    },
  );

  // An alternative reading after "Not what I meant": the button carries the alternative's id only; its plan is the
  // one stored with the thread's last answer.
  registerPickedPlan(app, deps, gate, ACTION_PICK_READING_PATTERN, 'pick_reading', async (threadKey, id) => {
    const stored = await deps.assistant.lastAnswer(threadKey);
    const alternative = stored?.alternatives?.find((a) => a.id === id);
    if (alternative) return { plan: alternative.plan, label: alternative.label };
    return { problem: stored ? messages.staleButton : messages.nothingStored };
  });
}

interface StoredAnswerClick {
  stored: StoredAnswer;
  location: ThreadLocation;
  client: WebClient;
  respond: Respond;
}

/**
 * A button that acts on the answer it sits under: the click finds the thread's stored answer (or tells the user it
 * is gone or stale) and `act` does the rest. With a gate, a second click on the same message does nothing.
 */
function registerStoredAnswerButton(
  app: App,
  deps: SlackDeps,
  actionId: string,
  what: string,
  act: (click: StoredAnswerClick) => Promise<void>,
  gate?: EventGate,
): void {
  app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond, client }) => {
    await ack();
    const location = locateClick(body);
    try {
      if (!location) throw new Error('button click without a channel or message');
      if (gate && !(await firstClick(gate, body, location, action.action_id))) return;
      const found = await storedAnswerFor(deps, location, action.value ?? '');
      if ('problem' in found) {
        await respond(ephemeral(found.problem));
        return;
      }
      await act({ stored: found.stored, location, client, respond });
    } catch (error) {
      await tellFailed(deps, respond, error, what);
    }
  });
}

/**
 * A button carrying the id of a plan the thread stored: the plan is answered as it is, with the label as the
 * turn's text (for history). `find` looks the id up, or says what to tell the user instead.
 */
function registerPickedPlan(
  app: App,
  deps: SlackDeps,
  gate: EventGate,
  pattern: RegExp,
  what: string,
  find: (
    threadKey: string,
    id: string,
    label: string | undefined,
  ) => Promise<{ plan: Plan; label: string } | { problem: string }>,
): void {
  app.action<BlockButtonAction>(pattern, async ({ ack, body, action, respond, client }) => {
    await ack();
    const location = locateClick(body);
    const id = action.value ?? '';
    if (!location || !id) return;
    let picked: { plan: Plan; label: string };
    try {
      if (!(await firstClick(gate, body, location, action.action_id))) return;
      const found = await find(location.threadKey, id, action.text?.text);
      if ('problem' in found) {
        await respond(ephemeral(found.problem));
        return;
      }
      picked = found;
    } catch (error) {
      await tellFailed(deps, respond, error, what);
      return;
    }
    await markChosen(deps, client, body, location, picked.label);
    await answerInThread({
      client,
      deps,
      location,
      question: picked.label,
      plan: picked.plan,
      userId: body.user.id,
      surface: 'action',
    });
  });
}

/** Marks the choice on the message with the options, so the thread reads well and its buttons are spent. */
async function markChosen(
  deps: SlackDeps,
  client: WebClient,
  body: BlockButtonAction,
  location: ThreadLocation,
  label: string,
): Promise<void> {
  const messageTs = clickedMessageTs(body);
  if (!body.message || !messageTs) return;
  const original = (body.message.blocks as unknown[] | undefined) ?? [];
  const kept = original.filter((b) => (b as { type?: string }).type !== 'actions');
  await client.chat
    .update({
      channel: location.channelId,
      ts: messageTs,
      text: body.message.text ?? label,
      blocks: [...(kept as never[]), context([messages.optionChosen(label)])],
    })
    .catch((error: unknown) => deps.logger.debug({ err: slackErrorCode(error) }, 'chat.update failed'));
}
