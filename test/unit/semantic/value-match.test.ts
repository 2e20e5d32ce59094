import { describe, expect, it } from 'vitest';
import { ValueIndex, editDistance, normalizeKey } from '../../../src/semantic/value-match.js';

const STATES = ['MAHARASHTRA', 'KARNATAKA', 'TAMIL NADU', 'BIHAR', 'WEST BENGAL', 'ANDAMAN & NICOBAR'];
const CATEGORIES = ['Set', 'kurta', 'Western Dress', 'Top', 'Saree'];

describe('value matching against the values in the data', () => {
  it('forgives case, spacing and punctuation', () => {
    expect(normalizeKey('Tamil  Nadu')).toBe('tamilnadu');
    const states = new ValueIndex(STATES);
    expect(states.match('tamilnadu')?.values).toEqual(['TAMIL NADU']);
    expect(states.match('west bengal')?.values).toEqual(['WEST BENGAL']);
    expect(states.match('andaman and nicobar')?.values).toEqual(['ANDAMAN & NICOBAR']);
  });

  it('forgives plurals', () => {
    const categories = new ValueIndex(CATEGORIES);
    expect(categories.match('kurtas')).toMatchObject({ values: ['kurta'], kind: 'plural' });
    expect(categories.match('sarees')?.values).toEqual(['Saree']);
    expect(categories.match('western dresses')?.values).toEqual(['Western Dress']);
  });

  it('forgives small typos on long words only', () => {
    const states = new ValueIndex(STATES);
    expect(states.match('maharastra')).toMatchObject({ values: ['MAHARASHTRA'], kind: 'typo' });
    expect(states.match('karnatka')?.values).toEqual(['KARNATAKA']);
    // Short words are never guessed: "bhar" is not Bihar.
    expect(states.match('bhar')).toBeUndefined();
    expect(states.match('paris')).toBeUndefined();
    expect(editDistance('maharastra', 'maharashtra')).toBe(1);
  });

  it('uses aliases and returns every spelling of the same value', () => {
    const cities = new ValueIndex(
      ['BENGALURU', 'Bengaluru', 'BENGALURU 560037', 'Bangalore', 'MUMBAI'],
      { bangalore: 'BENGALURU' },
      300,
      {
        ignoreDigits: true,
      },
    );
    expect(cities.match('bangalore')?.values.sort()).toEqual(
      ['BENGALURU', 'BENGALURU 560037', 'Bangalore', 'Bengaluru'].sort(),
    );
    expect(cities.match('mumbai')?.values).toEqual(['MUMBAI']);
  });

  it('does not typo-match on large value sets', () => {
    const many = Array.from({ length: 500 }, (_, i) => `CITY${String.fromCharCode(65 + (i % 26))}${i}`);
    const index = new ValueIndex([...many, 'HYDERABAD'], {}, 300);
    expect(index.match('hyderabad')?.values).toEqual(['HYDERABAD']);
    expect(index.match('hyderabaad')).toBeUndefined();
  });
});

describe('the leading words of one long name', () => {
  it('match that name, but not a single word, a short key, or two names sharing the start', () => {
    const index = new ValueIndex([
      'AMANI CONCEPT TRADING LLC (KAPDA)',
      'MULBERRIES BOUTIQUE',
      'GALAXY GROUP A',
      'GALAXY GROUP B',
    ]);
    expect(index.match('amani concept trading')).toMatchObject({
      values: ['AMANI CONCEPT TRADING LLC (KAPDA)'],
      kind: 'prefix',
    });
    expect(index.match('amani', { fuzzy: false })).toBeUndefined();
    expect(index.match('galaxy group', { fuzzy: false })).toBeUndefined();
  });
});
