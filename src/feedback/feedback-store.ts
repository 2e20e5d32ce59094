import { randomUUID } from 'node:crypto';
import type { Plan } from '../semantic/plan.js';
import type { KvStore } from '../state/kv-store.js';

/**
 * What users said about answers, with what is needed to turn it into an evaluation case: the question, the plan,
 * the SQL and how the question was read. Kept in the shared store (Redis in production) under
 * `feedback:<day>:<id>`, so counting a day is one prefix scan.
 */
export const FEEDBACK_REASONS = ['number', 'reading', 'chart', 'other'] as const;
export type FeedbackReason = (typeof FEEDBACK_REASONS)[number];
export type FeedbackVerdict = 'up' | 'down';

export interface FeedbackRecord {
  id: string;
  /** ISO time, UTC. */
  at: string;
  verdict: FeedbackVerdict;
  reason?: FeedbackReason;
  comment?: string;
  question: string;
  reading?: string;
  plan?: Plan;
  sql?: string;
  answerId: string;
  threadKey: string;
  userId?: string;
}

export type FeedbackInput = Omit<FeedbackRecord, 'id' | 'at'>;

export interface DayCount {
  day: string;
  verdict: FeedbackVerdict;
  count: number;
}

export interface FeedbackStore {
  record(input: FeedbackInput): Promise<FeedbackRecord>;
  /** Every stored record, oldest first. */
  list(): Promise<FeedbackRecord[]>;
  /** Records per UTC day and verdict, oldest day first. */
  countsByDay(): Promise<DayCount[]>;
}

const KEY_PREFIX = 'feedback:';
/** Long enough for someone to review a quarter's feedback into evaluation cases. */
export const FEEDBACK_TTL_SECONDS = 180 * 24 * 60 * 60;

export function createFeedbackStore(kv: KvStore, options: { now?: () => number } = {}): FeedbackStore {
  const now = options.now ?? Date.now;
  async function list(): Promise<FeedbackRecord[]> {
    const keys = (await kv.keys(KEY_PREFIX)).sort();
    const records: FeedbackRecord[] = [];
    for (const key of keys) {
      const raw = await kv.get(key);
      if (!raw) continue;
      try {
        records.push(JSON.parse(raw) as FeedbackRecord);
      } catch {
        // A damaged entry is skipped rather than failing the whole export.
      }
    }
    return records.sort((a, b) => a.at.localeCompare(b.at));
  }
  return {
    async record(input) {
      const at = new Date(now()).toISOString();
      const record: FeedbackRecord = { id: randomUUID(), at, ...input };
      await kv.set(
        `${KEY_PREFIX}${at.slice(0, 10)}:${record.id}`,
        JSON.stringify(record),
        FEEDBACK_TTL_SECONDS,
      );
      return record;
    },
    list,
    async countsByDay() {
      const counts = new Map<string, DayCount>();
      for (const r of await list()) {
        const day = r.at.slice(0, 10);
        const entry = counts.get(`${day}:${r.verdict}`) ?? { day, verdict: r.verdict, count: 0 };
        entry.count += 1;
        counts.set(`${day}:${r.verdict}`, entry);
      }
      // Day by day, then by verdict: records of one instant come back from the store in any order.
      return [...counts.values()].sort(
        (a, b) => a.day.localeCompare(b.day) || a.verdict.localeCompare(b.verdict),
      );
    },
  };
}
