import type { ThreadState } from '../agent/answer.js';
import type { Logger } from '../observability/logger.js';
import type { KvStore } from './kv-store.js';

/** A thread's memory: history and last plan/answer, under a key per workspace+channel+thread. */
export interface ThreadStore {
  get(threadKey: string): Promise<ThreadState | null>;
  save(threadKey: string, state: ThreadState): Promise<void>;
  delete(threadKey: string): Promise<void>;
}

export interface ThreadStoreOptions {
  /** THREAD_TTL_SECONDS: a thread is forgotten this long after its last save. */
  ttlSeconds: number;
  logger: Logger;
  /** Oldest messages are dropped beyond this many (the planner only looks at recent turns). */
  maxMessages?: number;
  /** Upper bound of one stored thread (JSON bytes); the stored result's rows are cut first, then history. */
  maxBytes?: number;
}

export const THREAD_KEY_PREFIX = 'thread:';
export const DEFAULT_MAX_MESSAGES = 20;
export const DEFAULT_MAX_THREAD_BYTES = 512 * 1024;

/** "workspace:channel:thread" — the Turn.threadKey Slack uses. */
export function slackThreadKey(workspaceId: string, channelId: string, threadTs: string): string {
  return `${workspaceId}:${channelId}:${threadTs}`;
}

/**
 * ThreadStore over any KvStore (memory or Redis; pass the ResilientKvStore so a Redis outage means "no
 * history" rather than an error). State is JSON; a corrupt or foreign value reads as no state.
 */
export function createThreadStore(kv: KvStore, options: ThreadStoreOptions): ThreadStore {
  const maxMessages = options.maxMessages ?? DEFAULT_MAX_MESSAGES;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_THREAD_BYTES;
  const storeKey = (threadKey: string) => THREAD_KEY_PREFIX + threadKey;

  return {
    async get(threadKey) {
      const raw = await kv.get(storeKey(threadKey));
      if (raw === null) return null;
      try {
        const parsed = JSON.parse(raw) as ThreadState;
        if (!parsed || typeof parsed !== 'object' || !Array.isArray(parsed.messages))
          throw new Error('shape');
        return parsed;
      } catch {
        options.logger.warn({ threadKey }, 'Ignoring unreadable thread state');
        return null;
      }
    },
    async save(threadKey, state) {
      const json = fitThreadState(state, maxMessages, maxBytes);
      if (json === null) {
        options.logger.warn({ threadKey, maxBytes }, 'Thread state too large to store even when trimmed');
        return;
      }
      await kv.set(storeKey(threadKey), json, options.ttlSeconds);
    },
    async delete(threadKey) {
      await kv.delete(storeKey(threadKey));
    },
  };
}

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * Serializes within the caps: keep the newest maxMessages; if still too big, halve the stored answer's rows
 * (marking it truncated) until it fits, then drop the oldest messages. Null when nothing fits.
 */
export function fitThreadState(state: ThreadState, maxMessages: number, maxBytes: number): string | null {
  let current: ThreadState = { ...state, messages: state.messages.slice(-maxMessages) };
  let json = JSON.stringify(current);
  while (byteLength(json) > maxBytes && current.lastAnswer && current.lastAnswer.rows.length > 0) {
    const rows = current.lastAnswer.rows;
    current = {
      ...current,
      lastAnswer: {
        ...current.lastAnswer,
        rows: rows.slice(0, Math.floor(rows.length / 2)),
        truncated: true,
      },
    };
    json = JSON.stringify(current);
  }
  while (byteLength(json) > maxBytes && current.messages.length > 1) {
    current = { ...current, messages: current.messages.slice(1) };
    json = JSON.stringify(current);
  }
  return byteLength(json) > maxBytes ? null : json;
}
