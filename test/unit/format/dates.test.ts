import { describe, expect, it } from 'vitest';
import { formatBucket, formatDaySpan, ordinal } from '../../../src/format/dates.js';

describe('dates per grain', () => {
  it('reads a bucket at its grain, never as an ISO date', () => {
    expect(formatBucket('2022-04-01', 'month')).toBe('Apr 2022');
    expect(formatBucket('2022-03-28', 'week')).toBe('week of 28 Mar 2022');
    expect(formatBucket('2022-03-31', 'day')).toBe('31 Mar 2022');
    expect(formatBucket('not a date', 'month')).toBe('not a date');
  });

  it('writes spans and ordinals the short way', () => {
    expect(formatDaySpan('2022-05-01', '2022-05-29')).toBe('1–29 May 2022');
    expect(formatDaySpan('2022-03-28', '2022-04-03')).toBe('28 Mar–3 Apr 2022');
    expect(formatDaySpan('2021-12-31', '2022-01-05')).toBe('31 Dec 2021–5 Jan 2022');
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 29, 31].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '29th',
      '31st',
    ]);
  });
});
