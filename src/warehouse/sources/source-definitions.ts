import { amazonSales } from './amazon-sales.js';
import { internationalSales } from './international-sales.js';
import { inventory } from './inventory.js';
import { priceList } from './price-list.js';
import { tableDdl, type SourceDefinition } from './source-definition.js';

/**
 * Every data source the app knows, in the order they are listed to users. Adding a source: a definition file
 * beside these (see source-definition.ts), its entry here, its metrics and dimensions in data/catalog.yml.
 */
export const SOURCE_DEFINITIONS = [amazonSales, internationalSales, inventory, priceList] as const;

export type SourceName = (typeof SOURCE_DEFINITIONS)[number]['name'];
export const SOURCE_NAMES = SOURCE_DEFINITIONS.map((d) => d.name) as unknown as readonly [
  SourceName,
  ...SourceName[],
];

export function sourceDefinition(name: SourceName): SourceDefinition<SourceName> {
  return SOURCE_DEFINITIONS.find((d) => d.name === name)!;
}

/** Clean tables and views, documented (schema(), load checks). */
export const CLEAN_TABLES: readonly string[] = SOURCE_DEFINITIONS.flatMap((d) => [
  d.name,
  ...(d.views ?? []).map((v) => v.name),
]);

/**
 * DDL of the clean tables and their views. The tables are created empty before any file is loaded, so the schema
 * is stable even when a file is missing.
 */
export const CLEAN_TABLE_DDL = SOURCE_DEFINITIONS.map((d) => tableDdl(d)).join('\n');

type Partitioned = (typeof SOURCE_DEFINITIONS)[number] & {
  partitioning: { kind: 'hive-month'; dateColumn: string };
};

/**
 * As Parquet, one source is hive-partitioned by month (the orders: DATA_SOURCE=parquet:<glob> names its files) and
 * the others are one file (or folder) each beside it. A second partitioned source would need a second glob.
 */
export const PARTITIONED_SOURCE: Partitioned = onlyPartitioned();
export const SINGLE_FILE_SOURCES = SOURCE_DEFINITIONS.filter((d) => d.partitioning.kind === 'single');

function onlyPartitioned(): Partitioned {
  const partitioned = SOURCE_DEFINITIONS.filter(
    (d): d is Partitioned => d.partitioning.kind === 'hive-month',
  );
  if (partitioned.length !== 1) throw new Error('Exactly one source definition must be hive-partitioned.');
  return partitioned[0]!;
}
