import type { AnswerProgress, AnswerStage, NarrativeSnapshot } from '../agent/progress.js';
import type { Logger } from '../observability/logger.js';
import type { RenderedMessage } from './blocks/answer-blocks.js';
import { escapeMrkdwn, section, context, type KnownBlock } from './blocks/kit.js';
import { messages } from './messages.js';
import {
  appendStream,
  canStreamText,
  deleteMessage,
  postMessage,
  slackErrorCode,
  startStream,
  stopStream,
  updateMessage,
  type WebClient,
} from './slack-api.js';

/**
 * One answer's message while it is being made, then its final form: still one message per answer.
 *
 * Streaming (the client has chat.startStream, and the reply goes into a thread): the headline and insights are
 * streamed as they are written (checked text only, see agent/progress.ts), and chat.stopStream appends the rest of
 * the blocks (reading, table, chart, actions) under them. Should the final text differ from what was streamed (the
 * LLM's prose rejected after part of it was shown), the stream is stopped and the message replaced whole.
 * Otherwise, or when chat.startStream fails (`unknown_method`, `not_allowed`…): one placeholder post, updated in
 * place (chat.update) as the stages advance and the narrative grows, and updated a last time with the answer.
 *
 * Transport only: it renders what the use case reports. Updates are serialised and coalesced (the latest view
 * wins), and spaced out so a token stream never becomes a burst of Web API calls.
 */
export interface LiveAnswerTarget {
  channel: string;
  threadTs?: string;
  /** Who asked (Slack requires it to stream into a channel thread). */
  recipient?: { userId: string; teamId: string };
  /** Say nothing until the query starts (a reply not addressed to the bot may turn out to be chatter). */
  quietUntilQuerying?: boolean;
}

export interface LiveAnswerOptions {
  logger: Logger;
  /** Least time between two chat.update calls (default 1000 ms; Slack's chat.update is rate-limited per channel). */
  minUpdateIntervalMs?: number;
  /** Least time between two chat.appendStream calls (default 250 ms). */
  minAppendIntervalMs?: number;
  /**
   * Shared by the process's answers: once Slack refuses streaming as unavailable (`unknown_method`,
   * `not_allowed`, `missing_scope`…), later answers go straight to the updated post.
   */
  streaming?: StreamingSupport;
}

/** What the process has learnt about text streaming in this workspace. */
export interface StreamingSupport {
  refusedWith?: string;
}

/** Errors that say streaming is not there at all (as opposed to this one message failing). */
const STREAMING_UNAVAILABLE = new Set([
  'unknown_method',
  'not_allowed',
  'not_allowed_token_type',
  'missing_scope',
  'feature_not_enabled',
  'method_deprecated',
]);

export interface LiveAnswer {
  onProgress(event: AnswerProgress): void;
  /**
   * Puts the final message in place and returns its ts: the stream stopped with the blocks, the placeholder
   * updated, or (nothing shown yet) a new post. `narrative` is the final answer's headline and insights (null for a
   * clarification, refusal or error). Safe to call again with other blocks after a failure (e.g. without the image).
   */
  deliver(rendered: RenderedMessage, narrative: NarrativeSnapshot | null): Promise<string>;
  /** Nothing is to be said after all: removes whatever was shown. */
  discard(): Promise<void>;
  /** How the message was made, for logs and tests. */
  readonly mode: 'stream' | 'update';
}

/** The streamed text of a narrative: the headline, then the insights as a list (escaped like every data text). */
export function narrativeMarkdown(n: NarrativeSnapshot): string {
  if (!n.headline) return '';
  const lines = n.insights.map((line) => `• ${escapeMrkdwn(line)}`);
  return [escapeMrkdwn(n.headline), ...(lines.length ? ['', ...lines] : [])].join('\n');
}

/** The placeholder's stage line: a message that still has it is an answer in the making. */
export const PROGRESS_BLOCK_ID = 'answer_progress';

/** The blocks that repeat the streamed text; under a stream they are left out of the final blocks. */
const NARRATIVE_BLOCK_IDS = new Set(['headline', 'insights']);

