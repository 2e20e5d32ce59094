import type OpenAI from 'openai';
import type { Assistant } from './agent/answer.js';
import type { PreparedPlanner } from './agent/assistant-graph.js';
import type { LoadChartKit } from './agent/attach-chart.js';
import type { PlannerInputs } from './agent/planner-head-start.js';
import type { Resolver } from './agent/resolver/resolver.js';
import type { CueLexicon } from './agent/understanding/cues.js';
import type { CliIo } from './cli/types.js';
import { hasLlm, type Config } from './config/config.js';
import type { FeedbackStore } from './feedback/feedback-store.js';
import { createLogger, type Logger } from './observability/logger.js';
import type { Metrics } from './observability/metrics.js';
import { configuredSecrets } from './observability/redact.js';
import type { Catalog } from './semantic/catalog.js';
import type { DataProfile } from './semantic/data-profile.js';
import type { KvStore } from './state/kv-store.js';
import type { Warehouse } from './warehouse/types.js';

/**
 * The composition root: the only place that builds clients (DuckDB, Redis, OpenAI), stores and caches, the
 * catalog and the Assistant, and wires them. Everything else receives what it needs as arguments. The
 * long-running Slack app (its stores, scheduler, health routes and shutdown) is composed in src/server.ts.
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
  /** The metric and dimension vocabulary (data/catalog.yml) the Assistant answers with. */
  catalog: Catalog;
  assistant: Assistant;
}

export interface ServiceOptions {
  io?: CliIo;
  verbose?: boolean;
  logger?: Logger;
  /** A long-running server (serve/start): keep LOG_LEVEL as configured instead of quieting it for the terminal. */
  server?: boolean;
  /** Called with the data's fingerprint before DuckDB opens the warehouse (see OpenWarehouseHooks). */
  onFingerprint?: (fingerprint: string) => void;
}

/** What addAssistant can take from a head start (startAssistant). */
export interface AssistantOptions extends ServiceOptions {
  headStart?: AssistantHeadStart;
}

/** The process's root logger, as the services build it (quieter on a terminal unless --verbose or a server). */
export function createServiceLogger(config: Config, options: ServiceOptions): Logger {
  return (
    options.logger ??
    createLogger({
      level: options.verbose
        ? 'debug'
        : config.LOG_LEVEL === 'info' && options.io && !options.server
          ? 'warn'
          : config.LOG_LEVEL,
      pretty: Boolean(process.stderr.isTTY),
      secrets: configuredSecrets(config),
    })
  );
}

/** Config, logger and the opened warehouse: all that `schema`, `sql` and `stats` need. */
export async function createWarehouseServices(
  config: Config,
  options: ServiceOptions = {},
): Promise<WarehouseServices> {
  const logger = createServiceLogger(config, options);
  const { openWarehouse } = await import('./warehouse/open-warehouse.js');
  const warehouse = await openWarehouse(config, logger, {
    onNotice: (line) => options.io?.stderr.write(`${line}\n`),
    ...(options.onFingerprint ? { onFingerprint: options.onFingerprint } : {}),
  });
  return { config, logger, warehouse, close: () => warehouse.close().catch(() => undefined) };
}

/** Everything, the Assistant included. */
export async function createServices(config: Config, options: ServiceOptions = {}): Promise<Services> {
  const logger = createServiceLogger(config, options);
  const headStart = startAssistant(config, logger);
  const base = await createWarehouseServices(config, {
    ...options,
    logger,
    onFingerprint: headStart.onFingerprint,
  });
  return addAssistant(base, { ...options, headStart });
}

