import { describe, expect, it } from 'vitest';
import { detectTime, resolveTime } from '../../../src/agent/planner/time-expressions.js';
import { previousPeriod } from '../../../src/semantic/time-range.js';

// The Amazon data ends on Wednesday 2022-06-29: that is "today" for relative expressions.
const LATEST = '2022-06-29';
const resolve = (text: string) => {
  const d = detectTime(text);
  return d.current ? resolveTime(d.current, LATEST) : undefined;
};

describe('time expressions resolved against the data’s latest date', () => {
  it('reads named months, with and without a year', () => {
    expect(resolve('revenue in june')).toEqual({ from: '2022-06-01', to: '2022-06-30', label: 'June 2022' });
    expect(resolve('orders april 2022')).toMatchObject({ from: '2022-04-01', to: '2022-04-30' });
    // Without a year: the latest such month on or before the data's end (July is last year's).
    expect(resolve('sales in july')).toMatchObject({ from: '2021-07-01', to: '2021-07-31' });
  });

  it('reads relative periods and puts the dates in the label', () => {
    expect(resolve('sales last month')).toMatchObject({
      from: '2022-05-01',
      to: '2022-05-31',
      label: 'May 2022',
    });
    expect(resolve('revenue in the last 30 days')).toEqual({
      from: '2022-05-31',
      to: '2022-06-29',
      label: 'last 30 days (2022-05-31 to 2022-06-29)',
    });
    expect(resolve('units this quarter')).toMatchObject({ from: '2022-04-01', to: '2022-06-30' });
    expect(resolve('units this quarter')!.label).toContain('2022-04-01');
    expect(resolve('orders last week')).toMatchObject({ from: '2022-06-20', to: '2022-06-26' });
    expect(resolve('past 2 weeks')).toMatchObject({ from: '2022-06-16', to: '2022-06-29' });
    expect(resolve('yesterday')).toMatchObject({ from: '2022-06-28', to: '2022-06-28' });
    expect(resolve('from 2022-04-01 to 2022-04-15')).toMatchObject({ from: '2022-04-01', to: '2022-04-15' });
    expect(resolve('q1 2022')).toMatchObject({ from: '2022-01-01', to: '2022-03-31' });
  });

  it('detects comparisons', () => {
    const wow = detectTime('revenue week over week');
    expect(wow.comparePrevious).toBe(true);
    expect(resolveTime(wow.current!, LATEST)).toMatchObject({ from: '2022-06-20', to: '2022-06-26' });
    const mayJune = detectTime('may vs june revenue');
    expect(resolveTime(mayJune.current!, LATEST)!.label).toBe('May 2022');
    expect(resolveTime(mayJune.compare!, LATEST)!.label).toBe('June 2022');
    expect(detectTime('orders last week vs the week before').comparePrevious).toBe(true);
    expect(detectTime('revenue mom').comparePrevious).toBe(true);
  });

  it('does not mistake words for months', () => {
    expect(detectTime('may i see revenue').current).toBeUndefined();
    expect(detectTime('revenue by category').current).toBeUndefined();
  });

  it('computes the previous period: calendar months stay months, other ranges keep their length', () => {
    expect(previousPeriod({ from: '2022-06-01', to: '2022-06-30' })).toMatchObject({
      from: '2022-05-01',
      to: '2022-05-31',
    });
    expect(previousPeriod({ from: '2022-04-01', to: '2022-06-30' })).toMatchObject({
      from: '2022-01-01',
      to: '2022-03-31',
    });
    expect(previousPeriod({ from: '2022-06-20', to: '2022-06-26' })).toMatchObject({
      from: '2022-06-13',
      to: '2022-06-19',
    });
  });
});
