import { normaliseHeaderName } from './header-names.js';

export type RecognisedKind = 'amazon_sales' | 'international_sales' | 'inventory' | 'price_list';

/**
 * One column a report can have. `field` is the column's name in the original export, normalised; `aliases` are
 * the names other public copies and re-saves use for it ("Quantity" for Qty, "Order No" for Order ID). Names match
 * ignoring case, spaces and punctuation, so "ship-state", "Ship State" and "ship_state" are one column.
 */
export interface SignatureField {
  field: string;
  /** The clean column it fills (defaults to `field`); NULL in the clean table when the file lacks the column. */
  clean?: string;
  aliases?: string[];
  required?: boolean;
}

/**
 * A report is recognised by its core columns (all `required`, and one of each `oneOf` group); every other field
 * is optional. Another public copy of the Amazon report drops Style, SKU, ASIN and promotion-ids and adds empty
 * New and PendingS columns: it is still the order report, with those clean columns NULL and a note in the load
 * report.
 */
export interface Signature {
  kind: RecognisedKind;
  fields: SignatureField[];
  oneOf?: string[][];
}

const req = (field: string, extra: Omit<SignatureField, 'field' | 'required'> = {}): SignatureField => ({
  field,
  required: true,
  ...extra,
});
const opt = (field: string, extra: Omit<SignatureField, 'field'> = {}): SignatureField => ({
  field,
  ...extra,
});

export const SIGNATURES: Signature[] = [
  {
    kind: 'amazon_sales',
    fields: [
      req('order_id', { aliases: ['order_no', 'order_number'] }),
      req('date', { clean: 'order_date', aliases: ['order_date'] }),
      req('status', { aliases: ['order_status'] }),
      req('qty', { aliases: ['quantity'] }),
      req('amount', { aliases: ['amt', 'sales_amount', 'order_amount'] }),
      opt('fulfilment', { aliases: ['fulfillment'] }),
      opt('sales_channel', { aliases: ['channel'] }),
      opt('ship_service_level', { aliases: ['service_level'] }),
      opt('style'),
      opt('sku'),
      opt('category'),
      opt('size'),
      opt('asin'),
      opt('courier_status'),
      opt('currency'),
      opt('ship_city', { aliases: ['city', 'shipping_city'] }),
      opt('ship_state', { aliases: ['state', 'shipping_state'] }),
      opt('ship_postal_code', { aliases: ['postal_code', 'pin_code', 'pincode', 'zip'] }),
      opt('ship_country', { aliases: ['country'] }),
      opt('promotion_ids', { aliases: ['promotions', 'promotion_id'] }),
      opt('b2b', { clean: 'is_b2b', aliases: ['is_b2b'] }),
      opt('fulfilled_by'),
    ],
  },
  {
    kind: 'international_sales',
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
  {
    kind: 'inventory',
    fields: [
      req('sku_code', { clean: 'sku', aliases: ['sku'] }),
      opt('design_no', { aliases: ['design'] }),
      req('stock', { aliases: ['stock_qty'] }),
      opt('category'),
      opt('size'),
      opt('color', { aliases: ['colour'] }),
    ],
  },
  {
    kind: 'price_list',
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
      ...['ajio', 'amazon', 'amazon_fba', 'flipkart', 'limeroad', 'myntra', 'paytm', 'snapdeal'].map((m) =>
        opt(`${m}_mrp`),
      ),
    ],
    oneOf: [['tp', 'tp_1']],
  },
];

/** How a header matched a signature. */
export interface HeaderMatch {
  kind: RecognisedKind;
  /** field → the file's raw column name (normalised, as in rawColumnNames) for every field the file has. */
  fields: Record<string, string>;
  /** Clean columns the file has no column for (loaded as NULL). */
  missingColumns: string[];
  /** Header names the report does not use (e.g. New, PendingS), excluding `index` and unlabelled columns. */
  unusedColumns: string[];
  /** file header name → field, where the file names a column differently from the original export. */
  renamed: Record<string, string>;
}

/** Spaces, punctuation and underscores do not tell names apart: "OrderID" and "Order ID" are one column. */
const matchKey = (name: string) => normaliseHeaderName(name).replace(/_/g, '');

export function matchHeader(header: string[], rawColumns: string[]): HeaderMatch | null {
  const keys = header.map(matchKey);
  const candidates: { match: HeaderMatch; share: number }[] = [];
  for (const sig of SIGNATURES) {
    const fields: Record<string, string> = {};
    const renamed: Record<string, string> = {};
    const used = new Set<number>();
    for (const f of sig.fields) {
      const names = [f.field, ...(f.aliases ?? [])].map(matchKey);
      const at = names.map((n) => keys.findIndex((k, i) => k === n && !used.has(i))).find((i) => i >= 0);
      if (at === undefined) continue;
      used.add(at);
      fields[f.field] = rawColumns[at]!;
      if (matchKey(f.field) !== keys[at]) renamed[header[at]!.trim()] = f.field;
    }
    if (!sig.fields.every((f) => !f.required || f.field in fields)) continue;
    if (sig.oneOf && !sig.oneOf.every((group) => group.some((g) => g in fields))) continue;
    const grouped = new Set(sig.oneOf?.flat() ?? []);
    const missingColumns = [
      ...new Set(
        sig.fields
          .filter((f) => !(f.field in fields) && !grouped.has(f.field))
          .map((f) => f.clean ?? f.field),
      ),
    ];
    const unusedColumns = header
      .filter((h, i) => !used.has(i) && rawColumns[i] !== 'index' && !/^unnamed/i.test(h.trim()))
      .map((h) => h.trim())
      .filter((h) => h !== '');
    candidates.push({
      match: { kind: sig.kind, fields, missingColumns, unusedColumns, renamed },
      share: Object.keys(fields).length / sig.fields.length,
    });
  }
  // A header that fits two reports is the one whose columns it covers best.
  candidates.sort((a, b) => b.share - a.share);
  return candidates[0]?.match ?? null;
}

export const REPORT_TITLES: Record<RecognisedKind, string> = {
  amazon_sales: 'the Amazon order report (Amazon Sale Report)',
  international_sales: 'the international sales report (International sale Report)',
  inventory: 'the inventory report (Sale Report)',
  price_list: 'a price list (P  L March 2021 / May-2022)',
};
