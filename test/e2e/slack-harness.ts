import type { Assistant } from '../../src/agent/answer.js';
import type { InFlightTracker } from '../../src/lifecycle/in-flight-tracker.js';
import { createLogger, type Logger } from '../../src/observability/logger.js';
import { startSlackApp, type RunningSlackApp } from '../../src/slack/app.js';
import { PROGRESS_BLOCK_ID } from '../../src/slack/live-answer.js';
import type { SlackDeps } from '../../src/slack/ports.js';
import { WorkQueue } from '../../src/slack/work-queue.js';
import type { KvStore } from '../../src/state/kv-store.js';
import { buildSlackDeps } from '../../src/server.js';
import { createThreadStore, type ThreadStore } from '../../src/state/thread-store.js';
import type { SchemaInfo } from '../../src/warehouse/types.js';
import { startFakeSlackServer, type FakeSlackServer } from '../helpers/fake-slack-server.js';
import {
  blockActionBody,
  commandBody,
  eventEnvelope,
  postSigned,
  viewSubmissionBody,
  type ButtonClick,
  type SignedPostOptions,
  type SignedPostResult,
} from '../helpers/slack-signing.js';

/**
 * The real Bolt app in HTTP mode on 127.0.0.1 (free port), its Web API client pointed at the fake Slack server,
 * and helpers that send signed events, commands and button clicks the way Slack does.
 */
export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface SlackHarness {
  slack: FakeSlackServer;
  running: RunningSlackApp;
  deps: SlackDeps;
  /**
   * The test's own view of the threads the Assistant keeps in `kv` (the app has none: Slack asks the Assistant),
   * to check what a turn stored or to seed a state the planner cannot produce yet.
   */
  threads: ThreadStore;
  url: string;
  sendEvent(
    event: Record<string, unknown>,
    options?: SignedPostOptions & { eventId?: string },
  ): Promise<SignedPostResult & { eventId: string }>;
  sendCommand(
    text: string,
    channel: string,
    responseId?: string,
  ): Promise<SignedPostResult & { responseId: string }>;
  click(
    click: Omit<ButtonClick, 'responseUrl'>,
    responseId?: string,
  ): Promise<SignedPostResult & { responseId: string }>;
  /** Submits a modal the way Slack does (view_submission). */
  submitView(args: Parameters<typeof viewSubmissionBody>[0]): Promise<SignedPostResult>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  assistant: Assistant;
  kv: KvStore;
  schema?: () => SchemaInfo;
  logger?: Logger;
  /** Answers running at once (default: the app's). */
  maxConcurrentAnswers?: number;
  /** Answers allowed to wait for a slot before the "busy" reply (default: unbounded in tests). */
  maxPendingAnswers?: number;
  /** In-flight work, for shutdown tests. */
  tracker?: InFlightTracker;
  /** Scheduled summaries (App Home lists them). */
  subscriptions?: SlackDeps['subscriptions'];
}

