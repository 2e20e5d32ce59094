import { describe, expect, it } from 'vitest';
import { scheduleInWords } from '../../../src/scheduler/schedule-words.js';

describe('schedules in words', () => {
  it('says the common schedules as people do, with the zone', () => {
    expect(scheduleInWords('0 9 * * 1', 'Asia/Kolkata')).toBe('Mondays at 09:00 IST');
    expect(scheduleInWords('30 8 * * 1-5', 'Asia/Kolkata')).toBe('Weekdays at 08:30 IST');
    expect(scheduleInWords('0 18 * * *', 'Asia/Kolkata')).toBe('Every day at 18:00 IST');
    expect(scheduleInWords('0 9 * * 1,3', 'Asia/Kolkata')).toBe('Mondays and Wednesdays at 09:00 IST');
    expect(scheduleInWords('0 9 * * 0', 'America/New_York')).toMatch(
      /^Sundays at 09:00 (EST|EDT|America\/New_York)$/,
    );
  });

  it('shows anything else as the cron expression with its zone, never a guess', () => {
    expect(scheduleInWords('0 9 1 * *', 'Asia/Kolkata')).toBe('`0 9 1 * *` (IST)');
    expect(scheduleInWords('*/15 * * * *', 'Asia/Kolkata')).toBe('`*/15 * * * *` (IST)');
  });
});
