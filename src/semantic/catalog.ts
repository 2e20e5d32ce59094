import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYaml } from './yaml-text.js';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { pluralLabel } from './label-text.js';
import { SOURCES, type Source } from './plan.js';

/**
 * The semantic catalog: business vocabulary (metrics, dimensions, synonyms) over the clean tables, loaded from
 * data/catalog.yml. Metric SQL is trusted text written by us; it is validated here so a typo in the file fails at
 * start-up with the path of the bad entry, not as a wrong number later.
 */
const idPattern = /^[a-z][a-z0-9_]*$/;
/** The summary dashboard has room for this many KPI tiles in a row. */
export const MAX_SUMMARY_KPIS = 6;
const sourceEnum = z.enum(SOURCES);
const synonyms = z.array(z.string().min(1)).default([]);

/** How the "what data we have" sentence of refusals names a report: "Amazon.in orders (dates): revenue, … by category, …". */
const SourceDescribeSchema = z.object({
  /** The report in a sentence: "Amazon.in orders", "stock on hand". */
  subject: z.string().min(1),
  /** Dimensions it breaks down by, in the order said; each must live on the source. */
  by: z.array(z.string().regex(idPattern)).default([]),
  /** "by category" for reports of events; "per SKU" for one row per value (stock, prices). */
  word: z.enum(['by', 'per']).default('by'),
  /** Say the dates the data covers (orders, sales); a price list's months are not a coverage. */
  dates: z.boolean().default(true),
});

const SourceSchema = z.object({
  table: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a table name in snake_case'),
  label: z.string().min(1),
  dateColumn: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/)
    .optional(),
  description: z.string().min(1),
  /**
   * What one date of `dateColumn` stands for: a day (orders), or a month (a price list valid for a month, dated its
   * first day). A month-dated report covering "May" is not "1 of 31 days" of it.
   */
  dateGrain: z.enum(['day', 'month']).default('day'),
  /** "how many Tops are OOS?": what "how many" counts on this report when no measure is named (inventory: SKUs). */
  countedBy: z.string().regex(idPattern).optional(),
  /**
   * The table a share's total reads, when not `table`. Set by the rollup router only: orders per category come
   * from a rollup whose counts cannot be summed across categories, so the share's total reads another rollup.
   */
  shareTotalTable: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/)
    .optional(),
  describe: SourceDescribeSchema.optional(),
});

const MetricSchema = z.object({
  label: z.string().min(1),
  source: sourceEnum,
  sql: z
    .string()
    .min(1)
    .refine((s) => !/;|--|\/\*/.test(s), 'no semicolons or comments in a metric expression'),
  definition: z.string().min(1),
  format: z.enum(['inr', 'count', 'percent', 'number']),
  additive: z.boolean(),
  synonyms,
  /** The same measure on another report ("revenue" asked of the wholesale report is its gross amount). */
  sameAs: z.string().regex(idPattern).optional(),
  /** A rate of another metric ("GMV run rate" is revenue per day): the named base is not a second measure. */
  of: z.string().regex(idPattern).optional(),
  /**
   * A share of revenue held by one value ("B2B share"): "B2B share of units" is the same share of another measure,
   * read as that measure's share for the value.
   */
  shareOf: z
    .object({ dimension: z.string().regex(idPattern), value: z.boolean(), of: z.string().regex(idPattern) })
    .optional(),
  /** The same count as a rate ("make it a rate" after returned lines is the return rate). */
  asRate: z.string().regex(idPattern).optional(),
  /** A per-day figure: "daily" beside it names the measure, not a day-by-day series. */
  perDay: z.boolean().default(false),
  /** A rise is bad news (cancellations, returns): "worst" ranks highest first, a fall is coloured good. */
  lowerIsBetter: z.boolean().default(false),
  /** A count of one dimension's values: "how many SKUs" is this metric. */
  countOf: z.string().regex(idPattern).optional(),
  /**
   * A rate over a dimension's values ("cancellation rate" is cancelled lines over all statuses): a filter on that
   * dimension left by the thread ("cancelled orders") would make it 100 %, so switching to the rate drops it.
   */
  definedOver: z.array(z.string().regex(idPattern)).optional(),
  /**
   * An average per value of a dimension: "what does an average customer spend" is revenue per customer, one
   * number, not revenue by customer. `of` is the measure averaged (on this metric's source).
   */
  perValue: z.object({ of: z.string().regex(idPattern), dimension: z.string().regex(idPattern) }).optional(),
  /**
   * The order lines this metric counts, as a filter: "revenue excluding returns" excludes these lines rather than
   * asking for a second measure.
   */
  asFilter: z.object({ dimension: z.string(), values: z.array(z.string()).min(1) }).optional(),
  /**
   * The metric's words in the "what data we have" sentence ("cancellations"), listed in catalog order under its
   * source; a metric without it is not named there (it is still answered, and its definition shown).
   */
  describeAs: z.string().min(1).optional(),
});

