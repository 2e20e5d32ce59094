import type { App, BlockAction } from '@slack/bolt';
import type { FeedbackVerdict } from '../../feedback/feedback-store.js';
import { ACTION_FEEDBACK, ACTION_FEEDBACK_DOWN, ACTION_FEEDBACK_UP, VIEW_FEEDBACK } from '../action-ids.js';
import { answerId } from '../blocks/answer-id.js';
import { feedbackModal, parseFeedbackTarget, readFeedbackForm } from '../blocks/feedback-modal.js';
import { messages } from '../messages.js';
import type { SlackDeps } from '../ports.js';
import { slackErrorCode } from '../slack-api.js';
import { locateThread } from '../thread-key.js';

interface FeedbackClick {
  verdict: FeedbackVerdict;
  answerId: string;
}

/** `up:<id>` / `down:<id>` from the native feedback buttons, or the verdict of the older 👍/👎 buttons. */
function readClick(actionId: string, value: string): FeedbackClick | null {
  if (actionId === ACTION_FEEDBACK_UP) return { verdict: 'up', answerId: value };
  if (actionId === ACTION_FEEDBACK_DOWN) return { verdict: 'down', answerId: value };
  const match = /^(up|down):(.+)$/.exec(value);
  return match ? { verdict: match[1] as FeedbackVerdict, answerId: match[2]! } : null;
}

/**
 * 👍 is recorded at once; 👎 opens a short "what was wrong?" modal, and its submission is recorded with the
 * question, plan, SQL and reading of the answer it is about (the thread's stored answer, when it is still the one
 * clicked), so `retail-insights feedback export` can turn it into a draft evaluation case.
 */
export function registerFeedbackListeners(app: App, deps: SlackDeps): void {
  async function record(
    threadKey: string,
    click: FeedbackClick,
    extra: { userId?: string; reason?: string; comment?: string },
  ) {
    if (!deps.feedback) return;
    const last = await deps.assistant.lastAnswer(threadKey).catch(() => null);
    const stored = last && answerId(last) === click.answerId ? last : undefined;
    await deps.feedback.record({
      verdict: click.verdict,
      answerId: click.answerId,
      threadKey,
      question: stored?.question ?? '',
      ...(stored?.reading ? { reading: stored.reading } : {}),
      ...(stored?.plan ? { plan: stored.plan } : {}),
      ...(stored?.sql ? { sql: stored.sql } : {}),
      ...(extra.userId ? { userId: extra.userId } : {}),
      ...(extra.reason ? { reason: extra.reason as never } : {}),
      ...(extra.comment ? { comment: extra.comment } : {}),
    });
    deps.metrics?.feedback.inc({ verdict: click.verdict });
  }

  for (const actionId of [ACTION_FEEDBACK, ACTION_FEEDBACK_UP, ACTION_FEEDBACK_DOWN]) {
    app.action<BlockAction>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      const click = readClick(actionId, (action as { value?: string }).value ?? '');
      const channelId = body.channel?.id ?? body.container?.channel_id;
      const ts = body.message?.ts ?? body.container?.message_ts;
      const teamId = body.team?.id ?? body.user.team_id;
      if (!click || !channelId || !ts || !teamId) return;
      const threadTs = (body.message?.thread_ts as string | undefined) ?? body.container?.thread_ts;
      const { threadKey } = locateThread({ teamId, channelId, ts, ...(threadTs ? { threadTs } : {}) });
      const log = deps.logger.child({ threadKey, answerId: click.answerId, feedback: click.verdict });
      try {
        if (click.verdict === 'down') {
          await client.views.open({
            trigger_id: body.trigger_id,
            view: feedbackModal({ threadKey, answerId: click.answerId }),
          });
          return;
        }
        await record(threadKey, click, { userId: body.user.id });
        log.info('answer feedback');
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: messages.feedbackThanksUp,
        });
      } catch (error) {
        log.warn({ err: slackErrorCode(error) }, 'feedback could not be taken');
      }
    });
  }

  app.view(VIEW_FEEDBACK, async ({ ack, view, body }) => {
    await ack();
    const target = parseFeedbackTarget(view.private_metadata);
    if (!target) return;
    const form = readFeedbackForm(view.state.values as never);
    try {
      await record(
        target.threadKey,
        { verdict: 'down', answerId: target.answerId },
        { userId: body.user.id, ...form },
      );
      deps.logger.info({ ...target, reason: form.reason }, 'answer feedback');
    } catch (error) {
      deps.logger.warn({ err: error, ...target }, 'feedback could not be stored');
    }
  });
}
