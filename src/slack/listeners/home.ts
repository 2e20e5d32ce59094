import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION_HOME_ASK_PATTERN } from '../action-ids.js';
import { escapeMrkdwn } from '../blocks/kit.js';
import { homeView, type HomeSubscription } from '../blocks/home-view.js';
import type { EventGate } from '../event-gate.js';
import { messages } from '../messages.js';
import type { SlackDeps } from '../ports.js';
import { postMessage, slackErrorCode } from '../slack-api.js';
import { locateThread } from '../thread-key.js';
import type { DataStatus } from '../../semantic/data-availability.js';
import type { SchemaInfo } from '../../warehouse/types.js';
import { answerInThread } from './answer-in-thread.js';

/**
 * `app_home_opened`: publish the Home tab (coverage, what loaded, clickable example questions, the scheduled
 * summaries with their schedules in words).
 */
export function registerHomeListener(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    let schema: SchemaInfo | null = null;
    let status: DataStatus | null = null;
    let subscriptions: HomeSubscription[] | null = null;
    try {
      schema = deps.schema();
      status = deps.dataStatus?.() ?? null;
    } catch (error) {
      deps.logger.warn({ err: error }, 'schema unavailable for App Home');
    }
    try {
      subscriptions = deps.subscriptions ? await deps.subscriptions.list() : null;
    } catch (error) {
      deps.logger.warn({ err: error }, 'subscriptions unavailable for App Home');
    }
    try {
      await client.views.publish({
        user_id: event.user,
        view: homeView(schema, status, subscriptions, deps.summaryTimeZone),
      });
    } catch (error) {
      deps.logger.warn({ err: slackErrorCode(error), user: event.user }, 'views.publish failed');
    }
  });
}

/** An example question clicked on App Home: asked in the user's DM with the app, answered in that thread. */
export function registerHomeActions(app: App, deps: SlackDeps, gate: EventGate): void {
  app.action<BlockButtonAction>(ACTION_HOME_ASK_PATTERN, async ({ ack, body, action, client }) => {
    await ack();
    const question = action.value ?? '';
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    if (!question) return;
    if (!(await gate.claim([`click:home:${body.user.id}:${action.action_ts}`]))) return;
    try {
      const opened = await client.conversations.open({ users: body.user.id });
      const channelId = opened.channel?.id;
      if (!channelId) throw new Error('conversations.open returned no channel');
      const ts = await postMessage(client, {
        channel: channelId,
        text: messages.homeAsked(escapeMrkdwn(question)),
      });
      await answerInThread({
        client,
        deps,
        location: locateThread({ teamId, channelId, ts, threadTs: ts }),
        question,
        userId: body.user.id,
        surface: 'action',
      });
    } catch (error) {
      deps.logger.warn(
        { err: slackErrorCode(error), user: body.user.id },
        'could not ask the example question',
      );
    }
  });
}
