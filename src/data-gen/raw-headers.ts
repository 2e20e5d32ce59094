/**
 * The retailer's file names and header lines, byte for byte as the real export writes them (a leading `index`
 * column everywhere, 'Sales Channel ' with a trailing space, 'Unnamed: 22', two spaces in 'P  L March 2021.csv').
 * The loader recognises files by these headers, so the generator must not drift from them.
 */
export const AMAZON_FILE = 'Amazon Sale Report.csv';
export const INTERNATIONAL_FILE = 'International sale Report.csv';
export const INVENTORY_FILE = 'Sale Report.csv';
export const PRICE_MARCH_2021_FILE = 'P  L March 2021.csv';
export const PRICE_MAY_2022_FILE = 'May-2022.csv';

export const AMAZON_HEADER = [
  'index',
  'Order ID',
  'Date',
  'Status',
  'Fulfilment',
  'Sales Channel ',
  'ship-service-level',
  'Style',
  'SKU',
  'Category',
  'Size',
  'ASIN',
  'Courier Status',
  'Qty',
  'currency',
  'Amount',
  'ship-city',
  'ship-state',
  'ship-postal-code',
  'ship-country',
  'promotion-ids',
  'B2B',
  'fulfilled-by',
  'Unnamed: 22',
] as const;

export const INTERNATIONAL_HEADER = [
  'index',
  'DATE',
  'Months',
  'CUSTOMER',
  'Style',
  'SKU',
  'Size',
  'PCS',
  'RATE',
  'GROSS AMT',
] as const;

/** The second header, mid-file, that starts the international file's second section (index column included). */
export const INTERNATIONAL_SECOND_HEADER = [
  'CUSTOMER',
  'DATE',
  'Months',
  'Style',
  'SKU',
  'PCS',
  'RATE',
  'GROSS AMT',
  'Stock',
] as const;

export const INVENTORY_HEADER = [
  'index',
  'SKU Code',
  'Design No.',
  'Stock',
  'Category',
  'Size',
  'Color',
] as const;

const MARKETPLACE_MRPS = [
  'Ajio MRP',
  'Amazon MRP',
  'Amazon FBA MRP',
  'Flipkart MRP',
  'Limeroad MRP',
  'Myntra MRP',
  'Paytm MRP',
  'Snapdeal MRP',
] as const;

export const PRICE_MARCH_2021_HEADER = [
  'index',
  'Sku',
  'Style Id',
  'Catalog',
  'Category',
  'Weight',
  'TP 1',
  'TP 2',
  'MRP Old',
  'Final MRP Old',
  ...MARKETPLACE_MRPS,
] as const;

export const PRICE_MAY_2022_HEADER = [
  'index',
  'Sku',
  'Style Id',
  'Catalog',
  'Category',
  'Weight',
  'TP',
  'MRP Old',
  'Final MRP Old',
  ...MARKETPLACE_MRPS,
] as const;

/** Header line as written in the file (no quoting is needed: no field holds a comma or quote). */
export function headerLine(header: readonly string[]): string {
  return header.join(',');
}
