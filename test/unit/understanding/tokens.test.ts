import { beforeAll, describe, expect, it } from 'vitest';
import { lemmaOf, numberValue, phraseOf, tokenize } from '../../../src/agent/understanding/tokens.js';
import { createHarness, type Harness } from './fixture.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

describe('tokenize: every word kept, with where it stood', () => {
  it('keeps the raw text and its offsets, so a note can quote the user', () => {
    const text = 'Revenue by States in MH?';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.raw)).toEqual(['Revenue', 'by', 'States', 'in', 'MH']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.raw);
    expect(tokens.map((t) => t.i)).toEqual([0, 1, 2, 3, 4]);
    // Case is kept in raw ("UP" the state, "up" the word) and folded in norm.
    expect(tokens[4]).toMatchObject({ raw: 'MH', norm: 'mh' });
  });

  it('straightens curly apostrophes and drops the dot of "vs."', () => {
    expect(tokenize('weren’t cancelled')[0]!.norm).toBe("weren't");
    expect(tokenize('May vs. April').map((t) => t.norm)).toEqual(['may', 'vs', 'april']);
  });

  it('keeps dotted names, slashes and ampersands inside one token', () => {
    expect(tokenize('amazon.in w/w j&k 5/4').map((t) => t.norm)).toEqual(['amazon.in', 'w/w', 'j&k', '5/4']);
  });

  it('keeps an order ID as one token, not three numbers', () => {
    const tokens = tokenize('status of order 405-8750647-4224357?');
    expect(tokens.map((t) => t.raw)).toEqual(['status', 'of', 'order', '405-8750647-4224357']);
    expect(tokens[3]!.num).toBeUndefined();
  });

  it('reads digits, thousands, decimals, ordinals and number words as numbers', () => {
    const nums = tokenize('top 5 1,200 2.5 #1 4th three twenty dozen').map((t) => t.num);
    expect(nums).toEqual([undefined, 5, 1200, 2.5, 1, 4, 3, 20, 12]);
    expect(numberValue('ten')).toBe(10);
    expect(numberValue('kurta')).toBeUndefined();
  });

  it('gives a crude singular for phrase lookups without mangling short words or -ss/-us words', () => {
    expect(lemmaOf('states')).toBe('state');
    expect(lemmaOf('kurtas')).toBe('kurta');
    expect(lemmaOf('statuses')).toBe('status');
    expect(lemmaOf('categories')).toBe('category');
    expect(lemmaOf('dresses')).toBe('dress');
    expect(lemmaOf('status')).toBe('status');
    expect(lemmaOf('class')).toBe('class');
    expect(lemmaOf('mrp')).toBe('mrp');
    expect(lemmaOf("women's")).toBe('women');
  });

  it('joins a token range back into a phrase', () => {
    const tokens = tokenize('Sales Channel split');
    expect(phraseOf(tokens, 0, 2)).toBe('sales channel');
    expect(phraseOf(tokenize('top states'), 0, 2, 'lemma')).toBe('top state');
  });

  it('finds nothing in an empty or punctuation-only message', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('?!… ,')).toEqual([]);
  });
});

describe('what tokenising means for the answer', () => {
  it('a plural reads as its singular: "revenue by states" = "revenue by state"', () => {
    expect(h.planOf('revenue by states').plan).toEqual(h.planOf('revenue by state').plan);
    expect(h.planOf('kurtas revenue').plan.filters).toEqual([
      { dimension: 'category', op: 'in', values: ['Kurta'] },
    ]);
  });

  it('a number word is a count: "top three states by revenue" keeps three rows', () => {
    expect(h.planOf('top three states by revenue').plan).toMatchObject({ groupBy: ['state'], limit: 3 });
    expect(h.planOf('top ten cities by units').plan).toMatchObject({ groupBy: ['city'], limit: 10 });
  });

  it('a curly apostrophe negates like a straight one', () => {
    const straight = h.planOf("orders that weren't cancelled").plan;
    const curly = h.planOf('orders that weren’t cancelled').plan;
    expect(curly).toEqual(straight);
    expect(curly.filters).toEqual([{ dimension: 'status', op: 'not_in', values: ['Cancelled'] }]);
  });

  it('punctuation and case do not change the reading', () => {
    expect(h.planOf('REVENUE BY CATEGORY!!!').plan).toEqual(h.planOf('revenue by category').plan);
    expect(h.planOf('revenue, by category?').plan).toEqual(h.planOf('revenue by category').plan);
  });
});
