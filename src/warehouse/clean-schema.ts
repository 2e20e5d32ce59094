/**
 * DDL of the clean tables (see types.ts for the contract and tables.ts for per-column docs). The tables are
 * created empty before any file is loaded, so the schema is stable even when a file is missing.
 */
const MRP_COLUMNS = [
  ['ajio_mrp', 'Ajio'],
  ['amazon_mrp', 'Amazon'],
  ['amazon_fba_mrp', 'Amazon FBA'],
  ['flipkart_mrp', 'Flipkart'],
  ['limeroad_mrp', 'Limeroad'],
  ['myntra_mrp', 'Myntra'],
  ['paytm_mrp', 'Paytm'],
  ['snapdeal_mrp', 'Snapdeal'],
] as const;

export const MARKETPLACE_MRP_COLUMNS = MRP_COLUMNS;

export const CLEAN_TABLE_DDL = `
CREATE TABLE amazon_sales (
  source_row INTEGER, order_id VARCHAR, order_date DATE, status VARCHAR, fulfilment VARCHAR,
  sales_channel VARCHAR, ship_service_level VARCHAR, style VARCHAR, sku VARCHAR, category VARCHAR,
  size VARCHAR, asin VARCHAR, courier_status VARCHAR, qty INTEGER, currency VARCHAR,
  amount DECIMAL(18,2), ship_city VARCHAR, ship_state VARCHAR, ship_postal_code VARCHAR,
  ship_country VARCHAR, promotion_ids VARCHAR, is_b2b BOOLEAN, fulfilled_by VARCHAR, ship_city_raw VARCHAR
);
CREATE TABLE international_sales (
  source_row INTEGER, sale_date DATE, month DATE, customer VARCHAR, style VARCHAR, sku VARCHAR,
  size VARCHAR, pcs INTEGER, rate DECIMAL(18,2), gross_amount DECIMAL(18,2)
);
CREATE TABLE inventory (
  source_row INTEGER, sku VARCHAR, design_no VARCHAR, stock INTEGER, category VARCHAR, size VARCHAR,
  color VARCHAR
);
CREATE TABLE price_list (
  source_row INTEGER, valid_month DATE, sku VARCHAR, style_id VARCHAR, catalog VARCHAR, category VARCHAR,
  weight_kg DOUBLE, transfer_price DECIMAL(18,2), transfer_price_2 DECIMAL(18,2), mrp_old DECIMAL(18,2),
  final_mrp_old DECIMAL(18,2), ${MRP_COLUMNS.map(([c]) => `${c} DECIMAL(18,2)`).join(', ')}
);
CREATE VIEW price_list_by_marketplace AS
  ${MRP_COLUMNS.map(
    ([c, label]) =>
      `SELECT valid_month, sku, style_id, category, '${label}' AS marketplace, ${c} AS mrp FROM price_list`,
  ).join('\n  UNION ALL ')};
`;
