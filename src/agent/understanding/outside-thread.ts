/**
 * "what about the other thing we looked at yesterday?": a pointer to a conversation the bot cannot see (another
 * thread, a meeting). Nothing in this thread says what it was, so the bot asks instead of answering the thread's
 * last question again for a new period.
 */
const OUTSIDE_THREAD: RegExp[] = [
  /\b(?:thing|stuff|report|numbers?|question|chart|one)\s+(?:that\s+)?(?:we|i|you)\s+(?:looked at|discussed|talked about|went through|saw|asked about|pulled)\b/i,
  /\b(?:we|i)\s+(?:looked at|discussed|talked about|went through)\s+(?:it\s+|that\s+)?(?:yesterday|last time|the other day|last week|in the meeting|earlier today)\b/i,
  // "and the style priya was on about?", "that other range the buying team flagged": said elsewhere.
  /\b(?:style|sku|item|product|thing|one|report|numbers?|chart|category|city|state|range|collection|line|list)\s+(?:that\s+)?(?:the\s+)?(?!(?:we|i|you|it|they|customers?|buyers?|gets?|got|is|was|were|are|has|had|being|been)\b)[a-z]+(?:\s+(?:team|guys|folks|people|lead|head))?\s+(?:was\s+(?:going\s+)?on\s+about|mentioned|flagged|brought up|asked (?:about|for)|was asking about|was talking about|talked about|wanted|sent|shared)\b/i,
];

export function pointsOutsideThread(question: string): boolean {
  return OUTSIDE_THREAD.some((re) => re.test(question));
}
