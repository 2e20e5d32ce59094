import type { CatalogStyle } from './catalog.js';
import { csvLine, csvText, isoDate, mmddyy, sheetNumber, type RawCell } from './csv-text.js';
import { createRng, weightedSampler } from './prng.js';
import {
  headerLine,
  INTERNATIONAL_HEADER,
  INTERNATIONAL_SECOND_HEADER,
  INVENTORY_HEADER,
  PRICE_MARCH_2021_HEADER,
  PRICE_MAY_2022_HEADER,
} from './raw-headers.js';
import type { SampleProfile } from './sample-profile.js';

/**
 * The small files (inventory, both price lists, the international file), generated in JS from the shared
 * catalog. Each returns the raw CSV text (with the real files' quirks) and the rows of the clean table the
 * warehouse would load from it (for the Parquet output).
 */
export type CleanValue = string | number | boolean | null;

export interface SideFile {
  text: string;
  /** Data lines in the raw file (header lines excluded). */
  rawRows: number;
  clean: CleanValue[][];
}

const titleCase = (s: string): string =>
  s.toLowerCase().replace(/(^|[\s\-/(])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase());

/** Sale Report.csv: stock per SKU, sorted by SKU, rows without a SKU Code, empty trailing rows, no final newline. */
export function inventoryFile(profile: SampleProfile, catalog: CatalogStyle[], seed: number): SideFile {
  const rng = createRng(seed, 'inventory');
  const p = profile.inventory;
  const stock = (): number =>
    rng.chance(p.zeroStockShare)
      ? 0
      : Math.max(1, Math.round(p.stockMedian * Math.exp(p.stockSigma * rng.normal())));
  type Row = {
    sku: string | null;
    design: string;
    stock: number;
    category: string | null;
    size: string;
    color: string | null;
  };
  const rows: Row[] = [];
  for (const style of catalog) {
    for (const sku of style.skus) {
      if (!rng.chance(p.catalogCoverage)) continue;
      rows.push({
        sku: sku.sku,
        design: style.style,
        stock: stock(),
        category: style.inventoryCategory,
        size: sku.skuSize,
        color: style.color,
      });
    }
  }
  const listed = rows.length;
  const extraTarget = Math.round(listed * p.extraShare);
  for (let n = 0, guard = 0; n < extraTarget && guard < extraTarget * 20; guard++) {
    // Warehouse-only SKUs: a listed style in a size Amazon did not sell.
    const style = catalog[rng.int(0, catalog.length - 1)]!;
    if (style.category.sizes) continue;
    const size = rng.pick([
      ['4XL', 1],
      ['5XL', 1],
      ['6XL', 1],
      ['XS', 1],
    ] as const);
    const sku = `${style.skus[0]!.sku.slice(0, -style.skus[0]!.skuSize.length)}${size}`;
    if (style.skus.some((s) => s.sku === sku) || rows.some((r) => r.sku === sku)) continue;
    rows.push({
      sku,
      design: style.style,
      stock: stock(),
      category: style.inventoryCategory,
      size,
      color: style.color,
    });
    n++;
  }
  for (let n = 0; n < p.rowsWithoutSku; n++) {
    const style = catalog[rng.int(0, catalog.length - 1)]!;
    const bare = rng.chance(0.4);
    rows.push({
      sku: null,
      design: style.style,
      stock: rng.int(0, 2),
      category: bare ? null : style.inventoryCategory,
      size: rng.pick([
        ['FREE', 2],
        ['XXXL', 1],
        ['S', 1],
      ] as const),
      color: bare ? null : style.color,
    });
  }
  rows.sort((a, b) => {
    const ka = a.sku ?? `${a.design}-`;
    const kb = b.sku ?? `${b.design}-`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const lines = [headerLine(INVENTORY_HEADER)];
  const clean: CleanValue[][] = [];
  rows.forEach((r, i) => {
    lines.push(csvLine([i, r.sku, r.design, r.stock, r.category, r.size, r.color]));
    if (r.sku !== null)
      clean.push([
        i,
        r.sku,
        r.design,
        r.stock,
        r.category === null ? null : titleCase(r.category),
        r.size,
        r.color === null ? null : titleCase(r.color),
      ]);
  });
  for (let n = 0; n < p.emptyTrailingRows; n++) lines.push(`${rows.length + n},,,,,,`);
  return { text: csvText(lines, false), rawRows: rows.length + p.emptyTrailingRows, clean };
}

export interface PriceFiles {
  march2021: SideFile;
  may2022: SideFile;
}

/**
 * P  L March 2021.csv and May-2022.csv: one row per SKU of the best-selling styles (Amazon SKU codes, so they join),
 * then legacy 'Os…' styles with 'Nill' catalog fields, 'Nill' MRPs on some rows and '#VALUE!' transfer prices.
 */
export function priceFiles(profile: SampleProfile, catalog: CatalogStyle[], seed: number): PriceFiles {
  const rng = createRng(seed, 'price-list');
  const p = profile.priceList;
  const weightKg: Record<string, number> = { Kurta: 0.3, 'Kurta Set': 0.4, Tops: 0.2, Gown: 0.3 };
  type Item = {
    sku: string;
    styleId: string;
    catalog: string;
    category: string;
    weight: string;
    tp: number | string;
    tp2: number | string;
    mrpOld: number | string;
    finalMrp: number | string;
    mrps: (number | string)[];
    mayMrps: (number | string)[];
    mayFinal: number | string;
  };
  const mrpOf = (price: number): number => Math.ceil((price * p.mrpToPrice) / 100) * 100 - 5;
  const items: Item[] = [];
  const target = Math.round(p.rows * (1 - p.legacyShare));
  const byPopularity = [...catalog].sort((a, b) => b.weight - a.weight);
  const makeItem = (
    sku: string,
    styleId: string,
    catalogName: string,
    category: string,
    weight: string,
    price: number,
    nill: boolean,
  ): Item => {
    const final = mrpOf(price);
    const old = rng.chance(0.7) ? final : final - 100 * rng.int(1, 3);
    const tp = Math.round(final * p.transferPriceShare);
    const mrps = Array.from({ length: 8 }, (_, m) =>
      nill
        ? 'Nill'
        : m === 4 && rng.chance(0.1)
          ? final + 100
          : m === 5 && rng.chance(0.05)
            ? final - 300
            : final,
    );
    const repriced = rng.chance(p.repricedShare);
    const mayFinal = repriced ? final + 100 : final;
    return {
      sku,
      styleId,
      catalog: catalogName,
      category,
      weight,
      tp,
      tp2: Math.round(tp * p.transferPrice2Share * 100) / 100,
      mrpOld: nill ? 'Nill' : old,
      finalMrp: nill ? 'Nill' : final,
      mrps,
      mayMrps: mrps.map((m) => (typeof m === 'number' ? m + (repriced ? 100 : 0) : m)),
      mayFinal: nill ? 'Nill' : mayFinal,
    };
  };
  for (const style of byPopularity) {
    if (items.length + style.skus.length > target) break;
    const nill = rng.chance(p.nillMrpShare);
    const catalogName = rng.pick(p.catalogs);
    const category = style.category.priceListCategory;
    for (const sku of style.skus)
      items.push(
        makeItem(
          sku.sku,
          style.style,
          catalogName,
          category,
          String(weightKg[category] ?? 0.3),
          style.price,
          nill,
        ),
      );
  }
  items.sort((a, b) => (a.styleId < b.styleId ? -1 : a.styleId > b.styleId ? 1 : 0));
  // One style whose transfer price is a spreadsheet error.
  const errorSizes = ['S', 'M', 'L', 'XL', 'XXL', 'XXXL'].slice(0, p.valueErrorRows);
  const errorStyle = `Os${rng.int(1000, 1099)}`;
  for (const size of errorSizes) {
    const it = makeItem(`${errorStyle}_${size}`, errorStyle, 'Mix', 'Kurta Set', '0.4', 900, true);
    it.tp = '#VALUE!';
    it.tp2 = '#VALUE!';
    it.mrps[5] = 2895;
    it.mayMrps[5] = 2895;
    items.push(it);
  }
  while (items.length < p.rows) {
    const styleId = `Os${rng.int(100, 999)}_${rng.int(1000, 9999)}`;
    const price = rng.int(350, 900);
    for (const size of ['S', 'M', 'L', 'XL', '2XL']) {
      if (items.length >= p.rows) break;
      items.push(makeItem(`${styleId}_${size}`, styleId, 'Nill', 'Nill', 'Nill', price, false));
    }
  }
  const num = (v: number | string): number | null => (typeof v === 'number' ? v : null);
  const weightNum = (w: string): number | null => (Number.isFinite(Number(w)) ? Number(w) : null);
  const marchItems = items.slice(0, p.rows - 1);
  const marchLines = [headerLine(PRICE_MARCH_2021_HEADER)];
  const marchClean: CleanValue[][] = [];
  marchItems.forEach((it, i) => {
    const tp2 = typeof it.tp2 === 'number' ? sheetNumber(it.tp2) : it.tp2;
    marchLines.push(
      csvLine([
        i,
        it.sku,
        it.styleId,
        it.catalog,
        it.category,
        it.weight,
        it.tp,
        tp2,
        it.mrpOld,
        it.finalMrp,
        ...it.mrps,
      ] as RawCell[]),
    );
    marchClean.push([
      i,
      '2021-03-01',
      it.sku,
      it.styleId,
      nillToNull(it.catalog),
      nillToNull(it.category),
      weightNum(it.weight),
      num(it.tp),
      num(it.tp2),
      num(it.mrpOld),
      num(it.finalMrp),
      ...it.mrps.map(num),
    ]);
  });
  const mayLines = [headerLine(PRICE_MAY_2022_HEADER)];
  const mayClean: CleanValue[][] = [];
  items.forEach((it, i) => {
    mayLines.push(
      csvLine([
        i,
        it.sku,
        it.styleId,
        it.catalog,
        it.category,
        it.weight,
        it.tp,
        it.mrpOld,
        it.mayFinal,
        ...it.mayMrps,
      ] as RawCell[]),
    );
    mayClean.push([
      i,
      '2022-05-01',
      it.sku,
      it.styleId,
      nillToNull(it.catalog),
      nillToNull(it.category),
      weightNum(it.weight),
      num(it.tp),
      null,
      num(it.mrpOld),
      num(it.mayFinal),
      ...it.mayMrps.map(num),
    ]);
  });
  return {
    // The real March file ends without a line break; the May file ends with one.
    march2021: { text: csvText(marchLines, false), rawRows: marchItems.length, clean: marchClean },
    may2022: { text: csvText(mayLines, true), rawRows: items.length, clean: mayClean },
  };
}

function nillToNull(s: string): string | null {
  return s === 'Nill' ? null : s;
}

const monthLabel = (d: Date): string =>
  `${MONTH_NAMES[d.getUTCMonth()]}-${String(d.getUTCFullYear() % 100).padStart(2, '0')}`;

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
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
  const customers: [string, number][] = [];
  const seen = new Set<string>();
  for (let i = 0; customers.length < p.customers && i < p.customers * 50; i++) {
    const name = `${rng.pick(NAME_PARTS.map((n) => [n, 1] as const))} ${rng.pick(NAME_ENDS.map((n) => [n, 1] as const))}`;
    if (seen.has(name)) continue;
    seen.add(name);
    customers.push([name, 1 / (customers.length + 1)]);
  }
  const pickStyle = weightedSampler(
    rng,
    catalog.map((s) => [s, s.weight] as const),
  );
  const pickCustomer = weightedSampler(rng, customers);
  // Scales with the Amazon rows, capped so the 10M/100M-row scale runs do not build millions of JS rows.
  const firstRows = Math.min(
    p.maxFirstSectionRows,
    Math.max(20, Math.round(amazonRows * p.rowsPerAmazonRow)),
  );
  // Dates as UTC day numbers with their text forms memoised (a few hundred distinct days, up to 200k lines).
  type Day = { time: number; mmddyy: string; iso: string; label: string; month: string };
  const dayCache = new Map<number, Day>();
  const dayOf = (y: number, m: number, d: number): Day => {
    const time = Date.UTC(y, m - 1, d);
    let day = dayCache.get(time);
    if (!day) {
      const date = new Date(time);
      day = {
        time,
        mmddyy: mmddyy(date),
        iso: isoDate(date),
        label: monthLabel(date),
        month: isoDate(new Date(Date.UTC(y, m - 1, 1))),
      };
      dayCache.set(time, day);
    }
    return day;
  };
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
  type Line = {
    date: Day;
    key: number;
    customer: string;
    style: string;
    sku: string | null;
    size: string;
    pcs: number;
    rate: number;
    gross: number;
  };
  const lines: Line[] = [];
  for (let n = 0; n < firstRows; n++) {
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
    lines.push({
      date,
      key,
      customer,
      style: style.style,
      sku: rng.chance(p.blankSkuShare) ? null : sku.sku,
      size: sku.skuSize === 'FREE' ? 'Free' : sku.skuSize,
      pcs,
      rate,
      gross,
    });
  }
  lines.sort((a, b) => a.key - b.key);
  const out = [headerLine(INTERNATIONAL_HEADER)];
  const clean: CleanValue[][] = [];
  let index = 0;
  for (const l of lines) {
    out.push(
      csvLine([
        index,
        l.date.mmddyy,
        l.date.label,
        l.customer,
        l.style,
        l.sku,
        l.size,
        l.pcs,
        sheetNumber(l.rate),
        sheetNumber(l.gross),
      ]),
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
    out.push(
      csvLine([
        index++,
        l.customer,
        l.date.mmddyy,
        l.date.label,
        l.style,
        l.sku,
        l.pcs,
        sheetNumber(l.rate),
        sheetNumber(l.gross),
        rng.int(0, 60),
      ]),
    );
  }
  return { text: csvText(out, false), rawRows: index, clean };
}
