import { describe, expect, it } from 'vitest';
import {
  stepRowsOf,
  asPeriodRows,
  compareResults,
  numericColumns,
  periodRowsOf,
  withoutDateColumns,
} from '../../../src/agent/eval/compare-results.js';

describe('compareResults: does an answer hold the gold result?', () => {
  it('matches columns in any order and ignores extra answer columns', () => {
    const gold = [['Set', 10]];
    expect(compareResults(gold, [[10, 'set', 0.5]], false).ok).toBe(true);
    expect(compareResults(gold, [[11, 'set']], false).ok).toBe(false);
  });

  it('a month written "2022-04" matches the month the product labels with its first day, and no other', () => {
    const gold = [
      ['2022-04', 10],
      ['2022-05', 20],
    ];
    const byMonthStart = [
      ['2022-04-01', 10],
      ['2022-05-01', 20],
    ];
    expect(compareResults(gold, byMonthStart, false).ok).toBe(true);
    expect(
      compareResults(
        gold,
        [
          ['2022-04-02', 10],
          ['2022-05-02', 20],
        ],
        false,
      ).ok,
    ).toBe(false);
  });

  it('a one-row "which one" gold is answered by a ranking whose first row is that row', () => {
    const gold = [['2022-05-04', 900]];
    expect(
      compareResults(
        gold,
        [
          ['2022-05-04', 900],
          ['2022-05-05', 800],
        ],
        true,
      ).ok,
    ).toBe(true);
    expect(
      compareResults(
        gold,
        [
          ['2022-05-05', 950],
          ['2022-05-04', 900],
        ],
        true,
      ).ok,
    ).toBe(false);
    // Unranked questions keep the row count strict.
    expect(
      compareResults(
        gold,
        [
          ['2022-05-04', 900],
          ['2022-05-05', 800],
        ],
        false,
      ).ok,
    ).toBe(false);
  });

  it('a top N cut inside a tie accepts either tied row at the cut, but not another figure or an earlier swap', () => {
    const gold = [
      ['SET392', 119],
      ['J0230-M', 98],
      ['J0003-XS', 84],
    ];
    const tiedOther = [
      ['SET392', 119],
      ['J0230-M', 98],
      ['J0230-S', 84],
    ];
    expect(compareResults(gold, tiedOther, true).ok).toBe(true);
    expect(compareResults(gold, [...tiedOther.slice(0, 2), ['J0230-S', 83]], true).ok).toBe(false);
    const swappedEarlier = [
      ['J0230-M', 119],
      ['SET392', 98],
      ['J0003-XS', 84],
    ];
    expect(compareResults(gold, swappedEarlier, true).ok).toBe(false);
  });

  it('a zero row the gold lists and a filtered answer leaves out is set aside; a non-zero one is not', () => {
    const answer = [
      ['2022-04-01', 0.008],
      ['2022-05-01', 0.007],
    ];
    expect(compareResults([['2022-03-01', 0], ...answer], answer, false).ok).toBe(true);
    expect(compareResults([['2022-03-01', 0.5], ...answer], answer, false).ok).toBe(false);
  });

  it('rows of zeros a gold written with WHERE leaves out are set aside, and nothing else is', () => {
    const gold = [
      ['Set', 12],
      ['Kurta', 5],
    ];
    expect(
      compareResults(
        gold,
        [
          ['Set', 12],
          ['Kurta', 5],
          ['Saree', 0],
        ],
        false,
      ).ok,
    ).toBe(true);
    expect(
      compareResults(
        gold,
        [
          ['Set', 12],
          ['Kurta', 5],
          ['Saree', 1],
        ],
        false,
      ).ok,
    ).toBe(false);
  });

  it('an answer shorter than a ranked gold is wrong', () => {
    expect(
      compareResults(
        [
          ['a', 2],
          ['b', 1],
        ],
        [['a', 2]],
        true,
      ).ok,
    ).toBe(false);
  });
});

