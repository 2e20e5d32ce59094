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

  it('an alias with several spellings takes the one a source has, never a near miss of another ("xxxl")', () => {
    const aliases = { xxxl: ['3XL', 'XXXL'] };
    expect(new ValueIndex(['XL', 'XXL', '3XL'], aliases).match('xxxl')?.values).toEqual(['3XL']);
    expect(new ValueIndex(['XL', 'XXL', 'XXXL'], aliases).match('xxxl')?.values).toEqual(['XXXL']);
  });

  it('an alias may name a family of values ("pending": every Pending status), and a value it lacks is skipped', () => {
    const statuses = new ValueIndex(['Pending', 'Pending - Waiting for Pick Up', 'Shipped'], {
      pending: ['Pending', 'Pending - Waiting for Pick Up', 'Pending - Not in this data'],
    });
    expect(statuses.match('pending')).toMatchObject({
      values: ['Pending', 'Pending - Waiting for Pick Up'],
      kind: 'alias',
    });
  });

  it('forgives plurals', () => {
    const categories = new ValueIndex(CATEGORIES);
    expect(categories.match('kurtas')).toMatchObject({ values: ['kurta'], kind: 'plural' });
    expect(categories.match('sarees')?.values).toEqual(['Saree']);
    expect(categories.match('western dresses')?.values).toEqual(['Western Dress']);
  });

  it('matches a singular word to a plural spelled in the data, the first in the data when two are', () => {
    const plurals = new ValueIndex(['Kurtas', 'Western Dresses', 'Bodies']);
    expect(plurals.match('kurta')).toMatchObject({ values: ['Kurtas'], kind: 'plural' });
    expect(plurals.match('western dress')).toMatchObject({ values: ['Western Dresses'], kind: 'plural' });
    expect(plurals.match('body')).toMatchObject({ values: ['Bodies'], kind: 'plural' });
    expect(new ValueIndex(['Bodies', 'BODYS']).match('body')?.values).toEqual(['Bodies']);
    expect(new ValueIndex(['BODYS', 'Bodies']).match('body')?.values).toEqual(['BODYS']);
  });

  it('keys "&" as "and" and drops everything outside a–z and 0–9; city keys drop digits too', () => {
    expect(normalizeKey('Jammu & Kashmir')).toBe('jammuandkashmir');
    expect(normalizeKey('SET389-KR-NP-S')).toBe('set389krnps');
    expect(normalizeKey('Café (Ünï)')).toBe('cafn');
    const cities = new ValueIndex(['BENGALURU 560037', 'NAVI MUMBAI-400703'], {}, 300, {
      ignoreDigits: true,
    });
    expect(cities.match('navi mumbai')?.values).toEqual(['NAVI MUMBAI-400703']);
    expect(cities.match('bengaluru')).toMatchObject({ values: ['BENGALURU 560037'], kind: 'exact' });
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

  it('counts two letters swapped as one edit, the commonest slip', () => {
    expect(editDistance('retrun', 'return')).toBe(1);
    expect(editDistance('catgeory', 'category')).toBe(1);
    expect(editDistance('abc', 'cba')).toBe(2);
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

  it('one long word matches when it is the whole first word of one name ("mulberries"), not part of it', () => {
    const index = new ValueIndex(['MULBERRIES BOUTIQUE', 'MULBERRIESX TRADERS', 'INTERNATIONALE HOUSE']);
    expect(index.match('mulberries', { fuzzy: false })).toBeUndefined();
    const one = new ValueIndex(['MULBERRIES BOUTIQUE', 'INTERNATIONALE HOUSE']);
    expect(one.match('mulberries', { fuzzy: false })).toMatchObject({
      values: ['MULBERRIES BOUTIQUE'],
      kind: 'prefix',
    });
    expect(one.match('internation', { fuzzy: false })).toBeUndefined();
  });
});
