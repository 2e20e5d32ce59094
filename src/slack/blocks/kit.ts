import type { types as slack } from '@slack/bolt';

export type KnownBlock = slack.KnownBlock;
export type Button = slack.Button;
type ActionsBlock = slack.ActionsBlock;
type ContextBlock = slack.ContextBlock;
type HeaderBlock = slack.HeaderBlock;
type SectionBlock = slack.SectionBlock;
type ImageBlock = slack.ImageBlock;
type ContextActionsBlock = slack.ContextActionsBlock;

/**
 * Tiny Block Kit constructors that enforce Slack's limits (section text 3000, header 150, button text 75,
 * button value 2000, 10 fields, 10 context elements, 25 action elements), so a long answer degrades to a
 * shortened one instead of an `invalid_blocks` error.
 */
export const LIMITS = {
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  actionElements: 25,
  blocksPerMessage: 50,
  imageAltText: 2000,
} as const;

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: clip(text, LIMITS.headerText), emoji: true } };
}

export function section(markdown: string, blockId?: string): SectionBlock {
  return {
    type: 'section',
    ...(blockId ? { block_id: blockId } : {}),
    text: { type: 'mrkdwn', text: clip(markdown, LIMITS.sectionText) },
  };
}

export function fieldsSection(fields: string[]): SectionBlock {
  return {
    type: 'section',
    fields: fields.slice(0, LIMITS.fields).map((f) => ({ type: 'mrkdwn', text: clip(f, LIMITS.fieldText) })),
  };
}

export function context(lines: string[], blockId?: string): ContextBlock {
  return {
    type: 'context',
    ...(blockId ? { block_id: blockId } : {}),
    elements: lines
      .slice(0, LIMITS.contextElements)
      .map((l) => ({ type: 'mrkdwn', text: clip(l, LIMITS.sectionText) })),
  };
}

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: clip(text, LIMITS.buttonText), emoji: true },
    action_id: actionId,
    value: clip(value, LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

export function actions(blockId: string, elements: Button[]): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements: elements.slice(0, LIMITS.actionElements) };
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}

/** An image block showing a file uploaded to Slack (by id), e.g. the answer's chart. */
export function slackFileImage(fileId: string, altText: string, title?: string): ImageBlock {
  return {
    type: 'image',
    block_id: 'chart',
    slack_file: { id: fileId },
    alt_text: clip(altText, LIMITS.imageAltText),
    ...(title ? { title: { type: 'plain_text', text: clip(title, LIMITS.imageAltText), emoji: true } } : {}),
  };
}

/** Slack's native 👍/👎 (`feedback_buttons` in a `context_actions` block); both values carry the answer's id. */
export function feedbackButtons(
  actionId: string,
  labels: { up: string; down: string },
  answerId: string,
): ContextActionsBlock {
  return {
    type: 'context_actions',
    block_id: 'feedback',
    elements: [
      {
        type: 'feedback_buttons',
        action_id: actionId,
        positive_button: {
          text: { type: 'plain_text', text: labels.up },
          value: clip(`up:${answerId}`, 200),
        },
        negative_button: {
          text: { type: 'plain_text', text: labels.down },
          value: clip(`down:${answerId}`, 200),
        },
      },
    ],
  };
}

/**
 * Escapes the three characters Slack's mrkdwn treats as control characters, so data and model prose can never
 * become a mention (`<!channel>`, `<@U123>`), a link or a channel reference. Slack shows `&lt;` as `<`.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
