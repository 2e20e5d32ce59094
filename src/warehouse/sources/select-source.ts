import type { BuildSettings } from '../csv/build-from-csv.js';
import { csvDirectorySource } from './csv-directory-source.js';
import { parseDataSource } from './data-source-spec.js';
import { duckdbFileSource } from './duckdb-file-source.js';
import { parquetSource } from './parquet-source.js';
import type { WarehouseSource } from './source.js';

/** DATA_SOURCE (kind:location) → the source that builds the clean tables. */
export function selectDataSource(dataSource: string, settings: BuildSettings): WarehouseSource {
  const spec = parseDataSource(dataSource);
  switch (spec.kind) {
    case 'csv':
      return csvDirectorySource(spec.dir, settings);
    case 'parquet':
      return parquetSource({ ordersGlob: spec.ordersGlob, root: spec.root }, settings);
    case 'duckdb':
      return duckdbFileSource(spec.path, settings);
  }
}
