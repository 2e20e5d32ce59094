import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type CustomRoute } from '@slack/bolt';
import type { Config } from '../config/config.js';
import { AppError } from '../errors.js';
import {
  ACTION_ASK_OPTION_PATTERN,
  ACTION_DOWNLOAD_CSV,
  ACTION_FEEDBACK,
  ACTION_FEEDBACK_DOWN,
  ACTION_FEEDBACK_UP,
  ACTION_HOME_ASK_PATTERN,
  ACTION_NOT_WHAT_I_MEANT,
  ACTION_PICK_OPTION_PATTERN,
  ACTION_PICK_READING_PATTERN,
  ACTION_SHOW_SQL,
} from './action-ids.js';
import { boltLogger } from './bolt-logger.js';
import { EventGate } from './event-gate.js';
import { registerActionListeners } from './listeners/actions.js';
import { registerSummaryCommand, SUMMARY_COMMAND } from './listeners/commands.js';
import {
  registerDirectMessageListener,
  registerMentionListener,
  registerThreadReplyListener,
} from './listeners/events.js';
import { registerAssistantSurface } from './listeners/assistant-surface.js';
import { registerFeedbackListeners } from './listeners/feedback.js';
import { registerHomeActions, registerHomeListener } from './listeners/home.js';
import { messages } from './messages.js';
import type { SlackDeps } from './ports.js';
import { WEB_CLIENT_RETRY_CONFIG, WEB_CLIENT_TIMEOUT_MS, type WebClient } from './slack-api.js';
import { createSummaryPoster } from './summary-poster.js';
import { DEFAULT_MAX_CONCURRENT_ANSWERS, DEFAULT_MAX_PENDING_ANSWERS, WorkQueue } from './work-queue.js';

/**
 * Bolt wiring. HTTP mode (HTTPReceiver on PORT, one path for events, commands and interactivity) when
 * SLACK_SIGNING_SECRET is set; Socket Mode when SLACK_APP_TOKEN is set. The listener registry below is the one
 * source of what is registered; test/unit/slack/manifest.test.ts compares it with slack-manifest.yml.
 */
type Register = (app: App, deps: SlackDeps, gate: EventGate) => void;

/** Manifest event name (bot_events) → the listener that handles it. */
export const EVENT_LISTENERS: Record<string, Register> = {
  app_mention: registerMentionListener,
  'message.im': registerDirectMessageListener,
  'message.channels': registerThreadReplyListener('channel'),
  'message.groups': registerThreadReplyListener('group'),
  app_home_opened: (app, deps) => registerHomeListener(app, deps),
  // One Assistant (Bolt's class) handles both; it registers once.
  assistant_thread_started: registerAssistantSurface,
  assistant_thread_context_changed: registerAssistantSurface,
};

/** Slash command → listener. */
export const COMMAND_LISTENERS: Record<string, Register> = {
  [SUMMARY_COMMAND]: (app, deps) => registerSummaryCommand(app, deps),
};

export const ACTION_IDS = [
  ACTION_SHOW_SQL,
  ACTION_DOWNLOAD_CSV,
  ACTION_FEEDBACK,
  ACTION_FEEDBACK_UP,
  ACTION_FEEDBACK_DOWN,
  ACTION_ASK_OPTION_PATTERN.source,
  ACTION_PICK_OPTION_PATTERN.source,
  ACTION_NOT_WHAT_I_MEANT,
  ACTION_PICK_READING_PATTERN.source,
  ACTION_HOME_ASK_PATTERN.source,
];

export const listenerRegistry = {
  events: Object.keys(EVENT_LISTENERS),
  commands: Object.keys(COMMAND_LISTENERS),
  actions: ACTION_IDS,
};

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackTransportSettings {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  /** SLACK_API_URL: Web API base (GovSlack, a proxy, the tests' fake server). */
  apiUrl?: string;
  port: number;
  host: string;
  /** Health and metrics routes served next to the Slack endpoint (HTTP mode). */
  customRoutes?: CustomRoute[];
}

