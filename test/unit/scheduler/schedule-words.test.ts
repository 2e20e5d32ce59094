import { describe, expect, it } from 'vitest';
import { scheduleInWords } from '../../../src/scheduler/schedule-words.js';

describe('schedules in words', () => {
  it('says schedules in words with the zone', () => {
    expect(scheduleInWords('0 9 * * 1', 'Asia/Kolkata')).toBe('At 09:00, only on Monday (IST)');
    expect(scheduleInWords('30 8 * * 1-5', 'Asia/Kolkata')).toBe('At 08:30, Monday through Friday (IST)');
    expect(scheduleInWords('0 9 1 * *', 'Asia/Kolkata')).toBe('At 09:00, on day 1 of the month (IST)');
    expect(scheduleInWords('0 9 * * 0', 'America/New_York')).toMatch(
      /^At 09:00, only on Sunday \((EST|EDT|America\/New_York)\)$/,
    );
  });

  it('shows a schedule it cannot read as written, with its zone, never a guess', () => {
    expect(scheduleInWords('not a cron', 'Asia/Kolkata')).toBe('`not a cron` (IST)');
  });
});
