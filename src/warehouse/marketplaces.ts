/** The marketplaces the price lists carry an MRP column for: clean column, and the name people use. */
export const MARKETPLACE_MRP_COLUMNS = [
  ['ajio_mrp', 'Ajio'],
  ['amazon_mrp', 'Amazon'],
  ['amazon_fba_mrp', 'Amazon FBA'],
  ['flipkart_mrp', 'Flipkart'],
  ['limeroad_mrp', 'Limeroad'],
  ['myntra_mrp', 'Myntra'],
  ['paytm_mrp', 'Paytm'],
  ['snapdeal_mrp', 'Snapdeal'],
] as const;
