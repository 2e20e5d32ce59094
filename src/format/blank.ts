/**
 * The one label of a blank value (NULL or empty) wherever a person reads it: answer text, terminal and Slack
 * tables, chart axes and legends. CSV and JSON keep blanks empty / null.
 */
export const BLANK = '(blank)';
