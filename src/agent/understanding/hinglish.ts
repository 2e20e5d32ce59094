/**
 * Hinglish, as retail teams in India type it in Slack: "is hafte sabse zyada units kis size ke bike?" (which size
 * sold the most units this week?), "har state ka order count chahiye, May wala". Its words for periods, rankings,
 * "every", "which" and "sold" are put in English before parsing, so the grammar reads them like any other wording;
 * its particles ("ka", "ki", "ke") stay, and the lexicon treats them as words with no meaning of their own.
 * Requests with nothing named ("kitna hua?") stay as typed: they are asked about (see cues.yml, vague).
 */
const PHRASES: [RegExp, string][] = [
  [/\bis (?:hafte|hafta|week)\b/gi, 'this week'],
  [/\b(?:pichle|pichhle|pichla|pichhla|last) (?:hafte|hafta)\b/gi, 'last week'],
  [/\bis (?:mahine|mahina|month)\b/gi, 'this month'],
  [/\b(?:pichle|pichhle|pichla|pichhla|last) (?:mahine|mahina)\b/gi, 'last month'],
  [/\bsabse (?:zyada|jyada|zada|jada|adhik)\b/gi, 'most'],
  [/\bsabse kam\b/gi, 'least'],
  [/\bkaun ?(?:sa|si|se)\b/gi, 'which'],
  [/\bkis\b/gi, 'which'],
  [/\bkitne\b/gi, 'how many'],
  [/\bhar\b/gi, 'every'],
  [/\b(?:bike|bika|biki|bikey|bikay)\b/gi, 'sold'],
  [/\baur\b/gi, 'and'],
  [/\bmein\b/gi, 'in'],
  [/\b(?:chahiye|chaiye|chahie|dikhao|batao|bata do|bhai|yaar|wala|wali|wale)\b/gi, ''],
];

export function fromHinglish(question: string): string {
  const out = PHRASES.reduce((text, [pattern, by]) => text.replace(pattern, by), question);
  return out === question
    ? question
    : out
        .replace(/\s{2,}/g, ' ')
        .replace(/\s+([,?.!])/g, '$1')
        .trim();
}
