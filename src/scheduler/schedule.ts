import { Cron } from 'croner';
import { AppError } from '../errors.js';

/** A cron expression in a time zone, computed by croner (never parsed by hand). */
export interface Schedule {
  cron: string;
  timezone: string;
  /** First fire time strictly after `afterMs`, or null if the pattern never fires again. */
  nextAfter(afterMs: number): number | null;
  /** Latest fire time at or before `atMs`, or null if none. */
  latestAtOrBefore(atMs: number): number | null;
}

/**
 * Validates and compiles a schedule. Five fields (minute hour day month weekday) — the form people write in
 * `/retail-summary subscribe 0 9 * * 1` — or croner's nicknames (@weekly, @daily). A bad cron or an unknown
 * IANA zone is BAD_INPUT with a message safe to show in Slack.
 */
export function parseSchedule(cron: string, timezone: string): Schedule {
  const pattern = cron.trim().replace(/\s+/g, ' ');
  if (!isValidTimeZone(timezone)) {
    throw new AppError(
      'BAD_INPUT',
      `"${timezone}" is not a time zone I know. Use an IANA name such as Asia/Kolkata.`,
    );
  }
  let job: Cron;
  try {
    job = new Cron(pattern, { timezone, paused: true, mode: pattern.startsWith('@') ? 'auto' : '5-part' });
  } catch (error) {
    throw new AppError(
      'BAD_INPUT',
      `"${cron}" is not a valid cron schedule. Use five fields, minute hour day month weekday, e.g. "0 9 * * 1" for Mondays at 09:00.`,
      { cause: error },
    );
  }
  if (job.nextRun(new Date(0)) === null && job.nextRun() === null) {
    throw new AppError('BAD_INPUT', `"${cron}" never fires. Use a repeating schedule such as "0 9 * * 1".`);
  }
  return {
    cron: pattern,
    timezone,
    nextAfter(afterMs) {
      // croner's nextRun(d) is strictly after d at second resolution; fire times are whole seconds.
      return job.nextRun(new Date(afterMs))?.getTime() ?? null;
    },
    latestAtOrBefore(atMs) {
      // previousRuns(1, ref) returns runs strictly before ref; +1 ms makes a run exactly at atMs count.
      return job.previousRuns(1, new Date(atMs + 1))[0]?.getTime() ?? null;
    },
  };
}

function isValidTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** "Mon 2024-03-04 09:00 Asia/Kolkata" — how log lines and listings show a fire time. */
export function formatInZone(epochMs: number, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${timezone}`;
}
