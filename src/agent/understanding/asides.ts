/**
 * Asides a person adds about their own message, not about the data: "(sorry, pasted from excel)", "(typo)",
 * "(lol)", and forwarding headers. Their words would otherwise be read as names the data lacks ("excel") and sink a
 * clear question. Only a bracketed aside that opens with one of these words goes; "(returned, returning or
 * rejected)" stays.
 */
const ASIDE = /\(\s*(?:sorry|oops|pasted|copied|copy|typo|lol|haha|fyi|btw|ignore that|my bad)\b[^)]*\)/gi;
/** Forwarding headers pasted with a question: "[fwd from #ops-bot-logs | ticket 4471]", ">>>" and "<<<" marks. */
const FORWARDED =
  /\[\s*(?:auto-?)?(?:fwd|fw|forwarded|ticket|via|from #)[^\]]*\]|>{2,}|<{2,}|\bticket\s*#?\d+\b|\bpriority\b|-{3,}/gi;

/**
 * A greeting opening the message: "Morning - net revenue by category", "gm team, orders yday?". Only at the start
 * and set off by punctuation or a name word: "orders in the morning" keeps its word (and is asked about).
 */
const GREETING =
  /^\s*(?:(?:good\s+)?(?:morning|afternoon|evening)|gm|hi|hey|hello|hiya)(?:\s+(?:team|all|folks|guys|everyone|there))?\s*(?:[-\u2013\u2014,:!.]+\s*|\s+(?=(?:team|all)\b))/i;

/**
 * The bot addressed by name in the text: "@Retail Insights top 5 states", "<@U0BOT> revenue". Slack strips its
 * own mention token, but a pasted or typed name would read as data ("Retail" is the B2C buyer type).
 */
const ADDRESSED =
  /^\s*(?:<@[A-Z0-9]+>|@(?:retail[\s-]*insights?(?:[\s-]*(?:assistant|bot))?|[\w.-]+))[\s,:-]*/i;

export function withoutAsides(question: string): string {
  return question
    .replace(ADDRESSED, '')
    .replace(GREETING, '')
    .replace(ASIDE, ' ')
    .replace(FORWARDED, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
