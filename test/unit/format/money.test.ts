import { describe, expect, it } from 'vitest';
import {
  formatInr,
  formatInrCompact,
  formatPercent,
  formatPercentChange,
} from '../../../src/format/money.js';

describe('money formatting', () => {
  it('groups digits the Indian way', () => {
    expect(formatInr(78592678.3)).toBe('₹7,85,92,678.30');
    expect(formatInr(-1234.5)).toBe('-₹1,234.50');
  });
  it('abbreviates lakh and crore', () => {
    expect(formatInrCompact(78592678.3)).toBe('₹7.86 Cr');
    expect(formatInrCompact(245000)).toBe('₹2.45 L');
    expect(formatInrCompact(10_000_000)).toBe('₹1 Cr');
    expect(formatInrCompact(950)).toBe('₹950');
  });
  it('formats percentages and signed changes', () => {
    expect(formatPercent(0.1421)).toBe('14.2%');
    expect(formatPercentChange(0.052)).toBe('+5.2%');
    expect(formatPercentChange(-0.1)).toBe('-10.0%');
  });
});
