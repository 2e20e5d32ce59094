import { describe, expect, it } from 'vitest';
import { checkNumbers, type NumberContext } from '../../../src/agent/llm/number-check.js';
import { numberContext } from '../../../src/agent/llm/number-context.js';

// Revenue by category in May 2022 with shares and change vs April.
const ctx: NumberContext = {
  values: [26226476.75, 10500000, 0.4004, 7800000, 0.2974, -0.0906, 0.1421, 128975, 648.56, 3],
  dates: ['2022-05-01', '2022-05-31', '2022-04-01', '2022-04-30'],
  smallIntegers: [1, 2, 3],
};
const ok = (text: string) => expect(checkNumbers(text, ctx), text).toMatchObject({ ok: true });
const rejected = (text: string) => expect(checkNumbers(text, ctx).ok, text).toBe(false);

describe('number check', () => {
  it('accepts every format we produce for a result cell', () => {
    ok('Revenue was ₹2.62 Cr in May 2022.');
    ok('Revenue was ₹2.6 Cr.');
    ok('Revenue was ₹2.623 crore.');
    ok('Revenue was ₹2,62,26,476.75 in May 2022.');
    ok('Revenue was ₹26,226,476.75.');
    ok('Revenue was ₹26226477.');
    ok('Set brought ₹105 L (40.0% of the total).');
    ok('Set brought ₹1.05 Cr, 40% of revenue.');
    ok('Kurta: ₹78 lakh, 29.7%.');
    ok('128,975 orders; 1,28,975 order lines; AOV ₹648.56.');
    ok('Cancellation rate was 14.2%.');
    ok('Revenue fell 9.1% from April 2022.');
    ok('Revenue changed -9.1% vs April.');
    ok('Revenue was down 9.06 percent.');
    ok('about ₹26.2 million');
  });

  it('rejects numbers that are not in the result, even by a little', () => {
    rejected('Revenue was ₹2.72 Cr in May 2022.');
    rejected('Revenue was ₹2.64 Cr.');
    rejected('Set brought ₹1.10 Cr.');
    rejected('Cancellation rate was 14.5%.');
    rejected('129,975 orders.');
    rejected('AOV ₹649.56.');
    rejected('Revenue will grow 12% next month.');
    rejected('Set is 45% of revenue.');
    // 3 is a count in the result: it must not vouch for 300 (only ratios are read as percentages).
    rejected('300 orders were placed.');
    ok('Set is 40.04 percent of revenue.');
  });

  it('rejects the right magnitude with the wrong direction or sign', () => {
    rejected('Revenue rose 9.1% from April.');
    rejected('Revenue changed +9.1% vs April.');
    ok('Revenue dropped 9.1% from April.');
  });

  it('checks dates and years against the period in play', () => {
    ok('From 2022-05-01 to 2022-05-31 revenue was ₹2.62 Cr.');
    ok('In May 2022 and April 2022.');
    ok('On 31 May 2022.');
    rejected('In June 2022 revenue was ₹2.62 Cr.');
    rejected('From 2022-06-01 onwards.');
    rejected('Since 2021, revenue ₹2.62 Cr.');
    rejected('On 5 June.');
  });

  it('ignores digits inside identifiers and allows small counts and ranks', () => {
    ok('Sizes 3XL and XXL, SKU JNE3781-KR-XXXL and B2B orders were ₹2.62 Cr.');
    ok('The top 3 categories made ₹2.62 Cr.');
    rejected('The top 7 categories made ₹2.62 Cr.');
    // "may" the verb is not a month.
    ok('This may be seasonal.');
  });

  it('rejects the text if any one number is wrong', () => {
    const r = checkNumbers('Revenue ₹2.62 Cr (40.0% from Set), 14.9% cancelled.', ctx);
    expect(r.ok).toBe(false);
    expect(r.unmatched).toEqual(['14.9%']);
    expect(r.checked).toBe(3);
  });

  it('builds its allowed numbers from cells, column totals, derived figures and the question', () => {
    const context = numberContext({
      result: {
        columns: [
          { name: 'category', type: 'VARCHAR' },
          { name: 'revenue', type: 'DOUBLE' },
        ],
        rows: [
          ['Set', 600],
          ['Kurta', 400],
        ],
        truncated: false,
        elapsedMs: 1,
      },
      derived: [0.6],
      question: 'top 2 categories in the last 30 days',
      timeRange: { from: '2022-05-31', to: '2022-06-29', label: 'last 30 days' },
    });
    expect(
      checkNumbers('Set ₹600 is 60% of the ₹1,000 total over the last 30 days, 2 categories.', context).ok,
    ).toBe(true);
    expect(checkNumbers('Set ₹650.', context).ok).toBe(false);
    expect(checkNumbers('On 15 June 2022.', context).ok).toBe(true);
  });

  it('reads numbers written in words, with lakh and crore', () => {
    ok('Revenue was about two point six crore.'.replace('two point six', '2.6'));
    ok('Set brought one hundred and five lakh.');
    ok('Set is forty percent of revenue.');
    ok('Kurta made seventy-eight lakh.');
    ok('The top three categories.');
    rejected('Revenue was ninety-one crore.');
    rejected('Revenue passed a million.'.replace('a million', 'a billion'));
    rejected('Set is forty-five percent of revenue.');
    rejected('Kurta made seventy lakh.');
    rejected('The top seven categories made ₹2.62 Cr.');
    rejected('Revenue was one lakh twenty thousand.');
    // "and" joins a number only after a hundred or a scale: these are two separate small counts.
    ok('The top two and three categories.');
  });

  it('reads digits of any script and full-width forms', () => {
    ok('Set is ４０% of revenue.');
    ok('Set is ४०% of revenue.');
    rejected('Revenue was ₹९१ Cr.');
    rejected('Revenue was ₹９１ Cr.');
    rejected('Set is ４５％ of revenue.');
    rejected('Cancellations: ৯৯%.');
  });

  it('reads multipliers and numbers after a dot', () => {
    const two: NumberContext = { values: [600, 400], dates: [], smallIntegers: [1, 2] };
    expect(checkNumbers('Set sold 1.5x what Kurta did.', two).ok).toBe(true);
    expect(checkNumbers('Set sold 1.5× what Kurta did.', two).ok).toBe(true);
    expect(checkNumbers('Set sold 3x what Kurta did.', two).ok).toBe(false);
    expect(checkNumbers('Set sold 2x what Kurta did.', two).ok).toBe(false);
    expect(checkNumbers('Set sold 5× more.', two).ok).toBe(false);
    expect(checkNumbers('Set sold 4 times more.', two).ok).toBe(false);
    rejected('Set vs.9 Cr for Kurta.');
    rejected('Revenue was .9 Cr.');
    ok('Set vs. Kurta: ₹1.05 Cr vs.₹78 lakh.');
  });
});
