import type { Logger } from '../observability/logger.js';
import type { ThreadStore } from '../state/thread-store.js';
import type { ThreadState } from './answer.js';

/**
 * The Assistant's hold on thread state, its only reader and writer (surfaces ask the Assistant). A store that
 * fails never fails a turn: a read is "no history", a failed write is logged and the answer still goes out.
 */
export interface ThreadMemory {
  load(threadKey: string): Promise<ThreadState | null>;
  save(threadKey: string, state: ThreadState): Promise<void>;
}

export function createThreadMemory(threads: ThreadStore, logger: Logger): ThreadMemory {
  return {
    async load(threadKey) {
      try {
        return await threads.get(threadKey);
      } catch (error) {
        logger.warn({ err: error, threadKey }, 'thread state unavailable; answering without history');
        return null;
      }
    },
    async save(threadKey, state) {
      try {
        await threads.save(threadKey, state);
      } catch (error) {
        logger.warn({ err: error, threadKey }, 'thread state not saved');
      }
    },
  };
}
