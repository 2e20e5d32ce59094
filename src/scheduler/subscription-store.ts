import { AppError } from '../errors.js';
import type { KvStore } from '../state/kv-store.js';
import { strictStore } from '../state/resilient-kv-store.js';
import { parseSchedule } from './schedule.js';

/** A channel's weekly-summary subscription (`/retail-summary subscribe [cron]`). */
export interface Subscription {
  channelId: string;
  /** Five-field cron, validated with croner. */
  cron: string;
  /** IANA zone the cron is read in (default SUMMARY_TIMEZONE). */
  timezone: string;
  /** Slack user id of whoever subscribed. */
  createdBy?: string;
  /** epoch ms */
  createdAt: number;
}

export interface SubscriptionInput {
  channelId: string;
  cron: string;
  timezone?: string;
  createdBy?: string;
}

export interface SubscriptionStore {
  /** Adds or replaces the channel's subscription. BAD_INPUT for a bad cron/zone; STORE_UNAVAILABLE if not saved. */
  add(input: SubscriptionInput): Promise<Subscription>;
  /** True when there was a subscription to remove. */
  remove(channelId: string): Promise<boolean>;
  get(channelId: string): Promise<Subscription | null>;
  /** All subscriptions, by channel id. */
  list(): Promise<Subscription[]>;
}

export const SUBSCRIPTION_KEY_PREFIX = 'subscription:';
/** KvStore keys always carry a TTL; a subscription is meant to last, so ten years stands in for "forever". */
export const SUBSCRIPTION_TTL_SECONDS = 10 * 365 * 24 * 3600;

const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

/**
 * Subscriptions in the shared store (Redis in production), so every instance's scheduler sees them. Uses the
 * strict store underneath: a subscription that could not be saved must be reported to the user, not dropped.
 */
export function createSubscriptionStore(
  kv: KvStore,
  options: { defaultTimezone: string; now?: () => number },
): SubscriptionStore {
  const store = strictStore(kv);
  const now = options.now ?? Date.now;
  const key = (channelId: string) => SUBSCRIPTION_KEY_PREFIX + channelId;

  const read = async (storeKey: string): Promise<Subscription | null> => {
    const raw = await store.get(storeKey);
    if (raw === null) return null;
    try {
      const parsed = JSON.parse(raw) as Subscription;
      return typeof parsed.channelId === 'string' && typeof parsed.cron === 'string' ? parsed : null;
    } catch {
      return null;
    }
  };

  return {
    async add(input) {
      if (!CHANNEL_ID.test(input.channelId)) {
        throw new AppError('BAD_INPUT', `"${input.channelId}" is not a Slack channel id.`);
      }
      const timezone = input.timezone ?? options.defaultTimezone;
      const schedule = parseSchedule(input.cron, timezone);
      const subscription: Subscription = {
        channelId: input.channelId,
        cron: schedule.cron,
        timezone,
        ...(input.createdBy ? { createdBy: input.createdBy } : {}),
        createdAt: now(),
      };
      await store.set(key(input.channelId), JSON.stringify(subscription), SUBSCRIPTION_TTL_SECONDS);
      return subscription;
    },
    async remove(channelId) {
      const existed = (await store.get(key(channelId))) !== null;
      if (existed) await store.delete(key(channelId));
      return existed;
    },
    get: (channelId) => read(key(channelId)),
    async list() {
      const keys = await store.keys(SUBSCRIPTION_KEY_PREFIX);
      const found = await Promise.all(keys.map(read));
      return found
        .filter((s): s is Subscription => s !== null)
        .sort((a, b) => a.channelId.localeCompare(b.channelId));
    },
  };
}
