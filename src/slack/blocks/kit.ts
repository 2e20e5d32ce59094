import type { types as slack } from '@slack/bolt';

export type KnownBlock = slack.KnownBlock;
export type Button = slack.Button;
type ActionsBlock = slack.ActionsBlock;
type ContextBlock = slack.ContextBlock;
type HeaderBlock = slack.HeaderBlock;
type SectionBlock = slack.SectionBlock;

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

export function context(lines: string[]): ContextBlock {
  return {
    type: 'context',
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

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
