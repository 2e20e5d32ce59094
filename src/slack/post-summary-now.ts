import { webApi } from '@slack/bolt';
import { AppError } from '../errors.js';
import type { Services } from '../main.js';
import { buildSlackDeps } from './deps.js';
import { messages } from './messages.js';
import { WEB_CLIENT_RETRY_CONFIG, WEB_CLIENT_TIMEOUT_MS } from './slack-api.js';
import { createSummaryPoster, type PostedSummary } from './summary-poster.js';

/**
 * `retail-insights summary --post CHANNEL [--period P]`: posts one summary now, exactly as the weekly job does
 * (top-level message, dashboard PNG in its thread, thread seeded for follow-ups). Needs only SLACK_BOT_TOKEN
 * (and SLACK_API_URL when not slack.com): no receiver is started.
 */
export async function postSummaryNow(
  services: Services,
  channel: string,
  period?: string,
): Promise<PostedSummary> {
  const { config } = services;
  if (!config.SLACK_BOT_TOKEN)
    throw new AppError('CONFIG_INVALID', messages.missingSlackConfig(['SLACK_BOT_TOKEN']));
  if (!/^[CGD][A-Z0-9]{2,}$/.test(channel)) {
    throw new AppError('BAD_INPUT', messages.badChannelId(channel));
  }
  const client = new webApi.WebClient(config.SLACK_BOT_TOKEN, {
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL.replace(/\/?$/, '/') } : {}),
    retryConfig: WEB_CLIENT_RETRY_CONFIG,
    timeout: WEB_CLIENT_TIMEOUT_MS,
  });
  const deps = buildSlackDeps({
    config,
    logger: services.logger,
    kv: services.kv,
    assistant: services.assistant,
    schema: () => services.warehouse.schema(),
    metrics: services.metrics,
  });
  return createSummaryPoster(client, deps).post(channel, period);
}
