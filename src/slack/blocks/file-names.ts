import type { Answer } from '../../agent/answer.js';

const MAX_SLUG_CHARS = 80;

/**
 * A file name that says what is in it: "revenue-by-state-may-2022.png" from the reading "revenue · by state · May
 * 2022" (or the chart title, or the question). Lower case ASCII words joined by hyphens; "result" when nothing
 * readable is left.
 */
export function answerFileName(
  answer: Pick<Answer, 'reading' | 'question' | 'chart'>,
  extension: 'png' | 'csv',
): string {
  // The reading's notes on partial periods say how to read the numbers, not what the file holds.
  const reading = answer.reading
    ?.split(' · ')
    .filter((part) => !/^(partial:|compared like for like)/.test(part))
    .join(' · ');
  const source = reading || answer.chart?.title || answer.question;
  const slug = source
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_CHARS)
    .replace(/-+$/g, '');
  return `${slug || 'result'}.${extension}`;
}
