import type { CatalogStyle } from './catalog.js';
import { csvLine, csvText, isoDate, mmddyy, sheetNumber } from './csv-text.js';
import { createRng, weightedSampler, type Rng } from './prng.js';
import { headerLine, INTERNATIONAL_HEADER, INTERNATIONAL_SECOND_HEADER } from './raw-headers.js';
import type { SampleProfile } from './sample-profile.js';
import type { CleanValue, SideFile } from './side-files.js';

type InternationalProfile = SampleProfile['international'];

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthLabel = (d: Date): string =>
  `${MONTH_NAMES[d.getUTCMonth()]}-${String(d.getUTCFullYear() % 100).padStart(2, '0')}`;

const NAME_PARTS = [
  'MULBERRY',
  'LOTUS',
  'SAFFRON',
  'INDIGO',
  'KESARI',
  'NEELAM',
  'CHANDNI',
  'ROOPA',
  'ANOKHI',
  'TARA',
  'MEERA',
  'PRIYA',
  'SITARA',
  'VEDA',
  'AASHNA',
  'KIRAN',
  'NOOR',
  'RANG',
  'SUTRA',
  'ZARI',
];
const NAME_ENDS = [
  'BOUTIQUE',
  'LLC',
  'FASHIONS',
  'TRADING LLC',
  'CLOSET LTD',
  'COLLECTIONS',
  'DESIGNS',
  'EXPORTS',
  'STORE',
  'CREATIONS',
];

/** A sale day with its text forms. */
interface Day {
  time: number;
  mmddyy: string;
  iso: string;
  label: string;
  month: string;
}

/** One wholesale line of the first section. */
interface Line {
  date: Day;
  /** (day, customer rank) as one number: the file is sorted by date, then customer. */
  key: number;
  customer: string;
  style: string;
  sku: string | null;
  size: string;
  pcs: number;
  rate: number;
  gross: number;
}

/**
 * International sale Report.csv: wholesale lines Jun-21..May-22 sorted by date, then a block of SKU/stock rows,
 * then a second header with a different column order and a repeat of most of the first section (with Stock).
 * No final newline. Customer names are made up.
 */
export function internationalFile(
  profile: SampleProfile,
  catalog: CatalogStyle[],
  amazonRows: number,
  seed: number,
): SideFile {
  const rng = createRng(seed, 'international');
  const p = profile.international;
  const customers = customerNames(rng, p);
  // Scales with the Amazon rows, capped so the 10M/100M-row scale runs do not build millions of JS rows.
  const firstRows = Math.min(
    p.maxFirstSectionRows,
    Math.max(20, Math.round(amazonRows * p.rowsPerAmazonRow)),
  );
  const lines = firstSectionLines(rng, p, catalog, customers, firstRows);
  const out = [headerLine(INTERNATIONAL_HEADER)];
  const clean: CleanValue[][] = [];
  let index = 0;
  for (const l of lines) {
    const rate = sheetNumber(l.rate);
    const gross = sheetNumber(l.gross);
    out.push(
      csvLine([index, l.date.mmddyy, l.date.label, l.customer, l.style, l.sku, l.size, l.pcs, rate, gross]),
    );
    clean.push([index, l.date.iso, l.date.month, l.customer, l.style, l.sku, l.size, l.pcs, l.rate, l.gross]);
    index++;
  }
  // The block between the sections: a 'SKU' row, then style codes, some with a stock figure.
  out.push(csvLine([index++, 'SKU', '', '', '', '', '', '', '', '']));
  const blockRows = Math.max(2, Math.round(firstRows * p.skuBlockShare));
  for (let n = 0; n < blockRows; n++) {
    const style = catalog[rng.int(0, catalog.length - 1)]!;
    out.push(
      csvLine([index++, style.style, rng.chance(0.3) ? rng.int(0, 400) : '', '', '', '', '', '', '', '']),
    );
  }
  out.push(csvLine([index++, ...INTERNATIONAL_SECOND_HEADER]));
  for (const l of lines) {
    if (!rng.chance(p.secondSectionShare)) continue;
    const [rate, gross] = [sheetNumber(l.rate), sheetNumber(l.gross)];
    const stock = rng.int(0, 60);
    out.push(
      csvLine([index++, l.customer, l.date.mmddyy, l.date.label, l.style, l.sku, l.pcs, rate, gross, stock]),
    );
  }
  return { text: csvText(out, false), rawRows: index, clean };
}

