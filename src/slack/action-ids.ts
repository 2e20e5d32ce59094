/** Block Kit action ids: the blocks set them, listeners/actions.ts handles them, app.ts registers them. */
export const ACTION_SHOW_SQL = 'show_sql';
export const ACTION_DOWNLOAD_CSV = 'download_csv';
export const ACTION_FEEDBACK_UP = 'feedback_up';
export const ACTION_FEEDBACK_DOWN = 'feedback_down';
/**
 * Options without a plan (the LLM resolver's clarification options, full questions it wrote): `ask_option_0`,
 * `ask_option_1`, … (value: the question to ask; ids must be unique per block).
 */
export const ACTION_ASK_OPTION_PREFIX = 'ask_option_';
export const ACTION_ASK_OPTION_PATTERN = /^ask_option_\d+$/;
/**
 * An option with a plan (a clarification's choice, a follow-up suggestion under an answer or a summary):
 * `pick_option_0`, … (value: the option's id, looked up in the thread's pending options; never words to re-parse).
 */
export const ACTION_PICK_OPTION_PREFIX = 'pick_option_';
export const ACTION_PICK_OPTION_PATTERN = /^pick_option_\d+$/;
/** "Not what I meant" under an answer: offers the answer's alternative readings (value: the answer id). */
export const ACTION_NOT_WHAT_I_MEANT = 'not_what_i_meant';
/** An alternative reading picked after "Not what I meant": `pick_reading_0`, … (value: the alternative's id). */
export const ACTION_PICK_READING_PREFIX = 'pick_reading_';
export const ACTION_PICK_READING_PATTERN = /^pick_reading_\d+$/;
/** Slack's native 👍/👎 under an answer (`feedback_buttons`; value: `up:<answer id>` or `down:<answer id>`). */
export const ACTION_FEEDBACK = 'answer_feedback';
/** The "what was wrong?" modal a 👎 opens (view callback_id). */
export const VIEW_FEEDBACK = 'feedback_modal';
/** An example question on App Home: `home_ask_0`, … (value: the question; asked in the user's DM with the app). */
export const ACTION_HOME_ASK_PREFIX = 'home_ask_';
export const ACTION_HOME_ASK_PATTERN = /^home_ask_\d+$/;
