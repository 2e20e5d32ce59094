import { createLogger, type Logger } from '../../../src/observability/logger.js';

export interface LogLine {
  /** Level label ("warn", "error"…), whatever form the logger writes it in. */
  level: string;
  msg: string;
  [field: string]: unknown;
}

const LABELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/** A real pino logger writing JSON lines into an array, so tests can assert on warnings. */
export function captureLogger(level: 'debug' | 'info' | 'warn' = 'debug'): {
  logger: Logger;
  lines: LogLine[];
} {
  const lines: LogLine[] = [];
  const logger = createLogger({
    level,
    destination: {
      write: (chunk: string) => {
        const line = JSON.parse(chunk) as { level: string | number; msg: string };
        lines.push({
          ...line,
          level: typeof line.level === 'number' ? (LABELS[line.level] ?? '?') : line.level,
        });
      },
    },
  });
  return { logger, lines };
}

export const WARN = 'warn';
export const ERROR = 'error';
