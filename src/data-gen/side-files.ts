import type { CatalogStyle } from './catalog.js';
import { csvLine, csvText } from './csv-text.js';
import { createRng } from './prng.js';
import { headerLine, INVENTORY_HEADER } from './raw-headers.js';
import type { SampleProfile } from './sample-profile.js';

/**
 * The small files (inventory here, both price lists in price-files.ts, the international file in
 * international-file.ts), generated in JS from the shared catalog. Each returns the raw CSV text (with the real
 * files' quirks) and the rows of the clean table the warehouse would load from it (for the Parquet output).
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
