import { describe, expect, it } from 'vitest';
import { readDateColumn } from '../../../src/warehouse/csv/date-formats.js';

const column = (...raw: string[]) => readDateColumn(raw.map((r) => ({ raw: r, rows: 1 })));

describe('reading every date format a column holds', () => {
  it('mixed MM-DD-YY and MM-DD-YYYY in one column are both read', () => {
    const r = column('04-30-22', '04-12-2022', '05-01-22');
    expect(Object.fromEntries(r.parsed)).toEqual({
      '04-30-22': '2022-04-30',
      '04-12-2022': '2022-04-12',
      '05-01-22': '2022-05-01',
    });
    expect(r.formats).toEqual([
      { label: 'MM-DD-YY', rows: 2 },
      { label: 'MM-DD-YYYY', rows: 1 },
    ]);
  });

  it('a column whose values only fit DD-MM reads as DD-MM; a tie reads as the export’s MM-DD', () => {
    expect(column('30/04/2022', '12/04/2022').parsed.get('12/04/2022')).toBe('2022-04-12');
    expect(column('05/04/2022').parsed.get('05/04/2022')).toBe('2022-05-04');
  });

  it('ISO dates with a time, and month names, are read; impossible dates and prose are not', () => {
    const r = column('2022-04-30 00:00:00', '30-Apr-2022', '2022-02-30', 'soon');
    expect(r.parsed.get('2022-04-30 00:00:00')).toBe('2022-04-30');
    expect(r.parsed.get('30-Apr-2022')).toBe('2022-04-30');
    expect(r.parsed.has('2022-02-30')).toBe(false);
    expect(r.unreadableRows).toBe(2);
  });
});