/** How one value of a yes/no dimension reads: "B2B" in a table or chart, "for B2B orders" in a sentence. */
const BooleanValueSchema = z.object({
  label: z.string().min(1),
  phrase: z.string().min(1),
  /** Words that name this value in a question ("b2c", "retail orders"). */
  synonyms,
});

const DimensionSchema = z
  .object({
    label: z.string().min(1),
    /** Per source: the SQL expression of the column. Date grains use the source's dateColumn instead. */
    columns: z.partialRecord(sourceEnum, z.string().min(1)).default({}),
    grain: z.enum(['day', 'week', 'month']).optional(),
    type: z.enum(['string', 'boolean']).default('string'),
    /**
     * Yes/no dimensions only: what each value is called. Grouped rows then hold these labels instead of
     * true/false, so the table, chart, CSV and answer all say "B2B" and "Retail (B2C)".
     */
    values: z.object({ true: BooleanValueSchema, false: BooleanValueSchema }).optional(),
    profile: z.boolean().default(false),
    /**
     * Values known by their shape rather than looked up in the profile (an Amazon order ID, 171-1234567-1234567): a
     * dimension with too many values to profile, which a question names one at a time.
     */
    valuePattern: z.string().min(1).optional(),
    /** Most frequent N values kept in the data profile (cities, SKUs). */
    profileLimit: z.number().int().positive().default(200),
    /**
     * When a word is a value of several dimensions ("delhi": a state and a city), the lower number is read first;
     * the others stay as alternative readings.
     */
    valuePriority: z.number().int().nonnegative().default(50),
    /** A driver that "why?" breaks a result down by to show what moved it. */
    explains: z.boolean().default(false),
    /**
     * A yes/no or level that is a fixed threshold on a metric ("under 5 in stock", "out of stock"): a number the user
     * says replaces it, and a filter on another threshold of the same metric replaces it in a follow-up.
     */
    thresholdOf: z.string().regex(idPattern).optional(),
    /** A party that buys (customers, accounts): "top customer" with no measure means the biggest by revenue. */
    rankedBySize: z.boolean().default(false),
    /** A finer place inside another dimension's values (a city within a state): a follow-up naming one replaces the other. */
    within: z.string().regex(idPattern).optional(),
    /** Values in the order a person expects them (sizes XS…6XL): charts sort by it, "3XL and up" ranges over it. */
    valueOrder: z.array(z.string().min(1)).optional(),
    /**
     * The values' noun in the plural, for notes like "Top 15 of 37 states". Defaults to the label's plural
     * ("Category" → "categories"); set it where that reads wrong ("Order status" values are "statuses").
     */
    plural: z.string().min(1).optional(),
    synonyms,
  })
  .refine((d) => d.grain !== undefined || Object.keys(d.columns).length > 0, {
    message: 'a dimension needs columns (or a date grain)',
  })
  .refine((d) => !d.values || d.type === 'boolean', { message: 'values are for boolean dimensions' })
  .transform((d) => ({ ...d, plural: d.plural ?? pluralLabel(d.label) }));

/** The summary (weekly post, /retail-summary): its KPIs, compared with the period before, in tile order. */
const SummarySchema = z.object({
  kpis: z.array(z.string().regex(idPattern)).min(1).max(MAX_SUMMARY_KPIS),
});

/**
 * A subject the data does not hold. `words` are phrases that name it alone; `together` lists word sets that name it
 * only in combination (a duration word and a delivery word: "how many days did FBA orders take to be delivered"),
 * so a new phrasing of the same subject needs no new phrase.
 */
const OutOfScopeSchema = z
  .object({
    words: z.array(z.string().min(1)).default([]),
    together: z
      .array(z.array(z.string().min(1)).min(1))
      .min(2)
      .optional(),
    reason: z.string().min(1),
  })
  .refine((g) => g.words.length > 0 || g.together, { message: 'needs words or together' });

