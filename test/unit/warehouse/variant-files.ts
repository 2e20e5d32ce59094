import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AMAZON_HEADER } from '../../../src/data-gen/raw-headers.js';
import { tempDir } from './fixture-warehouse.js';

/**
 * Hand-made export variants: the Amazon order report as the original export writes it, and as other public copies
 * do (columns dropped, added, renamed, reordered; mixed date formats). Rows are written from one list of orders so
 * each test can state the numbers it expects.
 */
/** The original export's header, as the generator writes it. */
export const ORIGINAL_AMAZON_HEADER: string[] = [...AMAZON_HEADER];

/** The later public copy: no Style, SKU, ASIN or promotion-ids; empty New and PendingS columns at the end. */
export const LATER_AMAZON_HEADER = [
  'index',
  'Order ID',
  'Date',
  'Status',
  'Fulfilment',
  'Sales Channel',
  'ship-service-level',
  'Category',
  'Size',
  'Courier Status',
  'Qty',
  'currency',
  'Amount',
  'ship-city',
  'ship-state',
  'ship-postal-code',
  'ship-country',
  'B2B',
  'fulfilled-by',
  'New',
  'PendingS',
];

export interface OrderLine {
  id: string;
  date: string;
  status?: string;
  category: string;
  sku?: string;
  qty?: number;
  amount: string;
  city?: string;
  state?: string;
}

const FIELD: Record<string, (o: OrderLine, i: number) => string> = {
  index: (_o, i) => String(i),
  'order id': (o) => o.id,
  orderid: (o) => o.id,
  date: (o) => o.date,
  'order date': (o) => o.date,
  status: (o) => o.status ?? 'Shipped',
  fulfilment: () => 'Amazon',
  'sales channel': () => 'Amazon.in',
  'ship-service-level': () => 'Expedited',
  style: (o) => (o.sku ?? 'J0001-KR-M').split('-')[0]!,
  sku: (o) => o.sku ?? 'J0001-KR-M',
  category: (o) => o.category,
  size: () => 'M',
  asin: () => 'B0VARIANT1',
  'courier status': () => 'Shipped',
  qty: (o) => String(o.qty ?? 1),
  quantity: (o) => String(o.qty ?? 1),
  currency: () => 'INR',
  amount: (o) => o.amount,
  'ship-city': (o) => o.city ?? 'MUMBAI',
  city: (o) => o.city ?? 'MUMBAI',
  'ship-state': (o) => o.state ?? 'MAHARASHTRA',
  state: (o) => o.state ?? 'MAHARASHTRA',
  'ship-postal-code': () => '400081.0',
  'ship-country': () => 'IN',
  'promotion-ids': () => '',
  b2b: () => 'False',
  'fulfilled-by': () => '',
  'unnamed: 22': () => '',
  new: () => '',
  pendings: () => '',
};

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function amazonCsv(header: string[], orders: OrderLine[], options: { finalNewline?: boolean } = {}) {
  const lines = [header.map(csvCell).join(',')];
  orders.forEach((o, i) =>
    lines.push(
      header
        .map((h) => {
          const cell = FIELD[h.trim().toLowerCase()];
          if (!cell) throw new Error(`no test value for column ${h}`);
          return csvCell(cell(o, i));
        })
        .join(','),
    ),
  );
  return lines.join('\n') + (options.finalNewline ? '\n' : '');
}

/** Ten orders over April–June 2022, ₹100 × (n+1) each: total ₹5,500. */
export const TEN_ORDERS: OrderLine[] = Array.from({ length: 10 }, (_, n) => ({
  id: `405-000000${n}-000000${n}`,
  date: [
    '04-01-22',
    '04-15-22',
    '04-30-22',
    '05-02-22',
    '05-13-22',
    '05-31-22',
    '06-01-22',
    '06-10-22',
    '06-20-22',
    '06-29-22',
  ][n]!,
  category: n % 2 ? 'Kurta' : 'Set',
  sku: n % 2 ? 'JNE3781-KR-XXXL' : 'SET389-KR-NP-S',
  amount: `${100 * (n + 1)}.00`,
}));

export async function dataDirWith(files: Record<string, string>): Promise<string> {
  const dir = join(await tempDir('ri-variant-'), 'data');
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

export const INVENTORY_CSV =
  'index,SKU Code,Design No.,Stock,Category,Size,Color\n0,AN201-RED-L,AN201,5,AN : LEGGINGS,L,Red\n1,JNE3781-KR-XXXL,JNE3781,3,KURTA,XXXL,Blue\n';
