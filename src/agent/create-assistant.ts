import type OpenAI from 'openai';
import type * as ChartLib from '../charts/index.js';
import { hasLlm, type Config } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import { loadCatalog, type Catalog } from '../semantic/catalog.js';
import { buildDataProfile, type DataProfile } from '../semantic/data-profile.js';
import { createRollupRouter } from '../semantic/rollup-router.js';
import { CHART_TYPES, type Plan } from '../semantic/plan.js';
import type { KvStore } from '../state/kv-store.js';
import { createThreadStore } from '../state/thread-store.js';
import type { Warehouse } from '../warehouse/types.js';
import type { Answer, AskOptions, Assistant, SummaryRequest, ThreadState, Turn } from './answer.js';
import { emptyAnswer } from './answer-builders.js';
import { answerColumns } from './columns.js';
import {
  ellipsize,
  MAX_ECHO_CHARS,
  MAX_HEADLINE_CHARS,
  MAX_QUESTION_CHARS,
  tooLongMessage,
} from './bounded-text.js';
import { createResultCache } from './cache/result-cache.js';
import { buildAgentGraph, runAgentGraph, type AgentGraph } from './graph.js';
import type { Narrator } from './llm/narrator.js';
import { withOptionIds } from './pending-options.js';
import type { CueLexicon } from './understanding/cues.js';
import { emitProgress } from './progress.js';
import { createPlanner } from './understanding/planner.js';
import type { Resolver } from './resolver/resolver.js';
import type { AgentStateType } from './state.js';
import { summaryDashboardData } from './summary/summary-dashboard.js';
import { failedAnswer, nextThreadState, rerender, shownRows, toStored } from './thread-turn.js';

export interface AssistantDeps {
  config: Config;
  logger: Logger;
  warehouse: Warehouse;
  kv: KvStore;
  /**
   * The OpenAI-compatible client. Built here from config (OPENAI_API_KEY / OPENAI_BASE_URL) when absent; tests pass
   * their own (or null for "no LLM").
   */
  openai?: OpenAI | null;
  /** Replaces the resolver (tests, evaluation of one resolver in isolation). */
  resolver?: Resolver;
  catalog?: Catalog;
  /** The planner's cue words; read from data/cues.yml when absent. */
  cues?: CueLexicon;
  /**
   * Where the planner's data profile comes from: the composition root passes the one persisted with the warehouse
   * cache (src/semantic/profile-cache.ts); without it the profile is read from the data.
   */
  loadProfile?: (catalog: Catalog) => Promise<DataProfile>;
}

/**
 * The Assistant use case every surface calls: thread state in the KvStore, the agent graph, charts. Start-up work
 * (data profile for the planner) happens once, on first use. Every failure becomes an Answer with status 'error',
 * a kind message and a reference id; the details go to the log only.
 */
