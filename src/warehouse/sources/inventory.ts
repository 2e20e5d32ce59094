import { loadInventory } from '../loaders/inventory.js';
import { defineSource, optional as opt, required as req } from './source-definition.js';

/** Sale Report.csv: stock on hand per SKU. */
export const inventory = defineSource({
  name: 'inventory',
  title: 'the inventory report (Sale Report)',
  noun: 'inventory',
  rowsNoun: 'stock records',
  usualFile: '"Sale Report.csv"',
  fileNameHint: /^sale report|stock|inventory/i,
  description: 'Stock on hand per SKU (Sale Report.csv).',
  columns: [
    { name: 'source_row', type: 'INTEGER', doc: 'Row number from the source file’s index column.' },
    {
      name: 'sku',
      type: 'VARCHAR',
      doc: 'Stock keeping unit (the source’s SKU Code).',
      from: { field: 'sku_code', clean: 'text' },
    },
    {
      name: 'design_no',
      type: 'VARCHAR',
      doc: 'Design number (matches the style code in amazon_sales).',
      from: { field: 'design_no', clean: 'text' },
    },
    { name: 'stock', type: 'INTEGER', doc: 'Units in stock.', from: { field: 'stock', clean: 'integer' } },
    {
      name: 'category',
      type: 'VARCHAR',
      doc: 'Product category in title case, as the inventory file names it (e.g. Kurta, Kurta Set).',
      from: { field: 'category', clean: 'titleCase' },
    },
    { name: 'size', type: 'VARCHAR', doc: 'Garment size.', from: { field: 'size', clean: 'text' } },
    {
      name: 'color',
      type: 'VARCHAR',
      doc: 'Colour, title case.',
      from: { field: 'color', clean: 'titleCase' },
    },
  ],
  signature: {
    fields: [
      req('sku_code', { clean: 'sku', aliases: ['sku'] }),
      opt('design_no', { aliases: ['design'] }),
      req('stock', { aliases: ['stock_qty'] }),
      opt('category'),
      opt('size'),
      opt('color', { aliases: ['colour'] }),
    ],
  },
  partitioning: { kind: 'single' },
  load: loadInventory,
});
