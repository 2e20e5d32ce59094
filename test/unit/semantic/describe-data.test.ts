import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCatalogPath, loadCatalog, parseCatalog } from '../../../src/semantic/catalog.js';
import { describeDataWeHave } from '../../../src/semantic/describe-data.js';
import type { DataProfile } from '../../../src/semantic/data-profile.js';

const profile: DataProfile = {
  dateRanges: {
    amazon_sales: { from: '2022-03-31', to: '2022-06-29' },
    international_sales: { from: '2021-06-05', to: '2022-05-30' },
    price_list: { from: '2021-03-01', to: '2022-05-01' },
  },
  values: {},
};

describe('"what data we have", from the catalog', () => {
  it('names each report with its dates, the metrics that have describeAs and the dimensions it breaks down by', () => {
    const text = describeDataWeHave(loadCatalog(), profile);
    expect(text).toMatch(
      /^I have data on Amazon\.in orders \(2022-03-31 to 2022-06-29\): revenue, orders, units, average order value, cancellations and returns by category, size, state, city, order status, fulfilment and SKU; /,
    );
    expect(text).toContain('; international/wholesale sales (2021-06-05 to 2022-05-30) by customer and SKU;');
    // Stock and prices are one row per SKU or marketplace, and a price list's months are not a coverage.
    expect(text).toMatch(/; stock on hand per SKU; list prices \(MRP\) per marketplace\.$/);
  });

  it('refuses a describe list naming a dimension its report does not have', () => {
    const text = readFileSync(defaultCatalogPath(), 'utf8').replace(
      'by: [customer, sku]',
      'by: [customer, marketplace]',
    );
    expect(() => parseCatalog(text)).toThrow(/sources\.international_sales\.describe\.by\.1: "marketplace"/);
  });
});
