/**
 * Every user-visible string of the Slack surface, in one place (wording reviews, future translation).
 * Functions where the text needs values; nothing here knows about Block Kit.
 */
export const BOT_NAME = 'Retail Insights';

export const messages = {
  // Answers
  showSqlButton: 'Show SQL',
  downloadCsvButton: 'Download CSV',
  feedbackUpButton: '👍',
  feedbackDownButton: '👎',
  notWhatIMeantButton: 'Not what I meant',
  readingLine: (reading: string) => `Read as: ${reading}`,
  alternativesPrompt: 'Did you mean one of these? Pick one and I will answer it:',
  rephrasePrompt:
    'Sorry about that. I have no other reading of that question, so tell me in other words in this thread: the number, the breakdown and the dates, e.g. “orders by state in May 2022”.',
  clarifyPrompt: 'Pick one and I will answer it:',
  optionChosen: (label: string) => `:point_right: You chose *${label}*`,
  suggestionsPrompt: 'You could also ask:',
  refusedHint: 'Here is what I can answer instead:',
  tableMore: (shown: number, total: number) =>
    `Showing ${shown} of ${total} rows — the full result is attached as a CSV file.`,
  truncatedNote: 'The result was cut at the row limit; narrow the question for the full list.',
  contextDefinition: (definition: string) => `*Definition:* ${definition}`,
  contextDates: (label: string, from: string, to: string) =>
    `*Dates:* ${label.includes(from) ? label : `${label} (${from} to ${to})`}`,
  contextSource: (source: string) => `*Source:* ${source}`,
  contextTime: (ms: number) =>
    `*Time:* ${ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`}`,
  validationWarning: (notes: string[]) => `:warning: ${notes.join(' ')}`,
  chartTitle: (title: string) => title,
  chartAltText: (title: string) => `Chart: ${title}`,
  csvTitle: (question: string) => `Result: ${question}`.slice(0, 250),
  csvComment: 'The full result as CSV.',

  // Buttons that reuse the stored result
  sqlHeader: 'The SQL behind this answer:',
  noSql: 'This answer did not need a SQL query.',
  staleButton:
    'This button belongs to an earlier answer in this thread, and I only keep the latest one. Ask the question again to get it back.',
  nothingStored:
    'I no longer have that result (threads are remembered for a limited time). Ask the question again and I will fetch it.',
  optionExpired:
    'That option has expired (threads are remembered for a limited time). Ask the question again and I will offer fresh choices.',
  optionOutdated: (label: string) =>
    `"${label}" belongs to an older answer in this thread, and I keep the options of the latest answers only. Ask for it in a message and I will answer it.`,
  noRows: 'That answer has no table to download.',
  csvUploaded: 'Here is the CSV.',
  feedbackThanksUp: 'Thanks! Glad that helped.',
  feedbackModalTitle: 'What was wrong?',
  feedbackModalSubmit: 'Send',
  feedbackModalCancel: 'Cancel',
  feedbackReasonLabel: 'What was wrong with the answer?',
  feedbackReasons: {
    number: 'The number',
    reading: 'How the question was read',
    chart: 'The chart',
    other: 'Something else',
  },
  feedbackCommentLabel: 'Anything else? (optional)',
  feedbackThanksDown:
    'Thanks for telling me. Try rephrasing, or use Show SQL to see exactly what I counted — the team reviews this feedback.',

  // Errors
  errorWithRef: (userMessage: string, ref: string) =>
    `Sorry, I couldn't answer that. ${userMessage} (reference: \`${ref}\`)`,
  genericError: 'Something went wrong on my side.',
  notInChannel: (botName: string) =>
    `I can't post in this channel yet — invite me with \`/invite @${botName}\` and try again.`,
  channelArchived: 'This channel is archived, so I cannot post the answer here.',
  uploadFailed: 'I could not upload the chart this time; the numbers above are complete.',
  emptyQuestion:
    'Ask me a question about the sales data, for example “What was revenue in June?” or “Top 5 states by orders”.',

  // /retail-summary
  summaryWorking: (what: string) => `:hourglass_flowing_sand: Working on the summary for ${what}…`,
  summaryDefaultPeriod: 'the latest full week in the data',
  periodLabels: {
    week: 'the latest full week in the data',
    '7d': 'the last 7 days in the data',
    '30d': 'the last 30 days in the data',
    month: 'the latest month in the data',
    all: 'all the data',
  },
  summaryHeader: (label: string) => `Sales summary — ${label}`,
  summaryFilteredBy: (filters: string) => `Filtered by ${filters}`,
  summaryPostedElsewhere:
    'I could not post in this channel, so here is the summary just for you. Invite me with `/invite @Retail Insights` to share it.',
  summaryHelp: [
    '*`/retail-summary [period] [filters]`* — a sales summary posted in this channel, with a dashboard chart.',
    '• *period*: `week` (default: the latest full week in the data), `7d`, `30d`, `month`, `YYYY-MM` (e.g. `2022-05`), `all`',
    '• *filters*: `dimension=value[,value]`, e.g. `category=Kurta` or `state=Maharashtra,Karnataka`',
    '• `/retail-summary subscribe [cron]` — post a summary here on a schedule (default every Monday 09:00)',
    '• `/retail-summary unsubscribe` — stop the scheduled posts in this channel',
    '• `/retail-summary subscriptions` — list the channels that get scheduled posts',
    'Examples: `/retail-summary`, `/retail-summary 2022-05`, `/retail-summary 30d category=Set`',
  ].join('\n'),
  summaryBadOption: (problem: string) => `${problem}\nType \`/retail-summary help\` for the options.`,
  unknownPeriodOrOption: (token: string) =>
    `I don't understand \`${token}\`. A period is one of \`week\`, \`7d\`, \`30d\`, \`month\`, \`YYYY-MM\`, \`all\`; a filter looks like \`category=Kurta\`.`,
  twoPeriods: (a: string, b: string) => `Give one period, not two (\`${a}\` and \`${b}\`).`,
  badFilter: (token: string) => `The filter \`${token}\` needs a value, like \`category=Kurta\`.`,
  badCron: (cron: string, reason: string) =>
    `\`${cron}\` is not a schedule I can use: ${reason} Example: \`0 9 * * 1\` for Mondays at 09:00.`,
  subscribed: (cron: string, tz: string) =>
    `Subscribed: this channel will get a sales summary on the schedule \`${cron}\` (${tz}). Use \`/retail-summary unsubscribe\` to stop.`,
  unsubscribed: 'Unsubscribed: no more scheduled summaries in this channel.',
  notSubscribed: 'This channel has no scheduled summary.',
  noSubscriptions: 'No channel gets scheduled summaries yet. Use `/retail-summary subscribe` in a channel.',
  subscriptionsList: (lines: string[]) => `Channels with scheduled summaries:\n${lines.join('\n')}`,
  subscriptionLine: (channelId: string, cron: string) => `• <#${channelId}> — \`${cron}\``,
  subscriptionsUnavailable: 'Scheduled summaries are not enabled on this server.',
  dmNotSubscribable:
    'Scheduled summaries go to channels; run this command in the channel that should get them.',

  // The assistant surface (the AI-app side panel)
  assistantThreadTitle: 'Sales questions',
  assistantPromptsTitle: 'Try asking',
  assistantPromptsCoverage: (range: string) => `Ask about the sales data (${range})`,
  assistantPromptsFromChannel: (channelId: string) => `You opened me from <#${channelId}>.`,
  assistantPromptsUndated: [
    { title: 'Revenue by category', message: 'Revenue by category' },
    { title: 'Top 5 states by orders', message: 'Top 5 states by orders' },
    { title: 'Cancellation rate by month', message: 'Cancellation rate by month' },
  ],
  assistantPromptsFor: (month: string) => [
    { title: `Revenue by state in ${month}`, message: `Revenue by state in ${month}` },
    { title: `Top 5 categories in ${month}`, message: `Top 5 categories by orders in ${month}` },
    { title: 'Cancellation rate by month', message: 'Cancellation rate by month' },
    { title: 'Revenue by week as a line chart', message: 'Revenue by week as a line chart' },
  ],
  /** The stages an answer goes through, rotated by Slack while the bot works (assistant.threads.setStatus). */
  assistantStatus: 'is working on it…',
  assistantLoadingMessages: ['Reading the question…', 'Querying the sales data…', 'Drawing the chart…'],
  /** The placeholder's line while an answer is made (one post, updated in place), per stage. */
  stageLine: {
    reading: '_Reading the question…_',
    querying: '_Querying the sales data…_',
    charting: '_Drawing the chart…_',
  } as const,

  // App Home
  homeTitle: `:bar_chart: ${BOT_NAME}`,
  homeIntro:
    'Ask me about the sales data in plain English. I answer with the number, a chart and a short insight, and I say which definition and dates I used.',
  homeHowTo:
    '*How to ask:* mention me in a channel (`@Retail Insights revenue by category in May`), or message me here in the Messages tab. Reply in the thread to follow up (“and in June?”, “only for Kurta”, “show that as a pie”).',
  homeWhatHeader: 'What I can answer',
  homeWhat: [
    '• Revenue (gross and net of cancellations), orders, units, average order value',
    '• Cancellation and return rates, B2B share, fulfilment and courier status',
    '• Breakdowns by category, size, state, city, SKU, sales channel and by day / week / month',
    '• Stock on hand, MRP by marketplace, international (wholesale) sales',
    '• `/retail-summary` for a KPI summary with a dashboard chart',
  ].join('\n'),
  homeCoverageHeader: 'Data coverage',
  homeLoadedHeader: 'What loaded',
  homeTableLine: (name: string, rows: string, range?: string) =>
    `• \`${name}\` — ${rows} rows${range ? `, ${range}` : ''}`,
  homeRange: (from: string, to: string) => `${from} to ${to}`,
  homeSummaryHint: '`/retail-summary help` lists the summary options.',
  homeNoData: 'The data is still loading; come back in a minute.',
  homeExamplesHeader: 'Try asking (click one: I answer in our direct messages)',
  homeSubscriptionsHeader: 'Scheduled summaries',
  homeSubscriptionLine: (channelId: string, schedule: string) => `• <#${channelId}> — ${schedule}`,
  homeNoSubscriptions: 'None yet. Run `/retail-summary subscribe` in a channel to get one.',
  homeAsked: (question: string) => `You asked: *${question}*`,
  homeExamples: [
    'What was total revenue in April 2022?',
    'Top 5 states by revenue last month',
    'Cancellation rate by category',
    'Which sizes sell the most Kurtas?',
    'Revenue by week in June as a line chart',
  ],
  startSlackHint:
    'Slack is not connected. To run the Slack bot, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode), then run `retail-insights start` again. See README “Create the Slack app”.',
  missingSlackConfig: (names: string[]) =>
    `The Slack app needs ${names.join(' and ')}. Set ${names.length > 1 ? 'them' : 'it'} (see .env.example and the README “Create the Slack app”).`,
  badChannelId: (channel: string) =>
    `"${channel}" is not a Slack channel id (it looks like C0123ABCD; in Slack: channel name → View channel details → the id at the bottom).`,
  summaryPostedTo: (channel: string, ts: string) => `Posted the summary to ${channel} (message ${ts}).`,
  listening: (mode: string, where: string) => `Retail Insights Slack app running (${mode}) ${where}`,
} as const;
