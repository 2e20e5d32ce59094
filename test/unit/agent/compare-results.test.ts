import { describe, expect, it } from 'vitest';
import { compareResults } from '../../../src/agent/eval/compare-results.js';

describe('compareResults: does an answer hold the gold result?', () => {
  it('matches columns in any order and ignores extra answer columns', () => {
    const gold = [['Set', 10]];
    expect(compareResults(gold, [[10, 'set', 0.5]], false).ok).toBe(true);
    expect(compareResults(gold, [[11, 'set']], false).ok).toBe(false);
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
