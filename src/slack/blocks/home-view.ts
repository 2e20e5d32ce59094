import type { types as slack } from '@slack/bolt';
import { formatIndianNumber } from '../../format/money.js';
import type { DataStatus } from '../../semantic/data-availability.js';
import type { SchemaInfo } from '../../warehouse/types.js';
import { messages } from '../messages.js';
import { scheduleInWords } from '../../scheduler/schedule-words.js';
import { ACTION_HOME_ASK_PREFIX } from '../action-ids.js';
import { actions, button, context, divider, header, section, type KnownBlock } from './kit.js';

/** The App Home tab: what the bot answers, which data it has (tables, rows, dates), example questions. */
export interface HomeSubscription {
  channelId: string;
  cron: string;
  timezone?: string;
}

export function homeView(
  schema: SchemaInfo | null,
  status: DataStatus | null = null,
  subscriptions: HomeSubscription[] | null = null,
  defaultTimeZone = 'Asia/Kolkata',
): slack.HomeView {
  const blocks: KnownBlock[] = [
    header(messages.homeTitle),
    section(messages.homeIntro),
    section(messages.homeHowTo),
    divider(),
    section(`*${messages.homeWhatHeader}*\n${messages.homeWhat}`),
    divider(),
  ];
  if (schema && schema.tables.length > 0) {
    const lines = schema.tables.map((t) =>
      messages.homeTableLine(
        t.name,
        formatIndianNumber(t.rowCount),
        t.dateRange ? messages.homeRange(t.dateRange.from, t.dateRange.to) : undefined,
      ),
    );
    blocks.push(section(`*${messages.homeCoverageHeader}*\n${lines.join('\n')}`, 'coverage'));
    // What loaded from which file, and what did not and why: a missing report is said here, not discovered later.
    if (status)
      blocks.push(
        section(
          `*${messages.homeLoadedHeader}*\n${status.lines.map((l) => `• ${l}`).join('\n')}${
            status.caveat ? `\n:warning: ${status.caveat}` : ''
          }`,
          'loaded',
        ),
      );
  } else {
    blocks.push(section(`*${messages.homeCoverageHeader}*\n${messages.homeNoData}`, 'coverage'));
  }
  blocks.push(divider());
  // Clickable: a click asks the question in the user's DM with the app, and the answer follows there.
  blocks.push(section(`*${messages.homeExamplesHeader}*`, 'examples'));
  blocks.push(
    actions(
      'home_examples',
      messages.homeExamples.map((q, i) => button(q, `${ACTION_HOME_ASK_PREFIX}${i}`, q)),
    ),
  );
  if (subscriptions) {
    const lines = subscriptions.map((s) =>
      messages.homeSubscriptionLine(s.channelId, scheduleInWords(s.cron, s.timezone ?? defaultTimeZone)),
    );
    blocks.push(divider());
    blocks.push(
      section(
        `*${messages.homeSubscriptionsHeader}*\n${lines.length > 0 ? lines.join('\n') : messages.homeNoSubscriptions}`,
        'subscriptions',
      ),
    );
  }
  blocks.push(context([messages.homeSummaryHint]));
  return { type: 'home', blocks };
}
