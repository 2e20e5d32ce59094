/** Block Kit action ids: the blocks set them, listeners/actions.ts handles them, app.ts registers them. */
export const ACTION_SHOW_SQL = 'show_sql';
export const ACTION_DOWNLOAD_CSV = 'download_csv';
export const ACTION_FEEDBACK_UP = 'feedback_up';
export const ACTION_FEEDBACK_DOWN = 'feedback_down';
/** Clarification options and follow-up suggestions: `ask_option_0`, `ask_option_1`, … (ids must be unique per block). */
export const ACTION_ASK_OPTION_PREFIX = 'ask_option_';
export const ACTION_ASK_OPTION_PATTERN = /^ask_option_\d+$/;
