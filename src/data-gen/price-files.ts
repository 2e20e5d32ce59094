import type { CatalogStyle } from './catalog.js';
import { csvLine, csvText, sheetNumber, type RawCell } from './csv-text.js';
import { createRng, type Rng } from './prng.js';
import { headerLine, PRICE_MARCH_2021_HEADER, PRICE_MAY_2022_HEADER } from './raw-headers.js';
import type { SampleProfile } from './sample-profile.js';
import type { CleanValue, SideFile } from './side-files.js';

export interface PriceFiles {
  march2021: SideFile;
  may2022: SideFile;
}

type PriceProfile = SampleProfile['priceList'];

/** One SKU's row of both price lists (raw cells: 'Nill' and '#VALUE!' are kept as the files write them). */
interface PriceItem {
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
}

/** What a price row is made from: the SKU, its catalog fields and selling price, and whether its MRPs are 'Nill'. */
interface ItemSource {
  sku: string;
  styleId: string;
  catalog: string;
  category: string;
  weight: string;
  price: number;
  nill: boolean;
}

const WEIGHT_KG: Record<string, number> = { Kurta: 0.3, 'Kurta Set': 0.4, Tops: 0.2, Gown: 0.3 };

/**
 * P  L March 2021.csv and May-2022.csv: one row per SKU of the best-selling styles (Amazon SKU codes, so they join),
 * then legacy 'Os…' styles with 'Nill' catalog fields, 'Nill' MRPs on some rows and '#VALUE!' transfer prices.
 */
export function priceFiles(profile: SampleProfile, catalog: CatalogStyle[], seed: number): PriceFiles {
  const rng = createRng(seed, 'price-list');
  const p = profile.priceList;
  const items = [...bestSellerItems(rng, p, catalog), ...valueErrorItems(rng, p)];
  items.push(...legacyItems(rng, p, items.length));
  return {
    // The real March file ends without a line break; the May file ends with one.
    march2021: marchFile(items.slice(0, p.rows - 1)),
    may2022: mayFile(items),
  };
}

/** The SKUs of the best-selling styles, up to the non-legacy share of the rows, sorted by style. */
function bestSellerItems(rng: Rng, p: PriceProfile, catalog: CatalogStyle[]): PriceItem[] {
  const items: PriceItem[] = [];
  const target = Math.round(p.rows * (1 - p.legacyShare));
  const byPopularity = [...catalog].sort((a, b) => b.weight - a.weight);
  for (const style of byPopularity) {
    if (items.length + style.skus.length > target) break;
    const nill = rng.chance(p.nillMrpShare);
    const catalogName = rng.pick(p.catalogs);
    const category = style.category.priceListCategory;
    const weight = String(WEIGHT_KG[category] ?? 0.3);
    for (const sku of style.skus)
      items.push(
        priceItem(rng, p, {
          sku: sku.sku,
          styleId: style.style,
          catalog: catalogName,
          category,
          weight,
          price: style.price,
          nill,
        }),
      );
  }
  return items.sort((a, b) => (a.styleId < b.styleId ? -1 : a.styleId > b.styleId ? 1 : 0));
}

/** One style whose transfer price is a spreadsheet error. */
function valueErrorItems(rng: Rng, p: PriceProfile): PriceItem[] {
  const errorSizes = ['S', 'M', 'L', 'XL', 'XXL', 'XXXL'].slice(0, p.valueErrorRows);
  const styleId = `Os${rng.int(1000, 1099)}`;
  return errorSizes.map((size) => {
    const source = { styleId, catalog: 'Mix', category: 'Kurta Set', weight: '0.4', price: 900, nill: true };
    const it = priceItem(rng, p, { ...source, sku: `${styleId}_${size}` });
    it.tp = '#VALUE!';
    it.tp2 = '#VALUE!';
    it.mrps[5] = 2895;
    it.mayMrps[5] = 2895;
    return it;
  });
}

