import type { Answer, SummaryRequest } from '../agent/answer.js';
import { AppError } from '../errors.js';
import type { TimeRange } from '../semantic/plan.js';
import type { RenderedMessage } from './blocks/answer-blocks.js';
import { summaryBlocks } from './blocks/summary-blocks.js';
import type { SlackDeps } from './ports.js';
import { postAnswerMessage } from './post-answer.js';
import type { WebClient } from './slack-api.js';
import { threadKeyOf } from './thread-key.js';

export interface PostedSummary {
  ts: string;
  threadKey: string;
  answer: Answer;
}

export interface PostSummaryArgs {
  client: WebClient;
  deps: SlackDeps;
  teamId: string;
  channel: string;
  request: Pick<SummaryRequest, 'period' | 'window' | 'filters'>;
  filtersLabel?: string;
}

/**
 * Issue 6's Slack glue: the summary as one top-level message with its dashboard as an image block, and the
 * thread seeded with the summary's context (period, comparison, the answer itself) so "why did Kurta drop?"
 * asked there is understood. Throws (SlackApiError / AppError) so the scheduler can retry with backoff.
 */
export async function postSummary(args: PostSummaryArgs): Promise<PostedSummary> {
  const computed = await computeSummary(args.deps, args.request, args.filtersLabel);
  return publishSummary(args, computed);
}

export interface ComputedSummary {
  answer: Answer;
  /** Without the chart (an ephemeral fallback cannot show an uploaded file). */
  rendered: RenderedMessage;
  /** The message with the uploaded dashboard as an image block. */
  render(chartFileId?: string): RenderedMessage;
}

/** Runs the summary use case and renders it; no Slack call yet (the command falls back to response_url). */
export async function computeSummary(
  deps: SlackDeps,
  request: Pick<SummaryRequest, 'period' | 'window' | 'filters'>,
  filtersLabel?: string,
): Promise<ComputedSummary> {
  const now = deps.now ?? Date.now;
  const startedAt = now();
  const run = () => deps.assistant.summary({ ...request, chart: true });
  const answer = await (deps.answerQueue ? deps.answerQueue.run(run) : run());
  if (answer.status === 'error') {
    throw new AppError('INTERNAL', answer.headline, {
      detail: `summary failed (${answer.errorCode ?? 'unknown'}, ref ${answer.errorRef ?? 'n/a'})`,
    });
  }
  const elapsedMs = now() - startedAt;
  const render = (chartFileId?: string) =>
    summaryBlocks(answer, {
      elapsedMs,
      ...(filtersLabel ? { filtersLabel } : {}),
      ...(chartFileId ? { chartFileId } : {}),
    });
  return { answer, rendered: render(), render };
}

export async function publishSummary(
  args: Omit<PostSummaryArgs, 'request'>,
  { answer, render }: ComputedSummary,
): Promise<PostedSummary> {
  const { client, deps, channel } = args;
  const ts = await postAnswerMessage(client, deps, { channel }, answer, render);
  const threadKey = threadKeyOf(args.teamId, channel, ts);
  try {
    // The Assistant seeds the thread it owns, so "why did Kurta drop?" asked there is understood.
    await deps.assistant.rememberSummary(threadKey, answer);
  } catch (error) {
    // The post is out; follow-ups will work without the seeded context rather than fail.
    deps.logger.warn({ err: error, threadKey }, 'could not seed the summary thread');
  }
  return { ts, threadKey, answer };
}

/** The scheduler's period, or a period keyword ('week', '7d', 'YYYY-MM', …). */
export type PosterPeriod = string | { key: string; timeRange: TimeRange; compareTo?: TimeRange };

/**
 * The scheduler's injected `post(channel, period)`; resolves the workspace id once via auth.test. The scheduler's
 * period (the week its exactly-once lock is keyed on) is handed to the summary as it is, so the post covers
 * exactly the week that was locked.
 */
export function createSummaryPoster(client: WebClient, deps: SlackDeps) {
  let teamId: Promise<string> | undefined;
  const resolveTeam = () => {
    teamId ??= client.auth.test().then((r) => r.team_id ?? 'T0');
    teamId.catch(() => (teamId = undefined));
    return teamId;
  };
  return {
    async post(channel: string, period?: PosterPeriod): Promise<PostedSummary> {
      return postSummary({
        client,
        deps,
        teamId: await resolveTeam(),
        channel,
        request: summaryRequestFor(period),
      });
    },
  };
}

/** A keyword is resolved by the summary; the scheduler's week is passed on as its window ('week' names its kind). */
function summaryRequestFor(period: PosterPeriod | undefined): Pick<SummaryRequest, 'period' | 'window'> {
  if (period === undefined || typeof period === 'string') return { period: period ?? 'week' };
  return {
    period: 'week',
    window: { period: period.timeRange, ...(period.compareTo ? { compareTo: period.compareTo } : {}) },
  };
}
