import type { types as slack } from '@slack/bolt';
import { FEEDBACK_REASONS, type FeedbackReason } from '../../feedback/feedback-store.js';
import { VIEW_FEEDBACK } from '../action-ids.js';
import { messages } from '../messages.js';

export const FEEDBACK_REASON_BLOCK = 'reason';
export const FEEDBACK_REASON_ACTION = 'reason_choice';
export const FEEDBACK_COMMENT_BLOCK = 'comment';
export const FEEDBACK_COMMENT_ACTION = 'comment_text';
const COMMENT_MAX_CHARS = 1000;

/** What the modal carries back on submit: which answer in which thread. */
export interface FeedbackTarget {
  threadKey: string;
  answerId: string;
}

/** The short "what was wrong?" form: one choice (number, reading, chart, other) and optional free text. */
export function feedbackModal(target: FeedbackTarget): slack.ModalView {
  return {
    type: 'modal',
    callback_id: VIEW_FEEDBACK,
    private_metadata: JSON.stringify(target),
    title: { type: 'plain_text', text: messages.feedbackModalTitle },
    submit: { type: 'plain_text', text: messages.feedbackModalSubmit },
    close: { type: 'plain_text', text: messages.feedbackModalCancel },
    blocks: [
      {
        type: 'input',
        block_id: FEEDBACK_REASON_BLOCK,
        label: { type: 'plain_text', text: messages.feedbackReasonLabel },
        element: {
          type: 'radio_buttons',
          action_id: FEEDBACK_REASON_ACTION,
          options: FEEDBACK_REASONS.map((reason) => ({
            text: { type: 'plain_text', text: messages.feedbackReasons[reason] },
            value: reason,
          })),
        },
      },
      {
        type: 'input',
        block_id: FEEDBACK_COMMENT_BLOCK,
        optional: true,
        label: { type: 'plain_text', text: messages.feedbackCommentLabel },
        element: {
          type: 'plain_text_input',
          action_id: FEEDBACK_COMMENT_ACTION,
          multiline: true,
          max_length: COMMENT_MAX_CHARS,
        },
      },
    ],
  };
}

/** The submitted form's values; a reason Slack did not send (or a forged one) reads as "other". */
export function readFeedbackForm(
  values: Record<
    string,
    Record<string, { selected_option?: { value?: string } | null; value?: string | null }>
  >,
): {
  reason: FeedbackReason;
  comment?: string;
} {
  const chosen = values[FEEDBACK_REASON_BLOCK]?.[FEEDBACK_REASON_ACTION]?.selected_option?.value;
  const reason = (FEEDBACK_REASONS as readonly string[]).includes(chosen ?? '')
    ? (chosen as FeedbackReason)
    : 'other';
  const comment = values[FEEDBACK_COMMENT_BLOCK]?.[FEEDBACK_COMMENT_ACTION]?.value?.trim();
  return { reason, ...(comment ? { comment: comment.slice(0, COMMENT_MAX_CHARS) } : {}) };
}

export function parseFeedbackTarget(privateMetadata: string): FeedbackTarget | null {
  try {
    const parsed = JSON.parse(privateMetadata) as Partial<FeedbackTarget>;
    return typeof parsed.threadKey === 'string' && typeof parsed.answerId === 'string'
      ? { threadKey: parsed.threadKey, answerId: parsed.answerId }
      : null;
  } catch {
    return null;
  }
}
