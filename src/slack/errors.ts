import { randomBytes } from 'node:crypto';
import { isAppError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { messages } from './messages.js';

/** A short id the user can quote and support can grep for in the logs. */
export function newErrorRef(): string {
  return `ERR-${randomBytes(4).toString('hex').toUpperCase()}`;
}

/** Logs the details under a fresh reference id and returns the kind, safe text for the user. */
export function reportToUser(
  logger: Logger,
  error: unknown,
  where: string,
  extra: Record<string, unknown> = {},
): { ref: string; userMessage: string } {
  const ref = newErrorRef();
  const code = isAppError(error) ? error.code : 'INTERNAL';
  logger.error({ err: error, ref, code, where, ...extra }, `slack ${where} failed`);
  return { ref, userMessage: isAppError(error) ? error.userMessage : messages.genericError };
}
