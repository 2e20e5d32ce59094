import type { CliCommand, CliContext } from '../types.js';

/** Starts the Slack app (HTTP or Socket Mode) and the weekly-summary scheduler; runs until SIGTERM/SIGINT. */
export async function serveSlack(ctx: CliContext): Promise<number> {
  const [{ loadConfig }, { slackSettingsFromConfig }] = await Promise.all([
    import('../../config/config.js'),
    import('../../slack/app.js'),
  ]);
  // Check the Slack variables before loading any data, so a missing one fails in a second with its name.
  slackSettingsFromConfig(loadConfig(ctx.env));
  const [services, { runSlackServer }] = await Promise.all([
    ctx.services({ server: true }),
    import('../../server.js'),
  ]);
  const server = await runSlackServer(services);
  if (server.running.url) ctx.io.stderr.write(`Slack app listening on ${server.running.url}\n`);
  else ctx.io.stderr.write('Slack app connected in Socket Mode\n');
  const report = await server.done;
  return report.exitCode;
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'run the Slack app (HTTP mode with SLACK_SIGNING_SECRET, Socket Mode with SLACK_APP_TOKEN)',
  usage: [
    'retail-insights serve',
    '',
    'Runs the Slack bot: mentions, DMs, /retail-summary, App Home, scheduled weekly summaries.',
    'Needs SLACK_BOT_TOKEN and either SLACK_SIGNING_SECRET (HTTP: POST /slack/events on PORT, default 3000)',
    'or SLACK_APP_TOKEN (Socket Mode). /healthz, /readyz and /metrics are served on the same port.',
  ].join('\n'),
  options: {},
  run: serveSlack,
};
