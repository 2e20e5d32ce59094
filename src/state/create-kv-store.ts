import type { Config } from '../config/config.js';
import { AppError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import type { KvStore } from './kv-store.js';

/** Placeholder: Redis when REDIS_URL is set, memory otherwise (with a local-use-only warning). */
export function createKvStore(_config: Config, _logger: Logger): KvStore {
  throw new AppError('INTERNAL', 'The state store is not built yet.');
}
