import { describe, expect, it } from 'vitest';
import { formatCell, formatChange } from '../../../src/agent/format-value.js';
import { axisFormat, formatChange as chartChange } from '../../../src/charts/fields.js';
import { changeBetween, formatChangeIn } from '../../../src/format/change.js';
import { compactUnitFor, formatInrInUnit } from '../../../src/format/money.js';

describe('changes: chosen once, relative for amounts, percentage points for rates', () => {
  it('formats each unit', () => {
    expect(formatChangeIn(0.052, 'change')).toBe('+5.2%');
    expect(formatChangeIn(-0.0912, 'change')).toBe('-9.1%');
    expect(formatChangeIn(0.012, 'points')).toBe('+1.2 pp');
    expect(formatChangeIn(-0.004, 'points')).toBe('-0.4 pp');
    expect(formatChangeIn(0.0001, 'points')).toBe('0.0 pp');
    expect(formatChangeIn(Number.NaN, 'change')).toBeUndefined();
  });

  it('picks the unit from the metric: a rate from 12% to 13.2% is +1.2 pp, never +10%', () => {
    expect(changeBetween(0.132, 0.12, 'percent')).toEqual({
      value: expect.closeTo(0.012, 9),
      unit: 'points',
    });
    expect(changeBetween(110, 100, 'inr')).toEqual({ value: expect.closeTo(0.1, 9), unit: 'change' });
    expect(changeBetween(5, 0, 'count')).toBeNull();
    // The chart's delta and the text agree.
    expect(chartChange(0.132, 0.12, 'percent')).toBe('+1.2 pp');
    expect(formatChange(0.132 - 0.12, 'points')).toBe('+1.2 pp');
    expect(chartChange(110, 100, 'inr')).toBe(formatChange(0.1, 'change'));
  });

  it('formats change columns and blanks by the column contract', () => {
    expect(formatCell(-0.0912, 'change')).toBe('-9.1%');
    expect(formatCell(0.012, 'points')).toBe('+1.2 pp');
    expect(formatCell(null, 'text')).toBe('(blank)');
    expect(formatCell('', 'text')).toBe('(blank)');
    expect(formatCell(null, 'inr')).toBe('(blank)');
    expect(formatCell('2022-04-01', 'date', { grain: 'month' })).toBe('Apr 2022');
  });
});

describe('one unit per chart axis', () => {
  it('chooses the unit from the largest value on the axis', () => {
    expect(compactUnitFor(28_838_708)).toBe('Cr');
    expect(compactUnitFor(950_000)).toBe('L');
    expect(compactUnitFor(950)).toBe('one');
    expect(axisFormat('inr', [101_683, 28_838_708])).toEqual({ format: 'Cr', formatType: 'inr' });
    expect(axisFormat('percent', [0.14])).toEqual({ format: '~%' });
  });

  it('writes every tick of a crore axis in crore: ₹0.5 Cr next to ₹1 Cr, not ₹50 L', () => {
    expect([0, 5_000_000, 10_000_000, 25_000_000].map((v) => formatInrInUnit(v, 'Cr'))).toEqual([
      '₹0',
      '₹0.5 Cr',
      '₹1 Cr',
      '₹2.5 Cr',
    ]);
    expect(formatInrInUnit(-250_000, 'L')).toBe('-₹2.5 L');
  });
});
