/**
 * Documentation of the clean tables: one line per column. schema() joins this with DuckDB's catalog, so a
 * column that exists in the database but not here shows up undocumented instead of disappearing.
 */
export interface TableDoc {
  name: string;
  description: string;
  /** Column that gives the table's date coverage, if any. */
  dateColumn?: string;
  columns: Record<string, string>;
}

export const TABLE_DOCS: TableDoc[] = [
  {
    name: 'amazon_sales',
    description:
      'One row per Amazon.in order line (Amazon Sale Report.csv). Revenue = SUM(amount) over all rows (gross); cancelled rows mostly have a NULL amount.',
    dateColumn: 'order_date',
    columns: {
      source_row: 'Row number from the source file’s index column (file line = source_row + 2).',
      order_id: 'Amazon order id; one order can have several lines (SKUs).',
      order_date: 'Order date (source format MM-DD-YY).',
      status: 'Order status, e.g. Shipped, Shipped - Delivered to Buyer, Cancelled, Pending.',
      fulfilment: 'Who fulfils the order: Amazon (FBA) or Merchant.',
      sales_channel: 'Sales channel: Amazon.in or Non-Amazon.',
      ship_service_level: 'Shipping service level: Standard or Expedited.',
      style: 'Product style code (a design, several SKUs).',
      sku: 'Stock keeping unit: style + colour/size variant.',
      category: 'Product category in title case, e.g. Set, Kurta, Western Dress, Top.',
      size: 'Garment size, e.g. S, M, L, XL, XXL, 3XL, Free.',
      asin: 'Amazon Standard Identification Number.',
      courier_status: 'Courier status: Shipped, Unshipped, Cancelled (NULL when blank).',
      qty: 'Units ordered on this line (0 for most cancelled lines).',
      currency: 'Currency of amount (INR); NULL when the amount is blank.',
      amount: 'Line amount in INR, DECIMAL(18,2); NULL when blank in the source (mostly cancelled orders).',
      ship_city:
        'Shipping city, one canonical name (PIN codes, punctuation and localities stripped; Bangalore → Bengaluru, Gurgaon → Gurugram).',
      ship_state: 'Shipping state or union territory, one canonical name (misspellings and codes mapped).',
      ship_postal_code: 'Shipping postal (PIN) code as text, e.g. 400081.',
      ship_country: 'Shipping country code (IN).',
      promotion_ids: 'Comma-separated promotion ids applied to the line; NULL when none.',
      is_b2b: 'True for business (B2B) orders.',
      fulfilled_by: 'Merchant fulfilment programme, e.g. Easy Ship; NULL otherwise.',
      ship_city_raw: 'The shipping city exactly as the file wrote it (trimmed), e.g. "BENGALURU 560037".',
    },
  },
  {
    name: 'international_sales',
    description:
      'Wholesale/international sales (International sale Report.csv, first section only; the repeated second section is reported as rejected).',
    dateColumn: 'sale_date',
    columns: {
      source_row: 'Row number from the source file’s index column.',
      sale_date: 'Sale date (source format MM-DD-YY).',
      month: 'First day of the month the source files the sale under (its Months column, e.g. Jun-21).',
      customer: 'Wholesale customer name, trimmed and upper case.',
      style: 'Product style code.',
      sku: 'Stock keeping unit; NULL when blank in the source.',
      size: 'Garment size.',
      pcs: 'Pieces sold.',
      rate: 'Price per piece in INR.',
      gross_amount: 'Gross amount in INR (the source’s GROSS AMT).',
    },
  },
  {
    name: 'inventory',
    description: 'Stock on hand per SKU (Sale Report.csv).',
    columns: {
      source_row: 'Row number from the source file’s index column.',
      sku: 'Stock keeping unit (the source’s SKU Code).',
      design_no: 'Design number (matches the style code in amazon_sales).',
      stock: 'Units in stock.',
      category: 'Product category in title case, as the inventory file names it (e.g. Kurta, Kurta Set).',
      size: 'Garment size.',
      color: 'Colour, title case.',
    },
  },
  {
    name: 'price_list',
    description:
      'Price list per SKU and marketplace, one row per SKU per price file (P  L March 2021.csv valid 2021-03, May-2022.csv valid 2022-05).',
    dateColumn: 'valid_month',
    columns: {
      source_row: 'Row number from the source file’s index column.',
      valid_month: 'First day of the month the price file is valid for (from its file name).',
      sku: 'Stock keeping unit.',
      style_id: 'Style id.',
      catalog: 'Catalogue / collection name.',
      category: 'Product category in title case.',
      weight_kg: 'Shipping weight in kg.',
      transfer_price:
        'Transfer price in INR (TP in the May 2022 file; TP 1 in the March 2021 file). NULL when Nill/#VALUE!.',
      transfer_price_2: 'Second transfer price (TP 2, March 2021 file only); NULL in files without it.',
      mrp_old: 'Old MRP in INR.',
      final_mrp_old: 'Final old MRP in INR.',
      ajio_mrp: 'MRP on Ajio in INR.',
      amazon_mrp: 'MRP on Amazon in INR.',
      amazon_fba_mrp: 'MRP on Amazon FBA in INR.',
      flipkart_mrp: 'MRP on Flipkart in INR.',
      limeroad_mrp: 'MRP on Limeroad in INR.',
      myntra_mrp: 'MRP on Myntra in INR.',
      paytm_mrp: 'MRP on Paytm in INR.',
      snapdeal_mrp: 'MRP on Snapdeal in INR.',
    },
  },
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
      marketplace: 'Marketplace: Ajio, Amazon, Amazon FBA, Flipkart, Limeroad, Myntra, Paytm, Snapdeal.',
      mrp: 'MRP on that marketplace in INR (NULL when the source said Nill/#VALUE!).',
    },
  },
];

export const CLEAN_TABLES = TABLE_DOCS.map((t) => t.name);
