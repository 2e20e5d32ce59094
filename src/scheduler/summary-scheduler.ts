import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import type { KvStore } from '../state/kv-store.js';
import { strictStore } from '../state/resilient-kv-store.js';
import { channelJobs, errorMessage, type ChannelJob, type Subscriptions } from './channel-jobs.js';
import { createSystemClock, MAX_TIMER_DELAY_MS, type Clock, type TimerHandle } from './clock.js';
import { classifyPostError, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
import { formatInZone, parseSchedule, type Schedule } from './schedule.js';
import { alwaysRetryable, SchedulerActivity, type Attempted } from './scheduler-activity.js';
import { claimSummary, summaryLockKey } from './summary-claim.js';
import type { SubscriptionStore } from './subscription-store.js';
import type {
  FireOutcome,
  FireReason,
  PostSummary,
  ScheduledChannel,
  SummaryPeriod,
} from './summary-types.js';

export type {
  FireOutcome,
  FireReason,
  FireStatus,
  PostContext,
  PostSummary,
  ScheduledChannel,
  SummaryPeriod,
} from './summary-types.js';
export { summaryLockKey } from './summary-claim.js';

/** How late a timer may fire and still count as on time (event-loop delay, a GC pause, a busy CPU). */
export const ON_TIME_WINDOW_MS = 60_000;

export interface SummarySchedulerOptions {
  /** The shared store (Redis) holding the per-channel, per-period locks. */
  store: KvStore;
  /** Channel subscriptions (`/retail-summary subscribe`); they override SUMMARY_CHANNELS for their channel. */
  subscriptions?: SubscriptionStore;
  /** SUMMARY_CHANNELS */
  channels: string[];
  /** SUMMARY_CRON, read in SUMMARY_TIMEZONE */
  cron: string;
  timezone: string;
  /** SUMMARY_CATCHUP_HOURS */
  catchupHours: number;
  resolvePeriod: () => Promise<SummaryPeriod>;
  post: PostSummary;
  logger: Logger;
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  /** How long an in-progress claim blocks others; must outlast all retries. A crashed poster frees it then. */
  claimTtlSeconds?: number;
  /** How long "posted" is remembered for a channel+period. */
  postedTtlSeconds?: number;
  /** The loop wakes at least this often to pick up subscriptions made on other instances. */
  pollIntervalMs?: number;
  instanceId?: string;
  /** Every fire's result (metrics, tests). */
  onOutcome?: (outcome: FireOutcome) => void;
}

export const DEFAULT_CLAIM_TTL_SECONDS = 3600;
/** Long enough that static data (same "latest week" every Monday) is not re-posted; see README. */
export const DEFAULT_POSTED_TTL_SECONDS = 400 * 24 * 3600;
export const DEFAULT_POLL_INTERVAL_MS = 60_000;

type Job = ChannelJob;

/**
 * Weekly summary posts, exactly once per channel and data period across any number of instances:
 *  - croner computes fire times in the schedule's zone (DST handled there);
 *  - at a fire, resolvePeriod() names the data week, and `summary:<channel>:<periodKey>` is claimed with
 *    SET NX EX; only the claimer posts, then marks the key "posted" for postedTtlSeconds;
 *  - failed posts are retried with exponential back-off (Slack's Retry-After honoured; archived channel or
 *    removed bot not retried), each channel independently, so one bad channel never delays another;
 *  - a post that finally fails RELEASES the claim: other instances already skipped this fire, so this does
 *    not cause a duplicate now, but lets the next scheduled run or a restart's catch-up try the period again
 *    (after someone re-invites the bot) instead of losing it silently;
 *  - on start, a fire missed less than catchupHours ago is posted (once: the lock still applies); older ones
 *    are skipped with a log line.
 */
export class SummaryScheduler {
  private readonly store: KvStore;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly activity: SchedulerActivity;
  private readonly claimTtlSeconds: number;
  private readonly postedTtlSeconds: number;
  private readonly pollIntervalMs: number;
  private readonly catchupMs: number;
  private readonly defaultSchedule: Schedule;
  readonly instanceId: string;

  private jobsByChannel = new Map<string, Job>();
  private lastSubscriptionError = false;
  private lastCheckMs = 0;
  private timer: TimerHandle | null = null;
  private started = false;
  private readonly inFlight = new Set<Promise<FireOutcome>>();

  constructor(private readonly options: SummarySchedulerOptions) {
    this.store = strictStore(options.store);
    this.clock = options.clock ?? createSystemClock();
    this.logger = options.logger.child({ component: 'summary-scheduler' });
    const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.activity = new SchedulerActivity(this.clock, retry);
    this.claimTtlSeconds = options.claimTtlSeconds ?? DEFAULT_CLAIM_TTL_SECONDS;
    this.postedTtlSeconds = options.postedTtlSeconds ?? DEFAULT_POSTED_TTL_SECONDS;
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.catchupMs = options.catchupHours * 3600_000;
    this.defaultSchedule = parseSchedule(options.cron, options.timezone);
    this.instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  private get stopped(): boolean {
    return this.activity.stopped;
  }

  /** Loads the channels, posts a missed run if it is recent enough, then arms the timer. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.activity.stopped = false;
    await this.activity.during(async () => {
      await this.refresh();
      const now = this.clock.now();
      for (const job of this.jobsByChannel.values()) {
        const due = job.schedule.latestAtOrBefore(now);
        if (due !== null) this.consider(job, due, now, due === now ? 'scheduled' : 'catch-up');
      }
      this.lastCheckMs = now;
      this.logger.info(
        { instanceId: this.instanceId, channels: [...this.jobsByChannel.keys()] },
        'Summary scheduler started',
      );
      this.arm();
    });
  }

  /** Stops the timer, abandons back-off waits (releasing their claims) and waits for running posts. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.activity.stop();
    await Promise.allSettled([...this.inFlight]);
  }

  /** Resolves when no work is running (back-off waits do not count). Tests use it with a ManualClock. */
  settled(): Promise<void> {
    return this.activity.settled();
  }

  /** Re-reads subscriptions now (after subscribe/unsubscribe on this instance); others pick it up by polling. */
  async refresh(): Promise<void> {
    const subscriptions = await this.readSubscriptions();
    this.jobsByChannel = channelJobs(
      this.options.channels,
      this.defaultSchedule,
      subscriptions,
      this.jobsByChannel,
      this.logger,
    );
    if (this.started && !this.stopped && this.timer) this.arm();
  }

  /** The subscriptions, or null when there is no store or it cannot be read (logged once per outage). */
  private async readSubscriptions(): Promise<Subscriptions | null> {
    if (!this.options.subscriptions) return null;
    try {
      const subscriptions = await this.options.subscriptions.list();
      if (this.lastSubscriptionError) this.logger.info('Subscriptions readable again');
      this.lastSubscriptionError = false;
      return subscriptions;
    } catch (error) {
      if (!this.lastSubscriptionError) {
        this.logger.warn(
          { err: errorMessage(error) },
          'Cannot read subscriptions; keeping the last known list',
        );
      }
      this.lastSubscriptionError = true;
      return null;
    }
  }

  /** What is scheduled where, with the next fire time (the `/retail-summary subscriptions` listing). */
  channels(): ScheduledChannel[] {
    const now = this.clock.now();
    return [...this.jobsByChannel.values()]
      .map((job) => ({
        channelId: job.channelId,
        cron: job.schedule.cron,
        timezone: job.schedule.timezone,
        source: job.source,
        nextRunMs: job.schedule.nextAfter(now),
      }))
      .sort((a, b) => a.channelId.localeCompare(b.channelId));
  }

  /**
   * Posts the current period to a channel now (`retail-insights summary --post CHANNEL`), with the same
   * retries but WITHOUT the lock: a test post neither needs nor blocks the scheduled one.
   */
  postNow(channelId: string): Promise<FireOutcome> {
    return this.activity.during(async () => {
      const base = { channelId, reason: 'manual' as const, scheduledForMs: null };
      const period = await this.activity.attempt(() => this.options.resolvePeriod(), alwaysRetryable);
      if (!period.ok)
        return { ...base, status: 'period-unavailable', attempts: 0, errorCode: period.info.code };
      const posted = await this.postWithRetries(channelId, period.value, 'manual', null);
      return posted.ok
        ? { ...base, status: 'posted', periodKey: period.value.key, attempts: posted.attempts }
        : {
            ...base,
            status: 'failed',
            periodKey: period.value.key,
            attempts: posted.attempts,
            errorCode: posted.info.code,
          };
    });
  }

  // ---- the loop -------------------------------------------------------------------------------------------

  private arm(): void {
    if (this.stopped) return;
    if (this.timer) this.clock.clearTimeout(this.timer);
    const now = this.clock.now();
    let nextMs = now + this.pollIntervalMs;
    for (const job of this.jobsByChannel.values()) {
      const next = job.schedule.nextAfter(Math.max(this.lastCheckMs, now));
      if (next !== null && next < nextMs) nextMs = next;
    }
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = null;
        void this.activity.during(() => this.tick());
      },
      Math.min(Math.max(0, nextMs - now), MAX_TIMER_DELAY_MS),
    );
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    const now = this.clock.now();
    try {
      await this.refresh();
      if (this.stopped) return;
      for (const job of this.jobsByChannel.values()) {
        const due = job.schedule.latestAtOrBefore(now);
        if (due !== null && due > this.lastCheckMs) this.consider(job, due, now, 'scheduled');
      }
      this.lastCheckMs = now;
    } catch (error) {
      this.logger.error({ err: errorMessage(error) }, 'Summary scheduler tick failed');
    } finally {
      this.arm();
    }
  }

  /**
   * Fires now, or skips with a log line when the fire time is more than catchupHours ago. A timer never fires at
   * exactly its due millisecond, so a run within ON_TIME_WINDOW_MS of it is on time, not "late": with
   * SUMMARY_CATCHUP_HOURS=0 ("never post late") the weekly post still goes out.
   */
  private consider(job: Job, dueMs: number, nowMs: number, reason: FireReason): void {
    const lateMs = nowMs - dueMs;
    if (lateMs > this.catchupMs + ON_TIME_WINDOW_MS) {
      this.track(this.skipLate(job, dueMs, lateMs, reason));
      return;
    }
    this.track(this.fire(job, dueMs, reason));
  }

  private track(run: Promise<FireOutcome>): void {
    const tracked: Promise<FireOutcome> = run
      .then((outcome) => {
        this.options.onOutcome?.(outcome);
        return outcome;
      })
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private skipLate(job: Job, dueMs: number, lateMs: number, reason: FireReason): Promise<FireOutcome> {
    return this.activity.during(async () => {
      // Say "skipped" only when it really was never posted; a restart days after a good post stays quiet.
      const period = await this.options.resolvePeriod().catch(() => null);
      const record = period
        ? await this.store.get(summaryLockKey(job.channelId, period.key)).catch(() => null)
        : null;
      const fields = {
        channelId: job.channelId,
        scheduledFor: formatInZone(dueMs, job.schedule.timezone),
        lateHours: Math.round((lateMs / 3600_000) * 10) / 10,
        catchupHours: this.options.catchupHours,
      };
      if (record) this.logger.debug(fields, 'Missed run already posted for this period');
      else this.logger.info(fields, 'Skipping missed weekly summary: later than SUMMARY_CATCHUP_HOURS');
      return {
        channelId: job.channelId,
        reason,
        scheduledForMs: dueMs,
        status: 'skipped-late',
        attempts: 0,
        ...(period ? { periodKey: period.key } : {}),
      };
    });
  }

  private fire(job: Job, dueMs: number, reason: FireReason): Promise<FireOutcome> {
    return this.activity.during(async () => {
      const { channelId } = job;
      const base = { channelId, reason, scheduledForMs: dueMs };
      const log = this.logger.child({
        channelId,
        scheduledFor: formatInZone(dueMs, job.schedule.timezone),
        reason,
      });
      const period = await this.activity.attempt(() => this.options.resolvePeriod(), alwaysRetryable);
      if (!period.ok) {
        log.error(
          { err: errorMessage(period.error) },
          'Weekly summary not posted: could not resolve the period',
        );
        return { ...base, status: period.stopped ? 'stopped' : 'period-unavailable', attempts: 0 };
      }
      const periodKey = period.value.key;
      const lockKey = summaryLockKey(channelId, periodKey);
      const claimed = await this.activity.attempt(
        () => claimSummary(this.store, lockKey, this.instanceId, this.clock.now(), this.claimTtlSeconds),
        alwaysRetryable,
      );
      if (!claimed.ok) {
        // Posting without the lock could post twice; not posting is the safer failure. Logged loudly.
        log.error(
          { periodKey, err: errorMessage(claimed.error) },
          'Weekly summary not posted: the lock store is unavailable',
        );
        return { ...base, status: claimed.stopped ? 'stopped' : 'lock-unavailable', periodKey, attempts: 0 };
      }
      const claim = claimed.value;
      if (!claim) {
        log.info({ periodKey }, 'Weekly summary already posted (or being posted) for this period; skipping');
        return { ...base, status: 'already-posted', periodKey, attempts: 0 };
      }

      const posted = await this.postWithRetries(channelId, period.value, reason, dueMs);
      if (posted.ok) {
        await claim.markPosted(this.clock.now(), this.postedTtlSeconds).catch((error: unknown) => {
          log.warn(
            { periodKey, err: errorMessage(error), claimTtlSeconds: this.claimTtlSeconds },
            'Posted, but could not mark the period as posted; a restart after the claim expires may post again',
          );
        });
        log.info({ periodKey, attempts: posted.attempts }, 'Weekly summary posted');
        return { ...base, status: 'posted', periodKey, attempts: posted.attempts };
      }

      // Give the period back so a later run (or another instance's catch-up) can try again.
      await claim.release().catch(() => false);
      if (posted.stopped) return { ...base, status: 'stopped', periodKey, attempts: posted.attempts };
      log.error(
        {
          periodKey,
          errorCode: posted.info.code,
          retryable: posted.info.retryable,
          attempts: posted.attempts,
          err: errorMessage(posted.error),
        },
        posted.info.retryable
          ? 'Weekly summary post failed after retries; will try again at the next scheduled run'
          : 'Weekly summary post failed and retrying cannot help (bot removed, channel archived or not found?); ' +
              'will try again at the next scheduled run',
      );
      return { ...base, status: 'failed', periodKey, attempts: posted.attempts, errorCode: posted.info.code };
    });
  }

  private postWithRetries(
    channelId: string,
    period: SummaryPeriod,
    reason: FireReason,
    scheduledForMs: number | null,
  ): Promise<Attempted<void>> {
    return this.activity.attempt(
      (attempt) => this.options.post(channelId, period, { reason, scheduledForMs, attempt }),
      classifyPostError,
      (attempt, info, delayMs) =>
        this.logger.warn(
          { channelId, periodKey: period.key, attempt, errorCode: info.code, retryInMs: delayMs },
          'Weekly summary post failed; retrying',
        ),
    );
  }
}

/** The scheduler as configured by SUMMARY_* (the composition root calls this). */
export function createSummaryScheduler(
  config: Pick<Config, 'SUMMARY_CHANNELS' | 'SUMMARY_CRON' | 'SUMMARY_TIMEZONE' | 'SUMMARY_CATCHUP_HOURS'>,
  deps: Omit<SummarySchedulerOptions, 'channels' | 'cron' | 'timezone' | 'catchupHours'>,
): SummaryScheduler {
  return new SummaryScheduler({
    ...deps,
    channels: config.SUMMARY_CHANNELS,
    cron: config.SUMMARY_CRON,
    timezone: config.SUMMARY_TIMEZONE,
    catchupHours: config.SUMMARY_CATCHUP_HOURS,
  });
}
