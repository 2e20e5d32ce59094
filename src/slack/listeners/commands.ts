import type { App } from '@slack/bolt';
import { section } from '../blocks/kit.js';
import { isAppError } from '../../errors.js';
import { reportToUser } from '../errors.js';
import { messages } from '../messages.js';
import { describeFilters, parseSummaryCommand } from '../parse-summary-command.js';
import type { SlackDeps } from '../ports.js';
import { SlackApiError } from '../slack-api.js';
import { computeSummary, publishSummary, type ComputedSummary } from '../summary-poster.js';
import { isDirectMessageChannel } from '../thread-key.js';

export const SUMMARY_COMMAND = '/retail-summary';

/** Store operations answer inside the 3 s ack window or the user gets a message, never silence. */
const STORE_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * `/retail-summary`: ack within Slack's 3 s with an ephemeral line (help, a problem, or "Working on…"), then do
 * the slow part and post the summary in the channel. Failures after the ack go back via response_url.
 */
export function registerSummaryCommand(app: App, deps: SlackDeps): void {
  app.command(SUMMARY_COMMAND, async ({ command, ack, respond, client }) => {
    const parsed = parseSummaryCommand(command.text ?? '');
    const ephemeral = (text: string) => ({ response_type: 'ephemeral' as const, text });
    switch (parsed.kind) {
      case 'help':
        await ack(ephemeral(messages.summaryHelp));
        return;
      case 'invalid':
        await ack(ephemeral(parsed.message));
        return;
      case 'subscribe':
      case 'unsubscribe':
      case 'subscriptions': {
        const store = deps.subscriptions;
        if (!store) {
          await ack(ephemeral(messages.subscriptionsUnavailable));
          return;
        }
        if (parsed.kind !== 'subscriptions' && isDirectMessageChannel(command.channel_id)) {
          await ack(ephemeral(messages.dmNotSubscribable));
          return;
        }
        try {
          if (parsed.kind === 'subscribe') {
            const cron = parsed.cron ?? deps.defaultCron;
            try {
              await withTimeout(
                store.add({ channelId: command.channel_id, cron, createdBy: command.user_id }),
                STORE_TIMEOUT_MS,
              );
            } catch (error) {
              if (isAppError(error) && error.code === 'BAD_INPUT') {
                await ack(ephemeral(messages.summaryBadOption(messages.badCron(cron, error.userMessage))));
                return;
              }
              throw error;
            }
            deps.onSubscriptionsChanged?.();
            await ack(ephemeral(messages.subscribed(cron, deps.summaryTimeZone)));
          } else if (parsed.kind === 'unsubscribe') {
            const removed = await withTimeout(store.remove(command.channel_id), STORE_TIMEOUT_MS);
            if (removed) deps.onSubscriptionsChanged?.();
            await ack(ephemeral(removed ? messages.unsubscribed : messages.notSubscribed));
          } else {
            const list = await withTimeout(store.list(), STORE_TIMEOUT_MS);
            await ack(
              ephemeral(
                list.length === 0
                  ? messages.noSubscriptions
                  : messages.subscriptionsList(
                      list.map((s) => messages.subscriptionLine(s.channelId, s.cron)),
                    ),
              ),
            );
          }
        } catch (error) {
          const { ref, userMessage } = reportToUser(deps.logger, error, 'subscription', {
            kind: parsed.kind,
          });
          await ack(ephemeral(messages.errorWithRef(userMessage, ref)));
        }
        return;
      }
      case 'summary': {
        await ack(ephemeral(messages.summaryWorking(parsed.description)));
        const filtersLabel = parsed.request.filters ? describeFilters(parsed.request.filters) : undefined;
        let computed: ComputedSummary | undefined;
        try {
          computed = await computeSummary(deps, parsed.request, filtersLabel);
          await publishSummary(
            {
              client,
              deps,
              teamId: command.team_id,
              channel: command.channel_id,
              ...(filtersLabel ? { filtersLabel } : {}),
            },
            computed,
          );
        } catch (error) {
          if (
            computed &&
            error instanceof SlackApiError &&
            ['not_in_channel', 'channel_not_found'].includes(error.slackError)
          ) {
            // The bot cannot post here (a private channel it is not in, a DM): give the user the summary itself.
            await respond({
              response_type: 'ephemeral',
              text: `${messages.summaryPostedElsewhere}\n${computed.rendered.text}`,
              blocks: [section(messages.summaryPostedElsewhere), ...computed.rendered.blocks],
            }).catch((e: unknown) =>
              deps.logger.error({ err: e }, 'could not send the summary via response_url'),
            );
            return;
          }
          const { ref, userMessage } = reportToUser(deps.logger, error, 'summary', {
            channel: command.channel_id,
          });
          await respond(ephemeral(messages.errorWithRef(userMessage, ref))).catch((e: unknown) =>
            deps.logger.error({ err: e, ref }, 'could not tell the user the summary failed'),
          );
        }
        return;
      }
    }
  });
}