export function openLiveAnswer(
  client: WebClient,
  target: LiveAnswerTarget,
  options: LiveAnswerOptions,
): LiveAnswer {
  const log = options.logger;
  const canStream = Boolean(target.threadTs) && canStreamText(client) && !options.streaming?.refusedWith;
  let mode: 'stream' | 'update' = canStream ? 'stream' : 'update';
  let ts: string | undefined;
  let stage: AnswerStage | undefined;
  let narrative: NarrativeSnapshot | null = null;
  let shown = { stage: undefined as AnswerStage | undefined, narrative: null as NarrativeSnapshot | null };
  let streamedMarkdown = '';
  let diverged = false;
  let stopped = false;
  let broken = false;
  let finishing = false;
  let lastCallAt = 0;
  let running: Promise<void> | null = null;
  let wake: (() => void) | null = null;

  const threadArgs = target.threadTs ? { threadTs: target.threadTs } : {};

  function onProgress(event: AnswerProgress): void {
    if (finishing || broken) return;
    if (event.kind === 'stage') {
      if (target.quietUntilQuerying && !stage && event.stage === 'reading') return;
      stage = event.stage;
    } else {
      narrative = { headline: event.headline, insights: [...event.insights] };
    }
    running ??= pump().finally(() => (running = null));
  }

  async function pump(): Promise<void> {
    while (!finishing && !broken && (shown.stage !== stage || shown.narrative !== narrative)) {
      await spacing();
      if (finishing) return;
      const view = { stage, narrative };
      try {
        await show(view.stage, view.narrative);
      } catch (error) {
        // The live view is decoration: the final message still goes out (deliver posts or updates it).
        broken = true;
        log.warn(
          { err: slackErrorCode(error), mode },
          'live answer update failed; the final message follows',
        );
      }
      shown = view;
      lastCallAt = Date.now();
    }
  }

  function spacing(): Promise<void> {
    if (!ts) return Promise.resolve();
    const interval =
      mode === 'stream' ? (options.minAppendIntervalMs ?? 250) : (options.minUpdateIntervalMs ?? 1000);
    return pause(lastCallAt + interval, (w) => (wake = w));
  }

  async function show(s: AnswerStage | undefined, n: NarrativeSnapshot | null): Promise<void> {
    if (mode === 'stream') {
      const markdown = n ? narrativeMarkdown(n) : '';
      // The stream opens with the headline; until then the stages show as the status or the ⏳ reaction.
      if (!markdown) return;
      if (!ts) {
        try {
          ts = await startStream(client, {
            channel: target.channel,
            threadTs: target.threadTs!,
            markdownText: markdown,
            ...(target.recipient ? { recipient: target.recipient } : {}),
          });
          streamedMarkdown = markdown;
          return;
        } catch (error) {
          const code = slackErrorCode(error);
          log.info({ err: code }, 'chat.startStream refused; one post updated in place instead');
          if (options.streaming && STREAMING_UNAVAILABLE.has(code)) options.streaming.refusedWith = code;
          mode = 'update';
        }
      } else {
        if (!markdown.startsWith(streamedMarkdown)) {
          diverged = true; // a stream only grows; deliver replaces the message whole
          return;
        }
        const more = markdown.slice(streamedMarkdown.length);
        if (more) await appendStream(client, { channel: target.channel, ts, markdownText: more });
        streamedMarkdown = markdown;
        return;
      }
    }
    const placeholder = progressMessage(s, n);
    if (!placeholder) return;
    if (!ts) ts = await postMessage(client, { channel: target.channel, ...threadArgs, ...placeholder });
    else await updateMessage(client, { channel: target.channel, ts, ...placeholder });
  }

  async function settle(): Promise<void> {
    finishing = true;
    wake?.();
    await running;
  }

  return {
    onProgress,
    get mode() {
      return mode;
    },
    async deliver(rendered, final) {
      await settle();
      const message = { text: rendered.text, blocks: rendered.blocks };
      if (mode === 'stream' && ts) {
        const same = !diverged && final !== null && narrativeMarkdown(final) === streamedMarkdown;
        if (same && !stopped) {
          const rest = rendered.blocks.filter((b) => !NARRATIVE_BLOCK_IDS.has(String(b.block_id ?? '')));
          await stopStream(client, { channel: target.channel, ts, blocks: rest });
          stopped = true;
          return ts;
        }
        if (!stopped) {
          await stopStream(client, { channel: target.channel, ts }).catch((error: unknown) =>
            log.warn({ err: slackErrorCode(error) }, 'chat.stopStream failed before the replacement'),
          );
          stopped = true;
        }
        await updateMessage(client, { channel: target.channel, ts, ...message });
        return ts;
      }
      if (ts) {
        await updateMessage(client, { channel: target.channel, ts, ...message });
        return ts;
      }
      ts = await postMessage(client, { channel: target.channel, ...threadArgs, ...message });
      return ts;
    },
    async discard() {
      await settle();
      if (!ts) return;
      if (mode === 'stream' && !stopped)
        await stopStream(client, { channel: target.channel, ts }).catch(() => {});
      await deleteMessage(client, { channel: target.channel, ts }).catch((error: unknown) =>
        log.warn({ err: slackErrorCode(error) }, 'could not remove the placeholder'),
      );
    },
  };
}

/** Waits until `untilMs` (epoch ms), or until woken through the function handed to `onWake`. */
function pause(untilMs: number, onWake: (wake: () => void) => void): Promise<void> {
  const waitMs = untilMs - Date.now();
  if (waitMs <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    onWake(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The placeholder while the answer is made: the narrative so far, and the stage it is at. */
function progressMessage(
  s: AnswerStage | undefined,
  n: NarrativeSnapshot | null,
): { text: string; blocks: KnownBlock[] } | null {
  const blocks: KnownBlock[] = [];
  if (n?.headline) blocks.push(section(`*${escapeMrkdwn(n.headline)}*`, 'headline'));
  if (n?.insights.length)
    blocks.push(section(n.insights.map((line) => `• ${escapeMrkdwn(line)}`).join('\n'), 'insights'));
  if (s) blocks.push(context([messages.stageLine[s]], PROGRESS_BLOCK_ID));
  if (!blocks.length) return null;
  return { text: n?.headline ? escapeMrkdwn(n.headline) : messages.stageLine[s!], blocks };
}
