import { describe, expect, it } from 'vitest';
import { formatInZone, parseSchedule } from '../../../src/scheduler/schedule.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('parseSchedule (croner)', () => {
  it('Monday 09:00 in Asia/Kolkata is 03:30 UTC every week (no DST)', () => {
    const s = parseSchedule('0 9 * * 1', 'Asia/Kolkata');
    const start = Date.parse('2024-03-01T00:00:00Z');
    const first = s.nextAfter(start)!;
    const second = s.nextAfter(first)!;
    expect(iso(first)).toBe('2024-03-04T03:30:00.000Z');
    expect(iso(second)).toBe('2024-03-11T03:30:00.000Z');
    expect(formatInZone(first, 'Asia/Kolkata')).toBe('Mon 2024-03-04 09:00 Asia/Kolkata');
  });

  it('keeps 09:00 local across the London spring-forward change (UTC hour moves)', () => {
    const s = parseSchedule('0 9 * * 1', 'Europe/London');
    const a = s.nextAfter(Date.parse('2024-03-20T00:00:00Z'))!;
    const b = s.nextAfter(a)!;
    expect(iso(a)).toBe('2024-03-25T09:00:00.000Z'); // GMT
    expect(iso(b)).toBe('2024-04-01T08:00:00.000Z'); // BST
    expect(formatInZone(b, 'Europe/London')).toBe('Mon 2024-04-01 09:00 Europe/London');
  });

  it('latestAtOrBefore includes a fire exactly at the reference and nextAfter excludes it', () => {
    const s = parseSchedule('0 9 * * 1', 'Asia/Kolkata');
    const fire = Date.parse('2024-03-04T03:30:00Z');
    expect(s.latestAtOrBefore(fire)).toBe(fire);
    expect(iso(s.latestAtOrBefore(fire - 1))).toBe('2024-02-26T03:30:00.000Z');
    expect(iso(s.nextAfter(fire))).toBe('2024-03-11T03:30:00.000Z');
  });

  it('refuses bad cron, impossible dates, six fields and unknown zones with a user-safe message', () => {
    for (const bad of ['every monday', '0 9 * * 8', '61 9 * * 1', '0 0 30 2 *', '0 0 9 * * 1']) {
      expect(() => parseSchedule(bad, 'UTC'), bad).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    }
    expect(() => parseSchedule('0 9 * * 1', 'Mars/Olympus')).toThrow(/not a time zone/);
    expect(parseSchedule('  0   9 * *   MON ', 'UTC').cron).toBe('0 9 * * MON');
  });
});
