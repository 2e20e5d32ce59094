/**
 * "what about the other thing we looked at yesterday?": a pointer to a conversation the bot cannot see (another
 * thread, a meeting). Nothing in this thread says what it was, so the bot asks instead of answering the thread's
 * last question again for a new period.
 */
const OUTSIDE_THREAD: RegExp[] = [
  /\b(?:thing|stuff|report|numbers?|question|chart|one)\s+(?:that\s+)?(?:we|i|you)\s+(?:looked at|discussed|talked about|went through|saw|asked about|pulled)\b/i,
  /\b(?:we|i)\s+(?:looked at|discussed|talked about|went through)\s+(?:it\s+|that\s+)?(?:yesterday|last time|the other day|last week|in the meeting|earlier today)\b/i,
];

export function pointsOutsideThread(question: string): boolean {
  return OUTSIDE_THREAD.some((re) => re.test(question));
}
