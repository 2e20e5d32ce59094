import type { ErrorCode } from '../../errors.js';
import type { RunLimits } from '../query-runner.js';
import type { QueryResult } from '../types.js';

/** What the query worker opens: the same cache file, read-only and locked down, as the main process. */
export interface WorkerParams {
  dbPath: string;
  /** DuckDB's own memory_limit inside the worker (the process cap is enforced from outside, by the parent). */
  memoryLimit: string;
  threads: number;
  tempDirectory?: string;
  /** DATA_SOURCE, so the worker prepares the same attachments and allowed directories before the lock. */
  dataSource?: string;
}

export interface WorkerRequest {
  id: number;
  sql: string;
  limits: RunLimits;
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'startFailed'; message: string }
  | { type: 'result'; id: number; result: QueryResult }
  | { type: 'error'; id: number; code: ErrorCode; userMessage: string; detail: string };