export function createAssistant(deps: AssistantDeps): Assistant {
  const { config, logger, warehouse, kv } = deps;
  const catalog = deps.catalog ?? loadCatalog();
  const threads = createThreadStore(kv, { ttlSeconds: config.THREAD_TTL_SECONDS, logger });
  const cache = createResultCache({
    kv,
    fingerprint: warehouse.fingerprint,
    ttlSeconds: config.CACHE_TTL_SECONDS,
    logger,
  });
  // The chart renderer (vega, vega-lite, canvas) and the OpenAI SDK are imported when first needed: an answer
  // without a chart, or a process without an LLM, never loads them.
  let charts: Promise<{ lib: typeof ChartLib; pngCache: ChartLib.PngCache }> | undefined;
  const chartKit = () =>
    (charts ??= import('../charts/index.js').then(
      (lib) => ({ lib, pngCache: lib.createPngCache() }),
      (error: unknown) => {
        charts = undefined; // retried on the next chart
        throw error;
      },
    ));
  const openClient = async (): Promise<OpenAI | null> => {
    if (deps.openai !== undefined) return deps.openai;
    if (!hasLlm(config)) return null;
    const { default: OpenAiClient } = await import('openai');
    return new OpenAiClient({
      // A local OpenAI-compatible server (OPENAI_BASE_URL) may need no key; the SDK insists on one.
      apiKey: config.OPENAI_API_KEY ?? 'not-needed',
      ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
      timeout: config.OPENAI_TIMEOUT_MS,
      maxRetries: 0,
    });
  };

  let ready: Promise<{ graph: AgentGraph }> | undefined;
  const init = () => {
    ready ??= (async () => {
      const client = await openClient();
      const llm = client
        ? await Promise.all([import('./llm/openai-resolver.js'), import('./llm/openai-narrator.js')])
        : null;
      let resolver = deps.resolver;
      let profile: DataProfile | undefined;
      if (!resolver) {
        profile = await (deps.loadProfile?.(catalog) ?? buildDataProfile(warehouse, catalog));
        const planner = createPlanner({ catalog, profile, cues: deps.cues });
        resolver =
          client && llm
            ? llm[0].createOpenAiResolver({
                client,
                planner,
                grounding: { catalog, schema: warehouse.schema(), profile },
                catalog,
                logger,
                model: config.OPENAI_MODEL,
                ...(config.OPENAI_MODEL_SIMPLE ? { simpleModel: config.OPENAI_MODEL_SIMPLE } : {}),
                timeoutMs: config.OPENAI_TIMEOUT_MS,
              })
            : planner;
      }
      const narrator: Narrator | null =
        client && llm
          ? llm[1].createOpenAiNarrator({
              client,
              model: config.OPENAI_MODEL_SIMPLE ?? config.OPENAI_MODEL,
              timeoutMs: config.OPENAI_TIMEOUT_MS,
              logger,
            })
          : null;
      const graph = buildAgentGraph({
        resolver,
        warehouse,
        catalog,
        logger,
        cache,
        narrator,
        canRepair: client !== null,
        rollups:
          config.ROLLUPS_ENABLED && warehouse.rollupTables?.length
            ? createRollupRouter(warehouse.rollupTables)
            : null,
      });
      return { graph };
    })();
    // A failed start-up (e.g. the profile query) is retried on the next question.
    ready.catch(() => (ready = undefined));
    return ready;
  };

  async function loadThread(threadKey: string): Promise<ThreadState | null> {
    try {
      return await threads.get(threadKey);
    } catch (error) {
      logger.warn({ err: error, threadKey }, 'thread state unavailable; answering without history');
      return null;
    }
  }

  async function saveThread(threadKey: string, state: ThreadState): Promise<void> {
    try {
      await threads.save(threadKey, state);
    } catch (error) {
      logger.warn({ err: error, threadKey }, 'thread state not saved');
    }
  }

  async function attachChart(answer: Answer, preference?: string): Promise<void> {
    const started = performance.now();
    try {
      const { lib, pngCache } = await chartKit();
      const chosen = lib.chooseChart(
        answer.plan,
        { columns: answer.columns, rows: answer.rows, truncated: answer.truncated, elapsedMs: 0 },
        {
          metrics: catalog.metrics,
          dimensions: catalog.dimensions,
          columns: answerColumns(answer),
          ...(answer.coverage ? { coverage: answer.coverage } : {}),
          ...(preference ? { preference } : {}),
        },
      );
      if (!chosen) return;
      const png = await pngCache.render(chosen.spec);
      answer.chart = { type: chosen.type, spec: chosen.spec, title: chosen.title, png };
    } catch (error) {
      // A missing chart never costs the user the answer.
      logger.warn({ err: error }, 'chart failed');
    } finally {
      answer.timingsMs.chart = performance.now() - started;
    }
  }

  async function remember(threadKey: string, thread: ThreadState | null, answer: Answer, question: string) {
    const state = nextThreadState(thread, answer, question, Date.now());
    await saveThread(threadKey, state);
  }

  return {
    async warmUp() {
      await init();
    },
    async ask(turn: Turn, options: AskOptions = {}): Promise<Answer> {
      const started = performance.now();
      const question = turn.text.trim();
      if (question.length > MAX_QUESTION_CHARS) return tooLong(question, turn);
      const { onProgress } = options;
      emitProgress(onProgress, { kind: 'stage', stage: 'reading' }, logger);
      let answer: Answer;
      let thread: ThreadState | null = null;
      try {
        thread = await loadThread(turn.threadKey);
        const threadMs = performance.now() - started;
        const { graph } = await init();
        const state: AgentStateType = await runAgentGraph(
          graph,
          {
            messages: thread?.messages ?? [],
            userQuery: question,
            queryType: 'qa',
            previousPlan: thread?.lastPlan,
            previousRows: thread?.lastAnswer && shownRows(thread.lastAnswer),
            chosenPlan: turn.plan,
            hasPreviousAnswer: Boolean(thread?.lastAnswer),
            summaryContext: thread?.summaryContext,
            schemaInfo: warehouse.schema(),
          },
          onProgress,
        );
        const r = state.resolution;
        if (!state.finalResponse && r?.kind === 'plan' && r.presentationOnly && thread?.lastAnswer) {
          // "Show that as a pie": same numbers, new chart, no query.
          answer = rerender(thread.lastAnswer, question, r.plan.chart);
        } else {
          answer =
            state.finalResponse ??
            failedAnswer(logger, question, new Error('graph ended without an answer'), {});
        }
        answer.timingsMs = { ...state.timingsMs, ...answer.timingsMs, thread: threadMs };
        if (options.chart !== false && answer.status === 'answered' && answer.rows.length) {
          emitProgress(onProgress, { kind: 'stage', stage: 'charting' }, logger);
          await attachChart(answer, answer.plan?.chart);
        }
      } catch (error) {
        answer = failedAnswer(logger, question, error, { threadKey: turn.threadKey });
      }
      // An option with a plan carries its id: surfaces hand the id back and get that plan answered as it is.
      answer.suggestions = withOptionIds(answer.suggestions);
      if (turn.addressed === false && (answer.status === 'clarify' || answer.status === 'refused')) {
        // Chatter in a thread the bot answered in ("thanks!", a note to a colleague): say nothing, and keep the
        // thread's state so the next real follow-up still builds on the last answer.
        answer.ignored = true;
        answer.timingsMs.total = performance.now() - started;
        return answer;
      }
      await remember(turn.threadKey, thread, answer, question);
      answer.timingsMs.total = performance.now() - started;
      return bounded(answer);
    },

    async summary(request: SummaryRequest): Promise<Answer> {
      const started = performance.now();
      const question = `summary ${request.period ?? 'week'}`.trim();
      let answer: Answer;
      try {
        const { graph } = await init();
        const state = await runAgentGraph(graph, {
          userQuery: '',
          queryType: 'summary',
          summaryRequest: request,
          schemaInfo: warehouse.schema(),
        });
        answer =
          state.finalResponse ??
          failedAnswer(logger, question, new Error('summary ended without an answer'), {});
        answer.timingsMs = { ...state.timingsMs };
        if (request.chart !== false && answer.status === 'answered' && state.summaryPeriod) {
          const chartStarted = performance.now();
          try {
            const data = summaryDashboardData(state.summaryPeriod, state.summaryParts, catalog);
            const { lib, pngCache } = await chartKit();
            const spec = lib.buildDashboardSpec(data);
            const png = await pngCache.render(spec);
            answer.chart = {
              type: 'dashboard',
              spec,
              title: `Summary, ${state.summaryPeriod.period.label}`,
              png,
            };
          } catch (error) {
            logger.warn({ err: error }, 'summary dashboard failed');
          }
          answer.timingsMs.chart = performance.now() - chartStarted;
        }
        if (request.threadKey && state.summaryPeriod && answer.status === 'answered') {
          const now = Date.now();
          const thread: ThreadState = {
            messages: [{ role: 'assistant', text: answer.headline, at: now }],
            summaryContext: {
              period: state.summaryPeriod.period,
              ...(state.summaryPeriod.compareTo ? { compareTo: state.summaryPeriod.compareTo } : {}),
            },
            lastAnswer: toStored(answer),
          };
          if (answer.plan) thread.lastPlan = answer.plan;
          await saveThread(request.threadKey, thread);
        }
      } catch (error) {
        answer = failedAnswer(logger, question, error, { period: request.period });
      }
      answer.timingsMs.total = performance.now() - started;
      return answer;
    },

    async rechart(threadKey: string, chart: string): Promise<Answer | null> {
      const thread = await loadThread(threadKey);
      if (!thread?.lastAnswer) return null;
      const preference: Plan['chart'] = (CHART_TYPES as readonly string[]).includes(chart)
        ? (chart as Plan['chart'])
        : 'auto';
      const answer = rerender(thread.lastAnswer, thread.lastAnswer.question, preference);
      await attachChart(answer, preference);
      await saveThread(threadKey, { ...thread, lastAnswer: toStored(answer) });
      return answer;
    },
  };
}

/** A reply quotes at most MAX_ECHO_CHARS of the question, and a headline or reading stays one readable line. */
function bounded(answer: Answer): Answer {
  answer.question = ellipsize(answer.question, MAX_ECHO_CHARS);
  answer.headline = ellipsize(answer.headline, MAX_HEADLINE_CHARS);
  if (answer.reading) answer.reading = ellipsize(answer.reading, MAX_HEADLINE_CHARS);
  return answer;
}

/** A "question" of megabytes is not read at all: it is told so, and the thread's memory stays as it was. */
function tooLong(question: string, turn: Turn): Answer {
  const answer = emptyAnswer(ellipsize(question, MAX_ECHO_CHARS), 'refused', tooLongMessage(question.length));
  answer.errorCode = 'BAD_INPUT';
  if (turn.addressed === false) answer.ignored = true;
  return answer;
}
