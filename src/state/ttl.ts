import { AppError } from '../errors.js';

/**
 * Both stores count TTLs in whole seconds (Redis EX). A fractional TTL is rounded up so a key never lives
 * shorter than asked; zero, negative or non-finite TTLs are a programming error.
 */
export function normalizeTtlSeconds(ttlSeconds: number): number {
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new AppError('INTERNAL', 'Something went wrong on our side.', {
      detail: `ttlSeconds must be a positive number, got ${ttlSeconds}`,
    });
  }
  return Math.ceil(ttlSeconds);
}
