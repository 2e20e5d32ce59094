import { loadPriceList } from '../loaders/price-list.js';
import { MARKETPLACE_MRP_COLUMNS } from '../marketplaces.js';
import { defineSource, optional as opt, required as req, type CleanColumn } from './source-definition.js';

const mrp = (name: string, doc: string): CleanColumn => ({
  name,
  type: 'DECIMAL(18,2)',
  doc,
  from: { field: name, clean: 'decimal' },
});

/** P  L March 2021.csv and May-2022.csv: the price per SKU and marketplace, one row per SKU per file. */
export const priceList = defineSource({
  name: 'price_list',
  title: 'a price list (P  L March 2021 / May-2022)',
  noun: 'price list',
  rowsNoun: 'price list entries',
  usualFile: 'a price list such as "May-2022.csv"',
  fileNameHint: /p\s+l|price|^[a-z]{3,9}-20\d\d/i,
  description:
    'Price list per SKU and marketplace, one row per SKU per price file (P  L March 2021.csv valid 2021-03, May-2022.csv valid 2022-05).',
  dateColumn: 'valid_month',
  columns: [
    { name: 'source_row', type: 'INTEGER', doc: 'Row number from the source file’s index column.' },
    {
      name: 'valid_month',
      type: 'DATE',
      doc: 'First day of the month the price file is valid for (from its file name).',
    },
    { name: 'sku', type: 'VARCHAR', doc: 'Stock keeping unit.', from: { field: 'sku', clean: 'text' } },
    { name: 'style_id', type: 'VARCHAR', doc: 'Style id.', from: { field: 'style_id', clean: 'text' } },
    {
      name: 'catalog',
      type: 'VARCHAR',
      doc: 'Catalogue / collection name.',
      from: { field: 'catalog', clean: 'text' },
    },
    {
      name: 'category',
      type: 'VARCHAR',
      doc: 'Product category in title case.',
      from: { field: 'category', clean: 'titleCase' },
    },
    {
      name: 'weight_kg',
      type: 'DOUBLE',
      doc: 'Shipping weight in kg.',
      from: { field: 'weight', clean: 'double' },
    },
    {
      name: 'transfer_price',
      type: 'DECIMAL(18,2)',
      doc: 'Transfer price in INR (TP in the May 2022 file; TP 1 in the March 2021 file). NULL when Nill/#VALUE!.',
    },
    {
      name: 'transfer_price_2',
      type: 'DECIMAL(18,2)',
      doc: 'Second transfer price (TP 2, March 2021 file only); NULL in files without it.',
      from: { field: 'tp_2', clean: 'decimal' },
    },
    mrp('mrp_old', 'Old MRP in INR.'),
    mrp('final_mrp_old', 'Final old MRP in INR.'),
    ...MARKETPLACE_MRP_COLUMNS.map(([name, label]) => mrp(name, `MRP on ${label} in INR.`)),
  ],
  signature: {
    fields: [
      req('sku'),
      opt('style_id'),
      opt('catalog'),
      opt('category'),
      opt('weight', { clean: 'weight_kg' }),
      opt('tp', { clean: 'transfer_price' }),
      opt('tp_1', { clean: 'transfer_price' }),
      opt('tp_2', { clean: 'transfer_price_2' }),
      req('mrp_old'),
      opt('final_mrp_old'),
      ...MARKETPLACE_MRP_COLUMNS.map(([name]) => opt(name)),
    ],
    oneOf: [['tp', 'tp_1']],
  },
  partitioning: { kind: 'single' },
  views: [
    {
      name: 'price_list_by_marketplace',
      description:
        'View over price_list: one row per SKU, price file and marketplace with that marketplace’s MRP.',
      dateColumn: 'valid_month',
      columns: {
        valid_month: 'First day of the month the price file is valid for.',
        sku: 'Stock keeping unit.',
        style_id: 'Style id.',
        category: 'Product category in title case.',
        marketplace: `Marketplace: ${MARKETPLACE_MRP_COLUMNS.map(([, label]) => label).join(', ')}.`,
        mrp: 'MRP on that marketplace in INR (NULL when the source said Nill/#VALUE!).',
      },
      sql: MARKETPLACE_MRP_COLUMNS.map(
        ([c, label]) =>
          `SELECT valid_month, sku, style_id, category, '${label}' AS marketplace, ${c} AS mrp FROM price_list`,
      ).join('\n  UNION ALL '),
    },
  ],
  load: loadPriceList,
});
