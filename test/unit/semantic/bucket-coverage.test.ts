import { describe, expect, it } from 'vitest';
import {
  bucketCoverage,
  intersect,
  periodCoverageClause,
  likeForLike,
  partialBuckets,
  partialClause,
  partialList,
  partialPhrase,
  partialSummary,
} from '../../../src/semantic/bucket-coverage.js';

const AMAZON = { from: '2022-03-31', to: '2022-06-29' };
const INTERNATIONAL = { from: '2021-06-05', to: '2022-05-11' };
const MONTHS = ['2022-03-01', '2022-04-01', '2022-05-01', '2022-06-01'];

describe('partial buckets from the data coverage', () => {
  it('finds the Amazon report’s one-day March and 29-day June, and nothing else', () => {
    const partial = partialBuckets(MONTHS, 'month', AMAZON);
    expect(partial.map((b) => [b.start, b.coveredDays, b.totalDays])).toEqual([
      ['2022-03-01', 1, 31],
      ['2022-06-01', 29, 30],
    ]);
    expect(partialSummary(partial)).toBe(
      'Mar 2022 has 1 day (31 Mar) and Jun 2022 runs to the 29th (29 of 30 days)',
    );
    expect(partial.map(partialPhrase)).toEqual(['Mar 2022 (1 day: 31 Mar)', 'Jun 2022 to the 29th']);
    expect(partialList(partial)).toBe('Mar 2022 (1 of 31 days), Jun 2022 (29 of 30 days)');
  });

  it('finds the international report’s first and last months (5 Jun 2021, 11 May 2022)', () => {
    const starts = ['2021-06-01', '2021-07-01', '2022-04-01', '2022-05-01'];
    const partial = partialBuckets(starts, 'month', INTERNATIONAL);
    expect(partial.map(partialClause)).toEqual([
      'Jun 2021 starts on 5 Jun (26 of 30 days)',
      'May 2022 runs to the 11th (11 of 31 days)',
    ]);
  });

  it('weeks start on Monday: the first and last weeks of the Amazon data are partial', () => {
    const partial = partialBuckets(['2022-03-28', '2022-04-04', '2022-06-20', '2022-06-27'], 'week', AMAZON);
    expect(partial.map((b) => [b.start, b.coveredDays])).toEqual([
      ['2022-03-28', 4],
      ['2022-06-27', 3],
    ]);
    expect(partialPhrase(partial[1]!)).toBe('week of 27 Jun 2022 (3 days, to 29 Jun)');
  });

  it('a question’s own period narrows the coverage; days are never partial', () => {
    expect(bucketCoverage('2022-05-01', 'month', { from: '2022-05-10', to: '2022-05-20' })).toMatchObject({
      coveredDays: 11,
      partial: true,
    });
    expect(
      partialClause(bucketCoverage('2022-05-01', 'month', { from: '2022-05-10', to: '2022-05-20' })),
    ).toBe('May 2022 has 11 of 31 days (10 May–20 May)');
    expect(partialBuckets(['2022-03-31'], 'day', AMAZON)).toEqual([]);
    expect(partialBuckets(MONTHS, 'month', undefined)).toEqual([]);
  });
});

describe('like for like', () => {
  it('cuts "this month vs last month" to the days the data has: 1–29 Jun vs 1–29 May', () => {
    const cut = likeForLike(
      { from: '2022-06-01', to: '2022-06-30' },
      { from: '2022-05-01', to: '2022-05-31' },
      AMAZON,
    );
    expect(cut).toEqual({
      current: { from: '2022-06-01', to: '2022-06-29' },
      compare: { from: '2022-05-01', to: '2022-05-29' },
      days: 29,
    });
  });

  it('leaves a fully covered period alone, and never makes the comparison longer than it was', () => {
    expect(
      likeForLike({ from: '2022-05-01', to: '2022-05-31' }, { from: '2022-04-01', to: '2022-04-30' }, AMAZON),
    ).toBeNull();
    const cut = likeForLike(
      { from: '2022-03-01', to: '2022-03-31' },
      { from: '2022-02-01', to: '2022-02-28' },
      { from: '2021-06-05', to: '2022-03-30' },
    );
    expect(cut?.compare).toEqual({ from: '2022-02-01', to: '2022-02-28' });
  });
});

describe('a single period the data covers in part', () => {
  it('says where the data stops or starts, and how many days it holds', () => {
    const data = { from: '2022-03-31', to: '2022-06-29' };
    const covered = (p: { from: string; to: string }) => intersect(data, p) ?? undefined;
    const week = { from: '2022-06-27', to: '2022-07-03' };
    expect(periodCoverageClause(week, covered(week))).toBe('the data runs to 29 Jun (3 of 7 days)');
    const march = { from: '2022-03-01', to: '2022-03-31' };
    expect(periodCoverageClause(march, covered(march))).toBe('the data starts on 31 Mar (1 of 31 days)');
    const may = { from: '2022-05-01', to: '2022-05-31' };
    expect(periodCoverageClause(may, covered(may))).toBeNull();
  });
});