describe('a period comparison in one row, against a gold written one row per period', () => {
  it('is seen as two rows, current then previous, for the compared metrics only', () => {
    const names = ['orders', 'orders_previous', 'orders_change'];
    expect(asPeriodRows(names, [[120, 100, 0.2]])).toEqual([[120], [100]]);
    expect(asPeriodRows(['orders'], [[120]])).toBeUndefined();
  });

  it('a like-for-like comparison is read both ways: the other period whole, and cut to the same days', () => {
    const names = ['aov', 'aov_previous', 'aov_change', 'aov_previous_full'];
    expect(periodRowsOf(names, [[666, 667, -0.001, 668]])).toEqual([
      [[666], [668]],
      [[666], [667]],
    ]);
    expect(periodRowsOf(['orders', 'orders_previous', 'orders_change'], [[5, 4, 0.25]])).toEqual([
      [[5], [4]],
    ]);
  });

  it('a group with nothing in one period is a 0 row a gold grouped per period may leave out', () => {
    const gold = [
      ['Kerala', 'last week', 5],
      ['Kerala', 'week before', 4],
      ['Goa', 'week before', 2],
    ];
    const rows = asPeriodRows(
      ['state', 'orders', 'orders_previous'],
      [
        ['Kerala', 5, 4],
        ['Goa', 0, 2],
      ],
    )!;
    expect(compareResults(numericColumns(gold), rows, false).ok).toBe(true);
    expect(compareResults(numericColumns(gold), rows.slice(0, 3), false).ok).toBe(false);
  });

  it('a comparison broken down gives two rows per row shown, its labels kept', () => {
    const names = [
      'fulfilment',
      'cancel_rate',
      'cancel_rate_previous',
      'cancel_rate_change',
      'cancel_rate_previous_full',
    ];
    const rows = [
      ['Amazon', 0.1, 0.11, -0.09, 0.12],
      ['Merchant', 0.2, 0.18, 0.11, 0.19],
    ];
    expect(asPeriodRows(names, rows)).toEqual([
      ['Amazon', 0.1],
      ['Amazon', 0.12],
      ['Merchant', 0.2],
      ['Merchant', 0.19],
    ]);
    const gold = [
      ['2022-05-01', 'Amazon', 0.12],
      ['2022-05-01', 'Merchant', 0.19],
      ['2022-06-01', 'Amazon', 0.1],
      ['2022-06-01', 'Merchant', 0.2],
    ];
    expect(compareResults(withoutDateColumns(gold), asPeriodRows(names, rows)!, false).ok).toBe(true);
    const swapped = [...gold.slice(0, 3), ['2022-06-01', 'Merchant', 0.21]];
    expect(compareResults(withoutDateColumns(swapped), asPeriodRows(names, rows)!, false).ok).toBe(false);
  });

  it('matches the gold numbers with its period labels left out, and not other numbers', () => {
    const gold = [
      ['May', 100],
      ['June', 120],
    ];
    const rows = asPeriodRows(['orders', 'orders_previous'], [[120, 100]])!;
    expect(compareResults(numericColumns(gold), rows, false).ok).toBe(true);
    expect(
      compareResults(numericColumns(gold), asPeriodRows(['orders', 'orders_previous'], [[121, 100]])!, false)
        .ok,
    ).toBe(false);
  });
});

describe('a like-for-like comparison', () => {
  it('is matched against a per-period gold by the other period whole, which it carries', () => {
    const names = ['revenue', 'revenue_previous', 'revenue_change', 'revenue_previous_full'];
    expect(asPeriodRows(names, [[234, 245, -0.04, 262]])).toEqual([[234], [262]]);
  });
});

describe('a week-on-week series as comparison rows', () => {
  it('drops the date and keeps each bucket with the one before and the change; none without a change column', () => {
    const columns = [
      { role: 'dimension', grain: 'week' },
      { role: 'metric' },
      { role: 'previous' },
      { role: 'change' },
    ];
    const rows = [
      ['2022-06-13', 90, null, null],
      ['2022-06-20', 99, 90, 0.1],
    ];
    expect(stepRowsOf(columns, rows)).toEqual([
      [90, null, null],
      [99, 90, 0.1],
    ]);
    expect(
      stepRowsOf([{ role: 'dimension', grain: 'week' }, { role: 'metric' }], [['2022-06-13', 90]]),
    ).toEqual([]);
  });
});
