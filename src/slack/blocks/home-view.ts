import type { types as slack } from '@slack/bolt';
import { formatIndianNumber } from '../../format/money.js';
import type { DataStatus } from '../../semantic/data-availability.js';
import type { SchemaInfo } from '../../warehouse/types.js';
import { messages } from '../messages.js';
import { context, divider, header, section, type KnownBlock } from './kit.js';

/** The App Home tab: what the bot answers, which data it has (tables, rows, dates), example questions. */
export function homeView(schema: SchemaInfo | null, status: DataStatus | null = null): slack.HomeView {
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
  blocks.push(
    section(`*${messages.homeExamplesHeader}*\n${messages.homeExamples.map((q) => `• ${q}`).join('\n')}`),
  );
  blocks.push(context([messages.homeSummaryHint]));
  return { type: 'home', blocks };
}
