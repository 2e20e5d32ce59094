import type { CliIo } from './cli/types.js';
import type { Config } from './config/config.js';
import type { Assistant } from './agent/answer.js';
import { createAssistant } from './agent/create-assistant.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { configuredSecrets } from './observability/redact.js';
import { createKvStore } from './state/create-kv-store.js';
import type { KvStore } from './state/kv-store.js';
import { openWarehouse } from './warehouse/open-warehouse.js';
import type { Warehouse } from './warehouse/types.js';

/**
 * The composition root: the only place that builds clients (DuckDB, Redis, OpenAI, Slack) and wires them.
 * Everything else receives what it needs as arguments.
 */
export interface Services {
  config: Config;
  logger: Logger;
  /** Prometheus metrics (one registry per process); record through the helpers in observability/metrics.ts. */
  metrics: Metrics;
  warehouse: Warehouse;
  kv: KvStore;
  assistant: Assistant;
  close(): Promise<void>;
}

export interface ServiceOptions {
  io?: CliIo;
  verbose?: boolean;
  logger?: Logger;
  /** A long-running server (serve/start): keep LOG_LEVEL as configured instead of quieting it for the terminal. */
  server?: boolean;
}

export async function createServices(config: Config, options: ServiceOptions = {}): Promise<Services> {
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
  const metrics = createMetrics();
  const warehouse = await openWarehouse(config, logger, {
    onNotice: (line) => options.io?.stderr.write(`${line}\n`),
  });
  const kv = createKvStore(config, logger, { localUse: !options.server });
  const assistant = createAssistant({ config, logger, warehouse, kv });
  return {
    config,
    logger,
    metrics,
    warehouse,
    kv,
    assistant,
    async close() {
      await kv.close().catch(() => undefined);
      await warehouse.close().catch(() => undefined);
    },
  };
}