/** Made-up wholesale customers, each weighted 1/rank. */
function customerNames(rng: Rng, p: InternationalProfile): [string, number][] {
  const customers: [string, number][] = [];
  const seen = new Set<string>();
  for (let i = 0; customers.length < p.customers && i < p.customers * 50; i++) {
    const name = `${rng.pick(NAME_PARTS.map((n) => [n, 1] as const))} ${rng.pick(NAME_ENDS.map((n) => [n, 1] as const))}`;
    if (seen.has(name)) continue;
    seen.add(name);
    customers.push([name, 1 / (customers.length + 1)]);
  }
  return customers;
}

/** Days by (year, month, day), their text forms made once (a few hundred distinct days, up to 200k lines). */
function dayMaker(): (y: number, m: number, d: number) => Day {
  const cache = new Map<number, Day>();
  return (y, m, d) => {
    const time = Date.UTC(y, m - 1, d);
    let day = cache.get(time);
    if (!day) {
      const date = new Date(time);
      day = {
        time,
        mmddyy: mmddyy(date),
        iso: isoDate(date),
        label: monthLabel(date),
        month: isoDate(new Date(Date.UTC(y, m - 1, 1))),
      };
      cache.set(time, day);
    }
    return day;
  };
}

/** The first section's lines, sorted by date then customer: sales of catalog SKUs, and some shipping charges. */
function firstSectionLines(
  rng: Rng,
  p: InternationalProfile,
  catalog: CatalogStyle[],
  customers: [string, number][],
  rows: number,
): Line[] {
  const pickStyle = weightedSampler(
    rng,
    catalog.map((s) => [s, s.weight] as const),
  );
  const pickCustomer = weightedSampler(rng, customers);
  const dayOf = dayMaker();
  const monthDays = p.months.map(([ym, w]) => {
    const [y, m] = ym.split('-').map(Number) as [number, number];
    return [{ y, m, days: new Date(Date.UTC(y, m, 0)).getUTCDate() }, w] as const;
  });
  const pickMonth = weightedSampler(rng, monthDays);
  const pickPcs = weightedSampler(rng, p.pcs);
  // Sorting by (date, customer) on one number: customers ranked by name.
  const customerRank = new Map(
    [...customers]
      .map(([name]) => name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((name, i) => [name, i]),
  );
  const lines: Line[] = [];
  for (let n = 0; n < rows; n++) {
    const { y, m, days } = pickMonth();
    const date = dayOf(y, m, rng.int(1, days));
    const customer = pickCustomer();
    const key = (date.time / 86_400_000) * 1024 + customerRank.get(customer)!;
    if (rng.chance(p.shippingShare)) {
      const rate = 500 * rng.int(4, 16);
      lines.push({
        date,
        key,
        customer,
        style: 'SHIPPING',
        sku: 'SHIPPING',
        size: 'Free',
        pcs: 1,
        rate,
        gross: rate,
      });
      continue;
    }
    const style = pickStyle();
    const sku = style.skus[rng.int(0, style.skus.length - 1)]!;
    const pcs = pickPcs();
    const rate = Math.round(style.price * p.rateToPrice * (0.9 + 0.2 * rng.next()) * 100) / 100;
    const gross = rng.chance(0.8) ? Math.round(pcs * rate) : Math.round(pcs * rate * 100) / 100;
    const size = sku.skuSize === 'FREE' ? 'Free' : sku.skuSize;
    const shownSku = rng.chance(p.blankSkuShare) ? null : sku.sku;
    lines.push({ date, key, customer, style: style.style, sku: shownSku, size, pcs, rate, gross });
  }
  return lines.sort((a, b) => a.key - b.key);
}
