import { createRng } from './prng.js';
import type { CategoryProfile, SampleProfile } from './sample-profile.js';

/** One sellable SKU (a style in one size) of the generated product catalog. */
export interface CatalogSku {
  sku: string;
  /** Size as the Amazon file writes it ('3XL', 'Free'). */
  size: string;
  /** Size as the SKU code and the inventory write it ('XXXL', 'FREE'). */
  skuSize: string;
  asin: string;
  /** Share of all Amazon order lines. */
  weight: number;
}

export interface CatalogStyle {
  style: string;
  category: CategoryProfile;
  /** Typical Amazon unit price in INR. */
  price: number;
  /** Share of all Amazon order lines. */
  weight: number;
  color: string;
  inventoryCategory: string;
  skus: CatalogSku[];
}

const MAIN_SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL', '3XL'];
const EXTENDED_SIZES = ['4XL', '5XL', '6XL'];
const ASIN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function skuSizeOf(size: string): string {
  if (size === '3XL') return 'XXXL';
  if (size === 'Free') return 'FREE';
  return size;
}

/**
 * Builds the catalog every generated file shares, so that Amazon SKUs and styles join to the inventory, the price
 * lists and the international file. Styles get a lognormal price around their category's median and a Zipf
 * popularity; each style is offered in most of the main sizes and sometimes in the extended ones.
 */
export function buildCatalog(profile: SampleProfile, seed: number): CatalogStyle[] {
  const rng = createRng(seed, 'catalog');
  const usedNumbers = new Map<string, Set<number>>();
  const usedAsins = new Set<string>();
  const sizeShare = new Map<string, number>(profile.sizes.map(([s, w]) => [s, w]));
  const styles: CatalogStyle[] = [];

  const nextCode = (prefix: string, digits: number): string => {
    const used = usedNumbers.get(prefix) ?? new Set<number>();
    usedNumbers.set(prefix, used);
    const span = digits === 3 ? 900 : 4000;
    const base = digits === 3 ? 1 : prefix === 'MEN' ? 5000 : prefix.endsWith('JNE') ? 1000 : 1;
    for (;;) {
      const n = base + rng.int(0, span - 1);
      if (!used.has(n)) {
        used.add(n);
        return `${prefix}${String(n).padStart(digits, '0')}`;
      }
    }
  };
  const nextAsin = (): string => {
    for (;;) {
      let s = 'B0';
      for (let i = 0; i < 8; i++) s += ASIN_CHARS[rng.int(0, ASIN_CHARS.length - 1)];
      if (!usedAsins.has(s)) {
        usedAsins.add(s);
        return s;
      }
    }
  };

  const categoryTotal = profile.categories.reduce((sum, c) => sum + c.share, 0);
  for (const category of profile.categories) {
    const sigma = Math.max(0.01, Math.log(category.priceP90 / category.priceP10) / (2 * 1.2816));
    const ranks = Array.from({ length: category.styles }, (_, i) => 1 / Math.pow(i + 1, profile.styleZipf));
    const rankTotal = ranks.reduce((a, b) => a + b, 0);
    for (let r = 0; r < category.styles; r++) {
      const code = rng.pick(category.codes.map((c) => [c, c.share] as const));
      const style = nextCode(code.prefix, code.digits);
      // List price a little above the observed median: discounts and Amount = 0 lines pull the mean back down.
      const price = Math.max(
        99,
        Math.round(category.priceP50 * profile.listPriceUplift * Math.exp(sigma * rng.normal())),
      );
      const sizes = category.sizes
        ? [...category.sizes]
        : [
            ...MAIN_SIZES.filter((s) => s === 'M' || s === 'L' || rng.chance(0.8)),
            ...EXTENDED_SIZES.filter(() => rng.chance(0.1)),
          ];
      const weight = (category.share / categoryTotal) * (ranks[r]! / rankTotal);
      const sizeTotal = sizes.reduce((sum, s) => sum + (sizeShare.get(s) ?? 0.01), 0);
      const infix = code.infix;
      styles.push({
        style,
        category,
        price,
        weight,
        color: rng.pick(profile.inventory.colors),
        inventoryCategory: rng.pick(category.inventoryCategories),
        skus: sizes.map((size) => ({
          sku: `${style}${infix}-${skuSizeOf(size)}`,
          size,
          skuSize: skuSizeOf(size),
          asin: nextAsin(),
          weight: (weight * (sizeShare.get(size) ?? 0.01)) / sizeTotal,
        })),
      });
    }
  }
  return styles;
}