export async function startSlackHarness(options: HarnessOptions): Promise<SlackHarness> {
  const slack = await startFakeSlackServer();
  const logger =
    options.logger ?? createLogger({ level: process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent' });
  const deps = buildSlackDeps({
    config: { THREAD_TTL_SECONDS: 3600, SUMMARY_CRON: '0 9 * * 1', SUMMARY_TIMEZONE: 'Asia/Kolkata' },
    logger,
    kv: options.kv,
    assistant: options.assistant,
    schema: options.schema ?? (() => ({ tables: [] })),
    ...(options.tracker ? { tracker: options.tracker } : {}),
  });
  if (options.subscriptions) deps.subscriptions = options.subscriptions;
  // Live updates spaced for tests: the order of events is what they check, never how long it took.
  deps.liveAnswer = { ...deps.liveAnswer, minUpdateIntervalMs: 20, minAppendIntervalMs: 5 };
  if (options.maxConcurrentAnswers || options.maxPendingAnswers)
    deps.answerQueue = new WorkQueue(options.maxConcurrentAnswers ?? 2, {
      ...(options.maxPendingAnswers !== undefined ? { maxPending: options.maxPendingAnswers } : {}),
    });
  const running = await startSlackApp(
    {
      botToken: 'xoxb-test-token',
      signingSecret: TEST_SIGNING_SECRET,
      apiUrl: slack.apiUrl,
      port: 0,
      host: '127.0.0.1',
    },
    deps,
  );
  const url = running.url!;
  let responseCounter = 0;
  return {
    slack,
    running,
    deps,
    threads: createThreadStore(options.kv, { ttlSeconds: 3600, logger }),
    url,
    async sendEvent(event, opts = {}) {
      const { body, eventId } = eventEnvelope(event, opts.eventId ? { eventId: opts.eventId } : {});
      const result = await postSigned(url, TEST_SIGNING_SECRET, body, 'application/json', opts);
      return { ...result, eventId };
    },
    async sendCommand(text, channel, responseId) {
      const id = responseId ?? `cmd${++responseCounter}`;
      const body = commandBody({ text, channel, responseUrl: slack.responseUrl(id) });
      return {
        ...(await postSigned(url, TEST_SIGNING_SECRET, body, 'application/x-www-form-urlencoded')),
        responseId: id,
      };
    },
    async click(click, responseId) {
      const id = responseId ?? `click${++responseCounter}`;
      const body = blockActionBody({ ...click, responseUrl: slack.responseUrl(id) });
      return {
        ...(await postSigned(url, TEST_SIGNING_SECRET, body, 'application/x-www-form-urlencoded')),
        responseId: id,
      };
    },
    submitView(args) {
      return postSigned(
        url,
        TEST_SIGNING_SECRET,
        viewSubmissionBody(args),
        'application/x-www-form-urlencoded',
      );
    },
    async stop() {
      await running.stop().catch(() => undefined);
      await slack.close();
    },
  };
}

/**
 * The finished bot messages in a channel (and thread), as they read now: a post, the placeholder once updated
 * with the answer, or a stream once stopped. Shaped like a recorded call (`params.blocks`, `at` = when it took
 * its final form); a streamed message's markdown leads its blocks as a `streamed_markdown` pseudo-block, so
 * `blocksText` reads the headline wherever it went.
 */
export function finishedMessages(slack: FakeSlackServer, channel: string, threadTs?: string) {
  return [...(threadTs === undefined ? slack.messagesAll(channel) : slack.messagesIn(channel, threadTs))]
    .filter((m) => m.state !== 'streaming' && !hasProgressLine(m.blocks))
    .map((m) => ({
      ts: m.ts,
      response: { ts: m.ts } as Record<string, unknown>,
      at: m.history.at(-1)!.at,
      message: m,
      params: {
        channel: m.channel,
        thread_ts: m.threadTs,
        text: m.text,
        blocks: [
          ...(m.markdown ? [{ type: 'streamed_markdown', text: m.markdown }] : []),
          ...(m.blocks ?? []),
        ],
      },
    }));
}

function hasProgressLine(blocks: unknown[] | undefined): boolean {
  return (blocks ?? []).some((b) => (b as { block_id?: string }).block_id === PROGRESS_BLOCK_ID);
}

/** The blocks of a recorded chat.postMessage, flattened to their text for assertions. */
export function blocksText(blocks: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'text' && typeof v === 'string') out.push(v);
        else walk(v);
      }
    }
  };
  walk(blocks);
  return out.join('\n');
}

/** The native feedback buttons' values (`up:<id>`, `down:<id>`) in a message's blocks. */
export function feedbackValuesOf(
  blocks: unknown,
): { actionId: string; up: string; down: string } | undefined {
  for (const block of (blocks as { type: string; elements?: unknown[] }[]) ?? []) {
    if (block.type !== 'context_actions') continue;
    const el = (block.elements ?? []).find((e) => (e as { type: string }).type === 'feedback_buttons') as
      | { action_id: string; positive_button: { value: string }; negative_button: { value: string } }
      | undefined;
    if (el) return { actionId: el.action_id, up: el.positive_button.value, down: el.negative_button.value };
  }
  return undefined;
}

/** Every button (action_id, value, text) in a message's blocks. */
export function buttonsOf(blocks: unknown): { actionId: string; value: string; text: string }[] {
  const found: { actionId: string; value: string; text: string }[] = [];
  for (const block of (blocks as { type: string; elements?: unknown[] }[]) ?? []) {
    if (block.type !== 'actions') continue;
    for (const el of (block.elements ?? []) as {
      action_id: string;
      value: string;
      text: { text: string };
    }[]) {
      found.push({ actionId: el.action_id, value: el.value, text: el.text.text });
    }
  }
  return found;
}

export const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The `slack_file` ids of a message's image blocks. */
export function imageFileIds(blocks: unknown): string[] {
  return ((blocks as { type: string; slack_file?: { id?: string } }[]) ?? [])
    .filter((b) => b.type === 'image' && b.slack_file?.id)
    .map((b) => b.slack_file!.id!);
}

/** A message's `table` block as rows of cell text (header first), or undefined. */
export function tableOf(blocks: unknown): string[][] | undefined {
  const table = ((blocks as { type: string; rows?: { text?: string }[][] }[]) ?? []).find(
    (b) => b.type === 'table',
  );
  return table?.rows?.map((row) => row.map((cell) => cell.text ?? ''));
}
