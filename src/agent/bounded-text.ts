/**
 * Bounds on text that comes in from a user and goes back out to them. A question is a sentence or two; a 2 MB
 * event is not one, and echoing it (or a headline listing 20,000 filter values) would produce a reply nobody can
 * read and Slack may refuse.
 */
export const MAX_QUESTION_CHARS = 2_000;
/** How much of a question a reply quotes back. */
export const MAX_ECHO_CHARS = 200;
/** Headlines and the "Read as" line. */
export const MAX_HEADLINE_CHARS = 400;

/** `text` cut to at most `max` characters, ending in "…" when cut (never inside a surrogate pair). */
export function ellipsize(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text.slice(0, max));
  if (chars.join('').length > max - 1) chars.splice(-1, 1);
  return `${chars.join('').trimEnd()}…`;
}

export function tooLongMessage(length: number): string {
  return `That message is too long for a question (${length.toLocaleString('en-IN')} characters). Ask in a sentence or two, up to ${MAX_QUESTION_CHARS.toLocaleString('en-IN')} characters.`;
}
