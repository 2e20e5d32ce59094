import type { KvStore } from '../state/kv-store.js';
import type { AssistantContextPort } from './ports.js';

const KEY_PREFIX = 'assistant-context:';

/** The channel an assistant thread was opened from, per thread, in the shared store (Redis in production). */
export function createAssistantContextStore(
  kv: KvStore,
  options: { ttlSeconds: number },
): AssistantContextPort {
  const key = (channel: string, threadTs: string) => `${KEY_PREFIX}${channel}:${threadTs}`;
  return {
    async get(channel, threadTs) {
      const raw = await kv.get(key(channel, threadTs));
      if (!raw) return null;
      try {
        return JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return null;
      }
    },
    async save(channel, threadTs, context) {
      await kv.set(key(channel, threadTs), JSON.stringify(context), options.ttlSeconds);
    },
  };
}
