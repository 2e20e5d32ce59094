import { describe, expect, it } from 'vitest';
import { canonicalCity } from '../../../src/warehouse/indian-cities.js';

describe('one canonical name per city', () => {
  it.each([
    ['BENGALURU 560037', 'Bengaluru'],
    ['BENGALURU-97', 'Bengaluru'],
    ['BENGALURU.', 'Bengaluru'],
    ['Bangalore', 'Bengaluru'],
    ['BENGALURUBANGALORE', 'Bengaluru'],
    ['MAHADEVAPURA, BANGALORE', 'Bengaluru'],
    ['BANGALORE RURAL', 'Bengaluru'],
    ['BENGALUR', 'Bengaluru'],
    ['MUMBAI 400 020', 'Mumbai'],
    ['MULUND ( WEST), MUMBAI, PIN 400080', 'Mumbai'],
    ['MUMBAI, BANDRA EAST', 'Mumbai'],
    ['MUMBAI MAHARASHTRA', 'Mumbai'],
    ['FORT.MUMBAI', 'Mumbai'],
    ['NERUL NAVI MUMBAI', 'Navi Mumbai'],
    ['VASHI, NEW MUMBAI.', 'Navi Mumbai'],
    ['HYDERABAD (500034)', 'Hyderabad'],
    ['HYDERABA', 'Hyderabad'],
    ['HYD', 'Hyderabad'],
    ['KOLKATA - 700028', 'Kolkata'],
    ['PLOT NO.7,SECTOR 47,GURGAON', 'Gurugram'],
    ['new delhi', 'New Delhi'],
  ])('%j → %s', (raw, canonical) => {
    expect(canonicalCity(raw)).toBe(canonical);
  });

  it('keeps a city it does not know, cleaned, and never picks the state for it', () => {
    expect(canonicalCity('DURGAPUR, WEST BENGAL')).toBe('Durgapur');
    expect(canonicalCity('  tirupur  641604 ')).toBe('Tirupur');
    expect(canonicalCity('560037')).toBeNull();
    expect(canonicalCity('')).toBeNull();
  });
});
