import { createHash } from 'node:crypto';
import type { Answer } from '../../agent/answer.js';

type AnswerLike = Pick<Answer, 'question' | 'sql' | 'rows' | 'headline'>;

/**
 * A short fingerprint of an answer, carried in its buttons. A click compares it with the thread's stored
 * lastAnswer, so an old message's button never shows the SQL or CSV of a newer answer.
 */
export function answerId(answer: AnswerLike): string {
  return createHash('sha256')
    .update(answer.question)
    .update('\u0000')
    .update(answer.sql ?? '')
    .update('\u0000')
    .update(answer.headline)
    .update('\u0000')
    .update(String(answer.rows.length))
    .digest('base64url')
    .slice(0, 16);
}
