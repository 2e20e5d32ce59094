import { describe, expect, it } from 'vitest';
import { CANONICAL_STATES, canonicalState } from '../../../src/warehouse/indian-states.js';
import {
  parseCsvLine,
  rawColumnNames,
  recogniseHeader,
  validMonthFromFileName,
} from '../../../src/warehouse/csv/recognise.js';

describe('Indian states and union territories', () => {
  it('has one canonical name for each of the 28 states and 8 union territories', () => {
    expect(CANONICAL_STATES).toHaveLength(36);
    for (const name of CANONICAL_STATES) expect(canonicalState(name.toUpperCase())).toBe(name);
  });

  it.each([
    ['MAHARASHTRA', 'Maharashtra'],
    ['rajshthan', 'Rajasthan'],
    ['Rajsthan', 'Rajasthan'],
    ['orissa', 'Odisha'],
    ['Pondicherry', 'Puducherry'],
    ['NL', 'Nagaland'],
    ['RJ', 'Rajasthan'],
    ['PB', 'Punjab'],
    ['AR', 'Arunachal Pradesh'],
    ['New Delhi', 'Delhi'],
    ['ANDAMAN & NICOBAR ', 'Andaman and Nicobar Islands'],
    ['JAMMU & KASHMIR', 'Jammu and Kashmir'],
    ['DADRA AND NAGAR', 'Dadra and Nagar Haveli and Daman and Diu'],
    ['Punjab/Mohali/Zirakpur', 'Punjab'],
    ['tamilnadu', 'Tamil Nadu'],
    ['maharastra', 'Maharashtra'],
  ])('%j → %s', (raw, canonical) => {
    expect(canonicalState(raw)).toBe(canonical);
  });

  it('does not invent a state for values that are not one', () => {
    expect(canonicalState('APO')).toBeNull();
    expect(canonicalState('')).toBeNull();
    expect(canonicalState(null)).toBeNull();
  });
});

describe('recognising files by header', () => {
  it('parses a quoted header and normalises names (trailing space, punctuation, Unnamed: 22)', () => {
    const header = parseCsvLine('index,"Order ID",Sales Channel ,ship-state,"a ""b""",Unnamed: 22\r\n0,1');
    expect(header).toEqual(['index', 'Order ID', 'Sales Channel ', 'ship-state', 'a "b"', 'Unnamed: 22']);
    expect(rawColumnNames(header)).toEqual([
      'index',
      'order_id',
      'sales_channel',
      'ship_state',
      'a_b',
      'unnamed_22',
    ]);
  });

  it('tells the four kinds apart and refuses anything else', () => {
    const amazon = parseCsvLine(
      'index,Order ID,Date,Status,Fulfilment,Sales Channel ,ship-service-level,Style,SKU,Category,Size,ASIN,Courier Status,Qty,currency,Amount,ship-city,ship-state',
    );
    expect(recogniseHeader(amazon)).toBe('amazon_sales');
    expect(
      recogniseHeader(parseCsvLine('index,DATE,Months,CUSTOMER,Style,SKU,Size,PCS,RATE,GROSS AMT')),
    ).toBe('international_sales');
    expect(recogniseHeader(parseCsvLine('index,SKU Code,Design No.,Stock,Category,Size,Color'))).toBe(
      'inventory',
    );
    expect(
      recogniseHeader(
        parseCsvLine('index,Sku,Style Id,Catalog,Category,Weight,TP 1,TP 2,MRP Old,Amazon MRP'),
      ),
    ).toBe('price_list');
    expect(
      recogniseHeader(parseCsvLine('index,Sku,Style Id,Catalog,Category,Weight,TP,MRP Old,Amazon MRP')),
    ).toBe('price_list');
    expect(recogniseHeader(parseCsvLine('index,Recived Amount,Unnamed: 1,Expance,Unnamed: 3'))).toBeNull();
    expect(recogniseHeader(parseCsvLine('index,Shiprocket,Unnamed: 1,INCREFF'))).toBeNull();
    expect(recogniseHeader([])).toBeNull();
  });

  it('reads the month a price file is valid for from its name', () => {
    expect(validMonthFromFileName('P  L March 2021.csv')).toBe('2021-03-01');
    expect(validMonthFromFileName('May-2022.csv')).toBe('2022-05-01');
    expect(validMonthFromFileName('prices.csv')).toBeNull();
  });
});
