import type { App } from '@slack/bolt';
import { homeView } from '../blocks/home-view.js';
import type { SlackDeps } from '../ports.js';
import { slackErrorCode } from '../slack-api.js';
import type { DataStatus } from '../../semantic/data-availability.js';
import type { SchemaInfo } from '../../warehouse/types.js';

/** `app_home_opened`: publish the Home tab (what the bot answers, data coverage, example questions). */
export function registerHomeListener(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    let schema: SchemaInfo | null = null;
    let status: DataStatus | null = null;
    try {
      schema = deps.schema();
      status = deps.dataStatus?.() ?? null;
    } catch (error) {
      deps.logger.warn({ err: error }, 'schema unavailable for App Home');
    }
    try {
      await client.views.publish({ user_id: event.user, view: homeView(schema, status) });
    } catch (error) {
      deps.logger.warn({ err: slackErrorCode(error), user: event.user }, 'views.publish failed');
    }
  });
}
