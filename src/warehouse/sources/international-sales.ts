import { loadInternationalSales } from '../loaders/international-sales.js';
import { defineSource, optional as opt, required as req } from './source-definition.js';

/** International sale Report.csv: wholesale/international sales (its first section). */
export const internationalSales = defineSource({
  name: 'international_sales',
  title: 'the international sales report (International sale Report)',
  noun: 'international sales',
  rowsNoun: 'international sales',
  usualFile: '"International sale Report.csv"',
  fileNameHint: /international|wholesale/i,
  description:
    'Wholesale/international sales (International sale Report.csv, first section only; the repeated second section is reported as rejected).',
  dateColumn: 'sale_date',
  columns: [
    { name: 'source_row', type: 'INTEGER', doc: 'Row number from the source file’s index column.' },
    { name: 'sale_date', type: 'DATE', doc: 'Sale date (source format MM-DD-YY).' },
    {
      name: 'month',
      type: 'DATE',
      doc: 'First day of the month the source files the sale under (its Months column, e.g. Jun-21).',
      from: { field: 'months', clean: 'monthLabel' },
    },
    {
      name: 'customer',
      type: 'VARCHAR',
      doc: 'Wholesale customer name, trimmed and upper case.',
      from: { field: 'customer', clean: 'upperText' },
    },
    { name: 'style', type: 'VARCHAR', doc: 'Product style code.', from: { field: 'style', clean: 'text' } },
    {
      name: 'sku',
      type: 'VARCHAR',
      doc: 'Stock keeping unit; NULL when blank in the source.',
      from: { field: 'sku', clean: 'text' },
    },
    { name: 'size', type: 'VARCHAR', doc: 'Garment size.', from: { field: 'size', clean: 'text' } },
    { name: 'pcs', type: 'INTEGER', doc: 'Pieces sold.', from: { field: 'pcs', clean: 'integer' } },
    {
      name: 'rate',
      type: 'DECIMAL(18,2)',
      doc: 'Price per piece in INR.',
      from: { field: 'rate', clean: 'decimal' },
    },
    {
      name: 'gross_amount',
      type: 'DECIMAL(18,2)',
      doc: 'Gross amount in INR (the source’s GROSS AMT).',
      from: { field: 'gross_amt', clean: 'decimal' },
    },
  ],
  signature: {
    fields: [
      req('date', { clean: 'sale_date', aliases: ['sale_date'] }),
      opt('months', { clean: 'month', aliases: ['month'] }),
      req('customer'),
      opt('style'),
      opt('sku'),
      opt('size'),
      req('pcs', { aliases: ['pieces'] }),
      opt('rate'),
      req('gross_amt', { clean: 'gross_amount', aliases: ['gross_amount'] }),
    ],
  },
  partitioning: { kind: 'single' },
  load: loadInternationalSales,
});
