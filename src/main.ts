import type { CliIo } from './cli/types.js';
import type { Config } from './config/config.js';
import type { Assistant } from './agent/answer.js';
import { createLogger, type Logger } from './observability/logger.js';
import type { Metrics } from './observability/metrics.js';
import { configuredSecrets } from './observability/redact.js';
import type { KvStore } from './state/kv-store.js';
import type { Warehouse } from './warehouse/types.js';

/**
 * The composition root: the only place that builds clients (DuckDB, Redis, OpenAI, Slack) and wires them.
 * Everything else receives what it needs as arguments.
 *
 * Each layer is imported when it is built (dynamic import()), so a command pays only for what it uses: `schema`
 * opens the warehouse without loading the agent graph, the LLM client, the chart renderer or Redis.
 */
export interface WarehouseServices {
  config: Config;
  logger: Logger;
  warehouse: Warehouse;
  close(): Promise<void>;
}

export interface Services extends WarehouseServices {
  /** Prometheus metrics (one registry per process); record through the helpers in observability/metrics.ts. */
  metrics: Metrics;
  kv: KvStore;
  assistant: Assistant;
}

export interface ServiceOptions {
  io?: CliIo;
  verbose?: boolean;
  logger?: Logger;
  /** A long-running server (serve/start): keep LOG_LEVEL as configured instead of quieting it for the terminal. */
  server?: boolean;
}

/** Config, logger and the opened warehouse: all that `schema`, `sql` and `stats` need. */
export async function createWarehouseServices(
  config: Config,
  options: ServiceOptions = {},
): Promise<WarehouseServices> {
  const logger =
    options.logger ??
    createLogger({
      level: options.verbose
        ? 'debug'
        : config.LOG_LEVEL === 'info' && options.io && !options.server
          ? 'warn'
          : config.LOG_LEVEL,
      pretty: Boolean(process.stderr.isTTY),
      secrets: configuredSecrets(config),
    });
  const { openWarehouse } = await import('./warehouse/open-warehouse.js');
  const warehouse = await openWarehouse(config, logger, {
    onNotice: (line) => options.io?.stderr.write(`${line}\n`),
  });
  return { config, logger, warehouse, close: () => warehouse.close().catch(() => undefined) };
}

/** Everything, the Assistant included. */
export async function createServices(config: Config, options: ServiceOptions = {}): Promise<Services> {
  const preloading = preloadAssistant();
  const base = await createWarehouseServices(config, options);
  await preloading;
  return addAssistant(base, options);
}

const importAssistantModules = () =>
  Promise.all([
    import('./agent/create-assistant.js'),
    import('./state/create-kv-store.js'),
    import('./observability/metrics.js'),
    import('./semantic/profile-cache.js'),
    import('./agent/planner-files.js'),
    import('./warehouse/cache.js'),
  ]);

/**
 * Starts loading the Assistant's code (the agent graph, the planner: the largest part of a command's start-up)
 * while DuckDB opens the warehouse on its own threads; addAssistant then finds it loaded. Never rejects: a failed
 * import is reported by addAssistant, which imports again.
 */
export function preloadAssistant(): Promise<void> {
  return importAssistantModules().then(
    () => undefined,
    () => undefined,
  );
}

/** Builds the rest on services that already have the warehouse open (a command that needs both opens it once). */
export async function addAssistant(base: WarehouseServices, options: ServiceOptions = {}): Promise<Services> {
  const { config, logger, warehouse } = base;
  const [
    { createAssistant },
    { createKvStore },
    { createMetrics },
    { persistedDataProfile },
    { cachedCatalog, cachedCues },
    { resolveCacheDir },
  ] = await importAssistantModules();
  const metrics = createMetrics();
  const kv = createKvStore(config, logger, { localUse: !options.server });
  const cacheDir = resolveCacheDir(config.CACHE_DIR);
  const catalog = cachedCatalog(cacheDir, logger);
  const assistant = createAssistant({
    config,
    logger,
    warehouse,
    kv,
    catalog,
    cues: cachedCues(cacheDir, logger),
    loadProfile: (catalog) => persistedDataProfile({ config, warehouse, catalog, logger }),
  });
  return {
    ...base,
    metrics,
    kv,
    assistant,
    async close() {
      await kv.close().catch(() => undefined);
      await base.close();
    },
  };
}