/** Legacy 'Os…' styles with 'Nill' catalog fields, until the file has its rows. */
function legacyItems(rng: Rng, p: PriceProfile, already: number): PriceItem[] {
  const items: PriceItem[] = [];
  while (already + items.length < p.rows) {
    const styleId = `Os${rng.int(100, 999)}_${rng.int(1000, 9999)}`;
    const price = rng.int(350, 900);
    for (const size of ['S', 'M', 'L', 'XL', '2XL']) {
      if (already + items.length >= p.rows) break;
      const nills = { catalog: 'Nill', category: 'Nill', weight: 'Nill' };
      items.push(priceItem(rng, p, { sku: `${styleId}_${size}`, styleId, ...nills, price, nill: false }));
    }
  }
  return items;
}

function priceItem(rng: Rng, p: PriceProfile, s: ItemSource): PriceItem {
  const final = Math.ceil((s.price * p.mrpToPrice) / 100) * 100 - 5;
  const old = rng.chance(0.7) ? final : final - 100 * rng.int(1, 3);
  const tp = Math.round(final * p.transferPriceShare);
  const mrps = Array.from({ length: 8 }, (_, m) =>
    s.nill
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
    sku: s.sku,
    styleId: s.styleId,
    catalog: s.catalog,
    category: s.category,
    weight: s.weight,
    tp,
    tp2: Math.round(tp * p.transferPrice2Share * 100) / 100,
    mrpOld: s.nill ? 'Nill' : old,
    finalMrp: s.nill ? 'Nill' : final,
    mrps,
    mayMrps: mrps.map((m) => (typeof m === 'number' ? m + (repriced ? 100 : 0) : m)),
    mayFinal: s.nill ? 'Nill' : mayFinal,
  };
}

const num = (v: number | string): number | null => (typeof v === 'number' ? v : null);
const weightNum = (w: string): number | null => (Number.isFinite(Number(w)) ? Number(w) : null);
const nillToNull = (s: string): string | null => (s === 'Nill' ? null : s);

/** The catalog fields both files' clean rows start with. */
const cleanHead = (i: number, month: string, it: PriceItem): CleanValue[] => [
  i,
  month,
  it.sku,
  it.styleId,
  nillToNull(it.catalog),
  nillToNull(it.category),
  weightNum(it.weight),
];

/** March 2021: a second transfer price, and no final line break. */
function marchFile(items: PriceItem[]): SideFile {
  const lines = [headerLine(PRICE_MARCH_2021_HEADER)];
  const clean: CleanValue[][] = [];
  items.forEach((it, i) => {
    const tp2 = typeof it.tp2 === 'number' ? sheetNumber(it.tp2) : it.tp2;
    const raw = [
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
    ];
    lines.push(csvLine([...raw, ...it.mrps] as RawCell[]));
    const prices = [num(it.tp), num(it.tp2), num(it.mrpOld), num(it.finalMrp), ...it.mrps.map(num)];
    clean.push([...cleanHead(i, '2021-03-01', it), ...prices]);
  });
  return { text: csvText(lines, false), rawRows: items.length, clean };
}

/** May 2022: the repriced MRPs, no second transfer price, and a final line break. */
function mayFile(items: PriceItem[]): SideFile {
  const lines = [headerLine(PRICE_MAY_2022_HEADER)];
  const clean: CleanValue[][] = [];
  items.forEach((it, i) => {
    const raw = [i, it.sku, it.styleId, it.catalog, it.category, it.weight, it.tp, it.mrpOld, it.mayFinal];
    lines.push(csvLine([...raw, ...it.mayMrps] as RawCell[]));
    const prices = [num(it.tp), null, num(it.mrpOld), num(it.mayFinal), ...it.mayMrps.map(num)];
    clean.push([...cleanHead(i, '2022-05-01', it), ...prices]);
  });
  return { text: csvText(lines, true), rawRows: items.length, clean };
}
