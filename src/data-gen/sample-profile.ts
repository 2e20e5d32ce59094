import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYaml } from '../semantic/yaml-text.js';
import { z } from 'zod';
import { AppError } from '../errors.js';

/**
 * The generator's profile lives in data/sample-profile.yml (distributions of the retailer's Amazon.in export, with
 * how each figure was derived). This module validates it: a typo in the file fails when the generator starts, not
 * as a silently skewed sample. The caller loads it once and passes it to the generator's parts.
 */

const share = z.number().nonnegative();
const count = z.number().int().nonnegative();
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** A value with its (unnormalised) weight. */
function weighted<T extends z.ZodType>(value: T) {
  return z.array(z.tuple([value, share]).readonly()).readonly();
}

const fulfilment = z.enum(['Amazon', 'Merchant']);

const CategorySchema = z.object({
  /** As written in the Amazon file (the real file has lower-case 'kurta'). */
  name: z.string().min(1),
  share,
  /** Distinct styles sold (sets the catalog size). */
  styles: count,
  /** Unit price quantiles in INR. */
  priceP10: z.number().positive(),
  priceP50: z.number().positive(),
  priceP90: z.number().positive(),
  codes: z
    .array(z.object({ prefix: z.string().min(1), digits: count, share, infix: z.string() }))
    .min(1)
    .readonly(),
  /** Only these sizes (e.g. sarees are Free size); default: the global size mix. */
  sizes: z.array(z.string().min(1)).readonly().optional(),
  inventoryCategories: weighted(z.string().min(1)),
  priceListCategory: z.string().min(1),
});

const StateSchema = z.object({
  state: z.string().min(1),
  sharePct: share,
  spellings: weighted(z.string().min(1)),
  /** City, share of the state's lines, 3-digit PIN prefix. */
  cities: z.array(z.tuple([z.string().min(1), share, z.string().regex(/^\d{3}$/)]).readonly()).readonly(),
});

export const SampleProfileSchema = z
  .object({
    amazonRows: count,
    firstDate: isoDay,
    lastDate: isoDay,
    firstDayLines: count,
    lastDayLines: count,
    weeklyLinesPerDay: z.array(z.number().positive()).min(1).readonly(),
    dayOfWeekFactor: z.array(z.number().positive()).length(7).readonly(),
    linesPerOrder: weighted(z.number().int().positive()),
    orderIdPrefixes: weighted(z.string().regex(/^\d{3}$/)),
    channels: z
      .array(
        z.object({
          fulfilment,
          salesChannel: z.string(),
          serviceLevel: z.string(),
          fulfilledBy: z.string(),
          share,
        }),
      )
      .min(1)
      .readonly(),
    /** Status, courier status, share. */
    statusByFulfilment: z.record(
      fulfilment,
      z.array(z.tuple([z.string(), z.string(), share]).readonly()).readonly(),
    ),
    amounts: z.object({
      cancelledAmazonQtyZero: share,
      cancelledMerchantBlank: share,
      otherBlank: share,
      otherBlankQtyZero: share,
      otherZeroAmount: share,
      qty: weighted(z.number().int().positive()),
      listPriceShare: share,
      maxDiscount: share,
    }),
    b2bShare: share,
    unnamed22: z.object({ allFalseFrom: isoDay, partialDay: isoDay, partialDayShare: share }),
    missingAddressShare: share,
    cityCasing: weighted(z.enum(['upper', 'title', 'lower'])),
    promotions: z.record(fulfilment, weighted(z.enum(['core', 'none', 'duplicated', 'coupon', 'plcc']))),
    corePromotion: z.string().min(1),
    plccIdsMean: count,
    plccListVariants: count,
    couponVariants: count,
    duplicatedVariants: count,
    sizes: weighted(z.string().min(1)),
    categories: z.array(CategorySchema).min(1).readonly(),
    styleZipf: z.number().nonnegative(),
    listPriceUplift: z.number().positive(),
    states: z.array(StateSchema).min(1).readonly(),
    inventory: z.object({
      catalogCoverage: share,
      extraShare: share,
      rowsWithoutSku: count,
      emptyTrailingRows: count,
      zeroStockShare: share,
      stockMedian: z.number().positive(),
      stockSigma: z.number().positive(),
      colors: weighted(z.string().min(1)),
    }),
    priceList: z.object({
      rows: count,
      legacyShare: share,
      catalogs: weighted(z.string().min(1)),
      mrpToPrice: z.number().positive(),
      transferPriceShare: share,
      transferPrice2Share: share,
      nillMrpShare: share,
      valueErrorRows: count,
      repricedShare: share,
    }),
    international: z.object({
      rowsPerAmazonRow: share,
      maxFirstSectionRows: count,
      skuBlockShare: share,
      secondSectionShare: share,
      customers: count,
      months: weighted(z.string().regex(/^\d{4}-\d{2}$/)),
      pcs: weighted(z.number().int().positive()),
      blankSkuShare: share,
      shippingShare: share,
      rateToPrice: z.number().positive(),
    }),
  })
  .strict();

export type SampleProfile = z.infer<typeof SampleProfileSchema>;
export type CategoryProfile = SampleProfile['categories'][number];
export type Weighted<T> = readonly [T, number];

/** data/sample-profile.yml next to the package root, from src/data-gen (tsx) or dist/data-gen (compiled). */
export function defaultSampleProfilePath(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'sample-profile.yml');
}

export function parseSampleProfile(text: string, origin = 'sample profile'): SampleProfile {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `The ${origin} is not valid YAML.`, { cause: error });
  }
  const parsed = SampleProfileSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new AppError('CONFIG_INVALID', `The ${origin} is invalid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function loadSampleProfile(path: string = defaultSampleProfilePath()): SampleProfile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `The sample profile ${path} could not be read.`, { cause: error });
  }
  return parseSampleProfile(text, `sample profile ${path}`);
}
