import type { Answer } from '../../agent/answer.js';
import type { Plan } from '../../semantic/plan.js';
import { recordAnswer } from '../../observability/metrics.js';
import { answerBlocks, errorMessage } from '../blocks/answer-blocks.js';
import { reportToUser } from '../errors.js';
import type { SlackDeps } from '../ports.js';
import { openLiveAnswer } from '../live-answer.js';
import { postAnswerMessage } from '../post-answer.js';
import { postMessage, react, SlackApiError, type WebClient } from '../slack-api.js';
import type { ThreadLocation } from '../thread-key.js';

export const REACTION_WORKING = 'hourglass_flowing_sand';
export const REACTION_DONE = 'white_check_mark';
export const REACTION_FAILED = 'warning';

export interface AnswerJob {
  client: WebClient;
  deps: SlackDeps;
  location: ThreadLocation;
  question: string;
  userId?: string;
  /** For metrics: where the question came from ('thread': a reply in a thread the bot answered, no mention). */
  surface: 'mention' | 'dm' | 'action' | 'thread' | 'assistant';
  /** False for an unmentioned thread reply: answered only if it is a data question (see Turn.addressed). */
  addressed?: boolean;
  /** An alternative reading the user picked: answered as it is, without reading the question. */
  plan?: Plan;
  /** The user's message, to show progress on with reactions. */
  reactTo?: { channel: string; ts: string };
}

/**
 * The one Q&A flow of every surface in Slack (mention, DM, clarification button): progress reaction, one call to
 * the Assistant, then one message in the thread with the table and the chart (see post-answer.ts).
 * Never throws: failures reach the user as a short message with a reference id and the log with the details.
 *
 * The whole reply is one unit of in-flight work, queue wait included: a graceful shutdown waits for the post, the
 * uploads and the reaction swap, not only for the computation, so SIGTERM never leaves half an answer or a ⏳.
 * Work refused at the door (shutting down, queue full) is told so, in the thread.
 */
export async function answerInThread(job: AnswerJob): Promise<Answer | null> {
  const { deps } = job;
  const queued = () => (deps.answerQueue ? deps.answerQueue.run(() => answerNow(job)) : answerNow(job));
  try {
    return await (deps.tracker ? deps.tracker.run(`slack-${job.surface}`, queued) : queued());
  } catch (error) {
    await tellRefused(job, error);
    return null;
  }
}

async function tellRefused(job: AnswerJob, error: unknown): Promise<void> {
  const log = job.deps.logger.child({ threadKey: job.location.threadKey });
  const { ref, userMessage } = reportToUser(log, error, 'answer', { question: job.question });
  const rendered = errorMessage(userMessage, ref);
  await postMessage(job.client, {
    channel: job.location.channelId,
    ...(job.location.threadTs ? { threadTs: job.location.threadTs } : {}),
    text: rendered.text,
    blocks: rendered.blocks,
  }).catch((postError: unknown) => log.error({ err: postError, ref }, 'could not post the refusal'));
}

async function answerNow(job: AnswerJob): Promise<Answer | null> {
  const { client, deps, location } = job;
  const now = deps.now ?? Date.now;
  const log = deps.logger.child({ threadKey: location.threadKey });
  if (job.reactTo) {
    await react(client, log, 'add', {
      channel: job.reactTo.channel,
      timestamp: job.reactTo.ts,
      name: REACTION_WORKING,
    });
  }
  const startedAt = now();
  let answer: Answer | null = null;
  let ok = false;
  deps.metrics?.requests.inc({ surface: job.surface });
  // The answer's one message, live while it is made: streamed where Slack can, otherwise updated in place.
  const live = openLiveAnswer(
    client,
    {
      channel: location.channelId,
      ...(location.threadTs ? { threadTs: location.threadTs } : {}),
      ...(job.userId && location.teamId
        ? { recipient: { userId: job.userId, teamId: location.teamId } }
        : {}),
      ...(job.addressed === false ? { quietUntilQuerying: true } : {}),
    },
    { ...deps.liveAnswer, logger: log },
  );
  try {
    answer = await deps.assistant.ask(
      {
        threadKey: location.threadKey,
        text: job.question,
        ...(job.userId ? { userId: job.userId } : {}),
        ...(job.addressed === false ? { addressed: false } : {}),
        ...(job.plan ? { plan: job.plan } : {}),
      },
      { onProgress: (event) => live.onProgress(event) },
    );
    if (answer.ignored) {
      log.debug('unaddressed thread reply is not a data question; not answering');
      await live.discard();
      ok = true;
      return answer;
    }
    if (deps.metrics) recordAnswer(deps.metrics, job.surface, answer);
    if (answer.status === 'error') {
      log.warn(
        { errorRef: answer.errorRef, errorCode: answer.errorCode },
        'assistant answered with an error',
      );
    }
    const elapsedMs = now() - startedAt;
    const done = answer;
    await postAnswerMessage(
      client,
      deps,
      { channel: location.channelId, ...(location.threadTs ? { threadTs: location.threadTs } : {}) },
      answer,
      (chartFileId) => answerBlocks(done, { elapsedMs, ...(chartFileId ? { chartFileId } : {}) }),
      (rendered) =>
        live.deliver(
          rendered,
          done.status === 'answered' ? { headline: done.headline, insights: done.insights } : null,
        ),
    );
    ok = answer.status !== 'error';
  } catch (error) {
    const { ref, userMessage } = reportToUser(log, error, 'answer', { question: job.question });
    if (error instanceof SlackApiError)
      deps.metrics?.slackApiErrors.inc({ method: 'post', code: error.slackError });
    // Not in the channel / archived: posting the error would fail the same way, the log has it.
    if (!(error instanceof SlackApiError)) {
      // In place of whatever was shown so far (the placeholder or the stream), or as a new post.
      await live
        .deliver(errorMessage(userMessage, ref), null)
        .catch((postError: unknown) =>
          log.error({ err: postError, ref }, 'could not post the error message'),
        );
    }
  } finally {
    if (job.reactTo) {
      const target = { channel: job.reactTo.channel, timestamp: job.reactTo.ts };
      await react(client, log, 'remove', { ...target, name: REACTION_WORKING });
      await react(client, log, 'add', { ...target, name: ok ? REACTION_DONE : REACTION_FAILED });
    }
  }
  return answer;
}
