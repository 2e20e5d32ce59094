import { AppError } from '../../errors.js';

/**
 * DATA_SOURCE: where the clean tables come from, as `kind:location`.
 *   csv:/dir                      the retailer's raw CSV exports (same as DATA_DIR)
 *   parquet:/root/amazon_sales/**\/*.parquet   clean-schema Parquet, the order table hive-partitioned by year/month;
 *   parquet:/root                 the same, the order files under /root/amazon_sales/
 *   parquet:s3://bucket/root/amazon_sales/**\/*.parquet   the same on object storage (httpfs)
 *   duckdb:/path/file.duckdb      an existing DuckDB database holding the clean tables
 *   duckdb:md:my_db               a MotherDuck database (the motherduck extension and MOTHERDUCK_TOKEN)
 * Locations are handed to DuckDB as they are: nothing here assumes the data is on the local disk.
 */
export type DataSourceSpec =
  | { kind: 'csv'; dir: string }
  | { kind: 'parquet'; ordersGlob: string; root: string }
  | { kind: 'duckdb'; path: string };

export const REMOTE_PREFIXES = [
  's3://',
  's3a://',
  'gs://',
  'gcs://',
  'r2://',
  'az://',
  'abfss://',
  'http://',
  'https://',
];

export function isRemoteLocation(location: string): boolean {
  return REMOTE_PREFIXES.some((p) => location.toLowerCase().startsWith(p));
}

export function parseDataSource(value: string): DataSourceSpec {
  const match = /^(csv|parquet|duckdb):(.+)$/i.exec(value.trim());
  if (!match)
    throw new AppError(
      'CONFIG_INVALID',
      `DATA_SOURCE "${value}" is not understood: use csv:/dir, parquet:/dir/amazon_sales/**/*.parquet (or parquet:/dir, or an s3:// URL) or duckdb:/path/file.duckdb (or duckdb:md:database).`,
    );
  const kind = match[1]!.toLowerCase();
  const location = match[2]!.trim();
  if (kind === 'csv') return { kind: 'csv', dir: location };
  if (kind === 'duckdb') return { kind: 'duckdb', path: location };
  return parquetSpec(location);
}

/**
 * A glob names the order files; the other tables (inventory, price_list, international_sales) are looked for
 * next to the order folder: `<root>/<table>.parquet` or `<root>/<table>/**\/*.parquet`.
 */
function parquetSpec(location: string): DataSourceSpec {
  const trimmed = location.replace(/\/+$/, '');
  if (!/[*?[]/.test(trimmed) && !trimmed.toLowerCase().endsWith('.parquet'))
    return { kind: 'parquet', ordersGlob: `${trimmed}/amazon_sales/**/*.parquet`, root: `${trimmed}/` };
  const firstWild = trimmed.search(/[*?[]/);
  const fixed = firstWild < 0 ? trimmed : trimmed.slice(0, firstWild);
  // The fixed part up to the last slash is the order folder (…/amazon_sales/); its parent is the root.
  const ordersDir = fixed.slice(0, fixed.lastIndexOf('/'));
  const root = ordersDir.slice(0, ordersDir.lastIndexOf('/') + 1);
  if (!root)
    throw new AppError(
      'CONFIG_INVALID',
      `DATA_SOURCE parquet glob "${location}" needs a folder for the order files, e.g. parquet:/data/amazon_sales/**/*.parquet.`,
    );
  return { kind: 'parquet', ordersGlob: trimmed, root };
}
