import type { Config } from '../config/config.js';
import { AppError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import type { KvStore } from '../state/kv-store.js';
import type { Warehouse } from '../warehouse/types.js';
import type { Assistant } from './answer.js';

export interface AssistantDeps {
  config: Config;
  logger: Logger;
  warehouse: Warehouse;
  kv: KvStore;
}

/** Placeholder: wires the resolvers, the graph, the cache, charts and thread state into the Assistant use case. */
export function createAssistant(_deps: AssistantDeps): Assistant {
  throw new AppError('INTERNAL', 'The assistant is not built yet.');
}
