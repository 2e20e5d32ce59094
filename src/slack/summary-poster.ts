import type { Answer, SummaryRequest, ThreadState } from '../agent/answer.js';
import { AppError } from '../errors.js';
import type { TimeRange } from '../semantic/plan.js';
import { uploadExtras } from './listeners/answer-in-thread.js';
import type { RenderedMessage } from './blocks/answer-blocks.js';
import { summaryBlocks } from './blocks/summary-blocks.js';
import type { SlackDeps } from './ports.js';
import { postMessage, type WebClient } from './slack-api.js';
import { toStoredAnswer } from './stored-answer.js';
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
  request: Pick<SummaryRequest, 'period' | 'filters'>;
  filtersLabel?: string;
}

/**
 * Issue 6's Slack glue: the summary as a top-level message, the dashboard PNG in that message's thread, and the
 * thread seeded with the summary's context (period, comparison, the answer itself) so "why did Kurta drop?"
 * asked there is understood. Throws (SlackApiError / AppError) so the scheduler can retry with backoff.
 */
export async function postSummary(args: PostSummaryArgs): Promise<PostedSummary> {
  const computed = await computeSummary(args.deps, args.request, args.filtersLabel);
  return publishSummary(args, computed);
}

export interface ComputedSummary {
  answer: Answer;
  rendered: RenderedMessage;
}

/** Runs the summary use case and renders it; no Slack call yet (the command falls back to response_url). */
export async function computeSummary(
  deps: SlackDeps,
  request: Pick<SummaryRequest, 'period' | 'filters'>,
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
  const rendered = summaryBlocks(answer, {
    elapsedMs: now() - startedAt,
    ...(filtersLabel ? { filtersLabel } : {}),
  });
  return { answer, rendered };
}

export async function publishSummary(
  args: Omit<PostSummaryArgs, 'request'>,
  { answer, rendered }: ComputedSummary,
): Promise<PostedSummary> {
  const { client, deps, channel } = args;
  const ts = await postMessage(client, { channel, text: rendered.text, blocks: rendered.blocks });
  const threadKey = threadKeyOf(args.teamId, channel, ts);
  await seedThread(deps, threadKey, answer, (deps.now ?? Date.now)());
  await uploadExtras(
    client,
    deps,
    { teamId: args.teamId, channelId: channel, threadTs: ts, threadKey },
    answer,
    rendered.needsCsv,
  );
  return { ts, threadKey, answer };
}

async function seedThread(deps: SlackDeps, threadKey: string, answer: Answer, at: number): Promise<void> {
  const state: ThreadState = {
    messages: [{ role: 'assistant', text: [answer.headline, ...answer.insights].join('\n'), at }],
    lastAnswer: toStoredAnswer(answer),
    ...(answer.plan ? { lastPlan: answer.plan } : {}),
  };
  if (answer.timeRange) {
    const compareTo = answer.plan?.compareTo;
    state.summaryContext = {
      period: answer.timeRange,
      ...(compareTo && typeof compareTo === 'object' ? { compareTo: compareTo as TimeRange } : {}),
    };
  }
  try {
    await deps.threads.save(threadKey, state);
  } catch (error) {
    // The post is out; follow-ups will work without the seeded context rather than fail.
    deps.logger.warn({ err: error, threadKey }, 'could not seed the summary thread');
  }
}

/** The scheduler's period, or a period keyword ('week', '7d', 'YYYY-MM', …). */
export type PosterPeriod = string | { key: string; timeRange: TimeRange; compareTo?: TimeRange };

/**
 * The scheduler's injected `post(channel, period)`; resolves the workspace id once via auth.test. The scheduler
 * names "the latest complete week in the data", which is exactly what the summary use case's 'week' resolves to
 * on the same data, so its period object maps to the 'week' keyword.
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
      const keyword = typeof period === 'string' ? period : 'week';
      return postSummary({
        client,
        deps,
        teamId: await resolveTeam(),
        channel,
        request: { period: keyword },
      });
    },
  };
}