/** The Slack settings from config, or CONFIG_INVALID naming exactly what is missing. */
export function slackSettingsFromConfig(config: Config): SlackTransportSettings {
  const missing: string[] = [];
  if (!config.SLACK_BOT_TOKEN) missing.push('SLACK_BOT_TOKEN');
  if (!config.SLACK_SIGNING_SECRET && !config.SLACK_APP_TOKEN) {
    missing.push('SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)');
  }
  if (missing.length > 0) throw new AppError('CONFIG_INVALID', messages.missingSlackConfig(missing));
  return {
    botToken: config.SLACK_BOT_TOKEN!,
    ...(config.SLACK_SIGNING_SECRET ? { signingSecret: config.SLACK_SIGNING_SECRET } : {}),
    ...(config.SLACK_APP_TOKEN ? { appToken: config.SLACK_APP_TOKEN } : {}),
    ...(config.SLACK_API_URL ? { apiUrl: ensureTrailingSlash(config.SLACK_API_URL) } : {}),
    port: config.PORT,
    host: config.HOST,
  };
}

function ensureTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

export interface RunningSlackApp {
  app: App;
  client: WebClient;
  mode: 'http' | 'socket';
  /** The bound port in HTTP mode (PORT=0 picks a free one), null in Socket Mode. */
  port: number | null;
  /** e.g. http://127.0.0.1:3000/slack/events in HTTP mode. */
  url: string | null;
  /** The scheduler's post(channel, period). */
  summaryPoster: ReturnType<typeof createSummaryPoster>;
  stop(): Promise<void>;
}

/** Builds the Bolt app with every listener registered; does not listen yet. */
export function createSlackApp(
  settings: SlackTransportSettings,
  baseDeps: SlackDeps,
): { app: App; mode: 'http' | 'socket'; deps: SlackDeps } {
  const deps: SlackDeps = {
    ...baseDeps,
    answerQueue:
      baseDeps.answerQueue ??
      new WorkQueue(DEFAULT_MAX_CONCURRENT_ANSWERS, { maxPending: DEFAULT_MAX_PENDING_ANSWERS }),
  };
  const logger = boltLogger(deps.logger);
  const clientOptions = {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    retryConfig: WEB_CLIENT_RETRY_CONFIG,
    timeout: WEB_CLIENT_TIMEOUT_MS,
  };
  let app: App;
  let mode: 'http' | 'socket';
  if (settings.signingSecret) {
    mode = 'http';
    const receiver = new HTTPReceiver({
      signingSecret: settings.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      // Ack first, work after: the 3 s budget is Slack's, our answers take longer.
      processBeforeResponse: false,
      customRoutes: settings.customRoutes ?? [],
      logger,
    });
    app = new App({ token: settings.botToken, receiver, clientOptions, logger, convoStore: false });
  } else if (settings.appToken) {
    mode = 'socket';
    app = new App({
      token: settings.botToken,
      appToken: settings.appToken,
      socketMode: true,
      clientOptions,
      logger,
      convoStore: false,
    });
  } else {
    throw new AppError(
      'CONFIG_INVALID',
      messages.missingSlackConfig(['SLACK_SIGNING_SECRET or SLACK_APP_TOKEN']),
    );
  }

  const gate = new EventGate(deps.deduper, deps.logger);
  for (const register of Object.values(EVENT_LISTENERS)) register(app, deps, gate);
  for (const register of Object.values(COMMAND_LISTENERS)) register(app, deps, gate);
  registerActionListeners(app, deps, gate);
  registerFeedbackListeners(app, deps);
  registerHomeActions(app, deps, gate);
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'unhandled Slack listener error');
  });
  return { app, mode, deps };
}

/** Creates and starts the app; in HTTP mode it listens on settings.host:settings.port. */
export async function startSlackApp(
  settings: SlackTransportSettings,
  baseDeps: SlackDeps,
): Promise<RunningSlackApp> {
  const created = createSlackApp(settings, baseDeps);
  const { app, mode, deps } = created;
  let port: number | null = null;
  let url: string | null = null;
  if (mode === 'http') {
    const server = (await app.start({ port: settings.port, host: settings.host })) as Server;
    port = (server.address() as AddressInfo).port;
    const host = settings.host === '0.0.0.0' ? '127.0.0.1' : settings.host;
    url = `http://${host}:${port}${SLACK_EVENTS_PATH}`;
  } else {
    await app.start();
  }
  deps.logger.info({ mode, url }, messages.listening(mode === 'http' ? 'HTTP' : 'Socket Mode', url ?? ''));
  return {
    app,
    client: app.client,
    mode,
    port,
    url,
    summaryPoster: createSummaryPoster(app.client, deps),
    stop: () => app.stop().then(() => undefined),
  };
}
