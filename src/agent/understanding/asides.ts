/**
 * Asides a person adds about their own message, not about the data: "(sorry, pasted from excel)", "(typo)",
 * "(lol)". Their words would otherwise be read as names the data lacks ("excel") and sink a clear question. Only a
 * bracketed aside that opens with one of these words goes; "(returned, returning or rejected)" stays.
 */
const ASIDE = /\(\s*(?:sorry|oops|pasted|copied|copy|typo|lol|haha|fyi|btw|ignore that|my bad)\b[^)]*\)/gi;

export function withoutAsides(question: string): string {
  return question
    .replace(ASIDE, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
