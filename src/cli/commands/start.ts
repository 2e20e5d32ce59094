import { messages } from '../../slack/messages.js';
import type { CliCommand } from '../types.js';
import { chatCommand } from './chat.js';
import { serveSlack } from './serve.js';

/** `npm start`: the Slack app when Slack is configured, otherwise the local chat shell with a hint. */
export const startCommand: CliCommand = {
  name: 'start',
  summary: 'the Slack app when Slack credentials are set, otherwise the local chat shell',
  usage: [
    'retail-insights start',
    '',
    'With SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN): same as `retail-insights serve`.',
    'Without them: the interactive shell of `retail-insights chat`, answering questions in the terminal.',
  ].join('\n'),
  options: {},
  async run(ctx) {
    const { hasSlackCredentials, loadConfig } = await import('../../config/config.js');
    // Slack (Bolt, express) is loaded only on this branch: the shell never pays for it.
    if (hasSlackCredentials(loadConfig(ctx.env))) return serveSlack(ctx);
    ctx.io.stderr.write(`${messages.startSlackHint}\n\n`);
    return chatCommand.run(ctx);
  },
};
