/**
 * Coded errors. Every failure a user can see is an AppError: `code` is stable (logs, metrics, tests),
 * `userMessage` is safe to show in Slack or a terminal, and `cause` keeps the details for the log only.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'DATA_NOT_FOUND'
  | 'DATA_LOAD_FAILED'
  /** The data a question needs did not load, or the loaded file lacks the column. */
  | 'DATA_UNAVAILABLE'
  | 'SQL_NOT_READ_ONLY'
  | 'SQL_MULTIPLE_STATEMENTS'
  | 'SQL_INVALID'
  | 'SQL_FORBIDDEN'
  | 'QUERY_TIMEOUT'
  | 'QUERY_FAILED'
  | 'QUERY_TOO_LARGE'
  | 'BUSY'
  | 'PLAN_INVALID'
  | 'LLM_UNAVAILABLE'
  | 'LLM_BAD_OUTPUT'
  | 'CHART_FAILED'
  | 'SLACK_API_FAILED'
  | 'STORE_UNAVAILABLE'
  | 'BAD_INPUT'
  | 'INTERNAL';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;

  constructor(code: ErrorCode, userMessage: string, options?: { cause?: unknown; detail?: string }) {
    super(
      options?.detail ?? userMessage,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Wraps anything thrown into an AppError so callers can always show `userMessage`. */
export function toAppError(error: unknown, fallbackCode: ErrorCode = 'INTERNAL'): AppError {
  if (isAppError(error)) return error;
  return new AppError(fallbackCode, 'Something went wrong on our side.', { cause: error });
}
