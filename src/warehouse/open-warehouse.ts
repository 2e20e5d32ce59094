import type { Config } from '../config/config.js';
import { AppError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import type { Warehouse } from './types.js';

export interface OpenWarehouseHooks {
  /** Lines a person should see (e.g. "Generating a sample data set into …"), written to stderr by the CLI. */
  onNotice?: (line: string) => void;
}

/** Placeholder: loads DATA_DIR (or a generated sample) into a persisted, locked-down DuckDB. */
export async function openWarehouse(
  _config: Config,
  _logger: Logger,
  _hooks: OpenWarehouseHooks = {},
): Promise<Warehouse> {
  throw new AppError('INTERNAL', 'The warehouse is not built yet.');
}