export const CatalogSchema = z
  .object({
    version: z.literal(1),
    sources: z.record(sourceEnum, SourceSchema),
    metrics: z.record(z.string().regex(idPattern), MetricSchema),
    dimensions: z.record(z.string().regex(idPattern), DimensionSchema),
    valueAliases: z
      .record(z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string()).min(1)])))
      .default({}),
    summary: SummarySchema,
    outOfScope: z.array(OutOfScopeSchema).default([]),
  })
  .superRefine((c, ctx) => {
    for (const [i, id] of c.summary.kpis.entries()) {
      // The summary's plans read the Amazon orders; a KPI must be one of their metrics, named once.
      if (c.metrics[id]?.source !== 'amazon_sales' || c.summary.kpis.indexOf(id) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['summary', 'kpis', i],
          message: `"${id}" is not a metric of amazon_sales, or is listed twice`,
        });
    }
    for (const [alias] of Object.entries(c.valueAliases)) {
      if (!(alias in c.dimensions)) {
        ctx.addIssue({
          code: 'custom',
          path: ['valueAliases', alias],
          message: `unknown dimension "${alias}"`,
        });
      }
    }
    for (const [id, source] of Object.entries(c.sources)) {
      for (const [i, dim] of (source.describe?.by ?? []).entries()) {
        const d = c.dimensions[dim];
        if (!d || (!d.grain && !(id in d.columns)))
          ctx.addIssue({
            code: 'custom',
            path: ['sources', id, 'describe', 'by', i],
            message: `"${dim}" is not a dimension of ${id}`,
          });
      }
    }
    for (const [id, m] of Object.entries(c.metrics)) {
      if (m.sql.includes("'") && (m.sql.split("'").length - 1) % 2 !== 0) {
        ctx.addIssue({ code: 'custom', path: ['metrics', id, 'sql'], message: 'unbalanced quotes' });
      }
      for (const field of ['of', 'sameAs', 'asRate'] as const) {
        const other = m[field];
        if (other !== undefined && !(other in c.metrics))
          ctx.addIssue({
            code: 'custom',
            path: ['metrics', id, field],
            message: `unknown metric "${other}"`,
          });
      }
      if (m.perValue && (!(m.perValue.of in c.metrics) || !(m.perValue.dimension in c.dimensions))) {
        ctx.addIssue({
          code: 'custom',
          path: ['metrics', id, 'perValue'],
          message: `unknown metric "${m.perValue.of}" or dimension "${m.perValue.dimension}"`,
        });
      }
    }
  });

export type Catalog = z.infer<typeof CatalogSchema>;
export type MetricDef = Catalog['metrics'][string];
export type DimensionDef = Catalog['dimensions'][string];
export type MetricFormat = MetricDef['format'];

/** data/catalog.yml next to the package root, from src/semantic (tsx) or dist/semantic (compiled). */
export function defaultCatalogPath(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'catalog.yml');
}

export function parseCatalog(text: string, origin = 'catalog'): Catalog {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `The semantic catalog ${origin} is not valid YAML.`, {
      cause: error,
    });
  }
  const parsed = CatalogSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new AppError('CONFIG_INVALID', `The semantic catalog ${origin} is invalid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function loadCatalog(path: string = defaultCatalogPath()): Catalog {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `The semantic catalog ${path} could not be read.`, { cause: error });
  }
  return parseCatalog(text, path);
}

/** A filter keeps only lines a metric's own filter picks: status Cancelled is the cancellations' lines. */
export function keepsLinesOf(
  metric: MetricDef | undefined,
  filter: { dimension: string; values: readonly (string | number | boolean)[] },
): boolean {
  const own = metric?.asFilter;
  return Boolean(
    own && filter.dimension === own.dimension && filter.values.every((v) => own.values.includes(String(v))),
  );
}

/** The SQL expression of a (non-date) dimension on a source, or undefined when it does not live there. */
export function dimensionColumn(catalog: Catalog, dimensionId: string, source: Source): string | undefined {
  const d = catalog.dimensions[dimensionId];
  if (!d) return undefined;
  if (d.grain) return catalog.sources[source]?.dateColumn;
  return d.columns[source];
}

/** Sources a dimension can be used on. */
export function dimensionSources(catalog: Catalog, dimensionId: string): Source[] {
  const d = catalog.dimensions[dimensionId];
  if (!d) return [];
  if (d.grain) return SOURCES.filter((s) => catalog.sources[s]?.dateColumn !== undefined);
  return SOURCES.filter((s) => d.columns[s] !== undefined);
}