const importAssistantModules = () =>
  Promise.all([
    import('./agent/create-assistant.js'),
    import('./state/create-kv-store.js'),
    import('./state/thread-store.js'),
    import('./agent/cache/result-cache.js'),
    import('./observability/metrics.js'),
    import('./semantic/profile-cache.js'),
    import('./agent/planner-files.js'),
    import('./warehouse/cache.js'),
  ]);

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The Assistant's start-up work that needs no open warehouse, done while DuckDB opens it on its own threads
 * (otherwise the largest part of a command's start-up waits for the open, issue 15): its code is loaded, and once
 * the data's fingerprint is known (pass `onFingerprint` to createWarehouseServices), the catalog, the cue words and
 * the planner on the persisted data profile are prepared. Each part waits for the event loop's next turn first,
 * so the open's first step is already on DuckDB's threads. addAssistant takes what was prepared; whatever failed
 * here is done again there, and reported there.
 */
export interface AssistantHeadStart {
  onFingerprint(fingerprint: string): void;
  /** What was prepared; null when no fingerprint came or the preparing failed. Never rejects. */
  prepared(): Promise<PlannerInputs | null>;
}

export function startAssistant(config: Config, logger: Logger): AssistantHeadStart {
  void preloadAssistant();
  let inputs: Promise<PlannerInputs | null> | undefined;
  return {
    onFingerprint(fingerprint) {
      inputs = (async () => {
        await nextTurn();
        const [{ preparePlanner }, { resolveCacheDir }] = await Promise.all([
          import('./agent/planner-head-start.js'),
          import('./warehouse/cache.js'),
        ]);
        return preparePlanner(resolveCacheDir(config.CACHE_DIR), fingerprint, logger);
      })().catch(() => null);
    },
    prepared: () => inputs ?? Promise.resolve(null),
  };
}

/**
 * The head start's loading, a step per turn of the event loop, so that each step of the warehouse's open goes on
 * as soon as DuckDB has finished the one before instead of waiting behind all of it: the Assistant's code (the
 * agent graph first, the largest part), then ICU's collation and en-IN number formats, which load on first use
 * (~6 ms each) and every answer needs (its cache key sorts with localeCompare, its figures are formatted en-IN).
 */
const PRELOAD_STEPS: (() => unknown)[] = [
  () => import('./agent/graph.js'),
  () => import('./agent/understanding/planner.js'),
  importAssistantModules,
  () => 'a'.localeCompare('b'),
  () => new Intl.NumberFormat('en-IN').format(0),
];

async function preloadAssistant(): Promise<void> {
  for (const step of PRELOAD_STEPS) {
    await nextTurn();
    try {
      await step();
    } catch {
      // A failed import is reported by addAssistant, which imports again.
    }
  }
}

/** The catalog, from the cache folder's compiled copy when data/catalog.yml is unchanged. */
export async function loadServiceCatalog(config: Config, logger: Logger): Promise<Catalog> {
  const [{ cachedCatalog }, { resolveCacheDir }] = await Promise.all([
    import('./agent/planner-files.js'),
    import('./warehouse/cache.js'),
  ]);
  return cachedCatalog(resolveCacheDir(config.CACHE_DIR), logger);
}

/** Builds the rest on services that already have the warehouse open (a command that needs both opens it once). */
export async function addAssistant(
  base: WarehouseServices,
  options: AssistantOptions = {},
): Promise<Services> {
  const { config, logger, warehouse } = base;
  const [
    ,
    { createKvStore },
    ,
    ,
    { createMetrics },
    { persistedDataProfile },
    { cachedCues },
    { resolveCacheDir },
  ] = await importAssistantModules();
  // Only a server exposes the registry (/metrics): made on first use, not by every command.
  let metrics: Metrics | undefined;
  const kv = createKvStore(config, logger, { localUse: !options.server });
  const early = await options.headStart?.prepared();
  const catalog = early?.catalog ?? (await loadServiceCatalog(config, logger));
  const assistant = await buildAssistant({
    config,
    logger,
    warehouse,
    kv,
    catalog,
    cues: early?.cues ?? cachedCues(resolveCacheDir(config.CACHE_DIR), logger),
    loadProfile: (catalog) => persistedDataProfile({ config, warehouse, catalog, logger }),
    ...(early?.prepared ? { prepared: early.prepared } : {}),
  });
  return {
    ...base,
    get metrics() {
      return (metrics ??= createMetrics());
    },
    kv,
    catalog,
    assistant,
    async close() {
      await kv.close().catch(() => undefined);
      await base.close();
    },
  };
}

export interface AssistantParts {
  config: Config;
  logger: Logger;
  warehouse: Warehouse;
  /** Holds thread state and cached results. */
  kv: KvStore;
  /** Default: data/catalog.yml, read now. */
  catalog?: Catalog;
  /** The planner's cue words; default data/cues.yml. */
  cues?: CueLexicon;
  /** The OpenAI-compatible client (tests: theirs, or null for "no LLM"); default: from config, built on first use. */
  openai?: OpenAI | null;
  /** Replaces the resolver (tests, evaluation of one resolver in isolation). */
  resolver?: Resolver;
  /** Where the planner's data profile comes from (default: read from the data). */
  loadProfile?: (catalog: Catalog) => Promise<DataProfile>;
  /** The planner and its profile, already built on this catalog and cues (a head start); else built on first use. */
  prepared?: PreparedPlanner;
}

/** The Assistant with its thread store, result cache, OpenAI client and chart renderer (the last two lazily). */
export async function buildAssistant(parts: AssistantParts): Promise<Assistant> {
  const { config, logger, warehouse, kv } = parts;
  const [{ createAssistant }, { createThreadStore }, { createResultCache }, { loadCatalog }] =
    await Promise.all([
      import('./agent/create-assistant.js'),
      import('./state/thread-store.js'),
      import('./agent/cache/result-cache.js'),
      import('./semantic/catalog.js'),
    ]);
  return createAssistant({
    config,
    logger,
    warehouse,
    catalog: parts.catalog ?? loadCatalog(),
    ...(parts.cues ? { cues: parts.cues } : {}),
    ...(parts.resolver ? { resolver: parts.resolver } : {}),
    ...(parts.loadProfile ? { loadProfile: parts.loadProfile } : {}),
    ...(parts.prepared ? { prepared: parts.prepared } : {}),
    threads: createThreadStore(kv, { ttlSeconds: config.THREAD_TTL_SECONDS, logger }),
    cache: createResultCache({
      kv,
      fingerprint: warehouse.fingerprint,
      ttlSeconds: config.CACHE_TTL_SECONDS,
      logger,
    }),
    openaiClient:
      parts.openai !== undefined ? () => Promise.resolve(parts.openai ?? null) : lazyOpenAiClient(config),
    charts: lazyChartKit(),
  });
}

/**
 * The OpenAI-compatible client (OPENAI_API_KEY / OPENAI_BASE_URL), or null without one. The SDK is imported on
 * the first call: a process without an LLM never loads it. A failed import is tried again on the next call.
 */
export function lazyOpenAiClient(config: Config): () => Promise<OpenAI | null> {
  let client: Promise<OpenAI | null> | undefined;
  return () => {
    client ??= (async () => {
      if (!hasLlm(config)) return null;
      const { default: OpenAiClient } = await import('openai');
      return new OpenAiClient({
        // A local OpenAI-compatible server (OPENAI_BASE_URL) may need no key; the SDK insists on one.
        apiKey: config.OPENAI_API_KEY ?? 'not-needed',
        ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
        timeout: config.OPENAI_TIMEOUT_MS,
        maxRetries: 0,
      });
    })();
    client.catch(() => (client = undefined));
    return client;
  };
}

/** The chart renderer (vega, vega-lite, canvas) and its PNG cache, imported when the first chart is drawn. */
export function lazyChartKit(): LoadChartKit {
  let kit: ReturnType<LoadChartKit> | undefined;
  return () => {
    kit ??= import('./charts/index.js').then((lib) => ({ lib, pngCache: lib.createPngCache() }));
    kit.catch(() => (kit = undefined)); // retried on the next chart
    return kit;
  };
}

export interface FeedbackServices {
  feedback: FeedbackStore;
  close(): Promise<void>;
}

/** The feedback Slack users gave (the store at REDIS_URL), for `retail-insights feedback export`. */
export async function createFeedbackServices(
  config: Config,
  options: ServiceOptions = {},
): Promise<FeedbackServices> {
  const logger = createServiceLogger(config, options);
  const [{ createKvStore }, { createFeedbackStore }] = await Promise.all([
    import('./state/create-kv-store.js'),
    import('./feedback/feedback-store.js'),
  ]);
  const kv = createKvStore(config, logger, { localUse: true });
  try {
    // An unreachable REDIS_URL is said at once, not as an empty export.
    await kv.ping();
  } catch (error) {
    await kv.close().catch(() => undefined);
    throw error;
  }
  return { feedback: createFeedbackStore(kv), close: () => kv.close() };
}
