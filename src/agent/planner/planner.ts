import type { Catalog } from '../../semantic/catalog.js';
import { dimensionSources } from '../../semantic/catalog.js';
import type { DataProfile } from '../../semantic/data-profile.js';
import type { ChartPreference, Filter, Plan, Source, TimeRange } from '../../semantic/plan.js';
import { PlanSchema } from '../../semantic/plan.js';
import { addDays } from '../../semantic/time-range.js';
import { ValueIndex } from '../../semantic/value-match.js';
import type { Suggestion } from '../answer.js';
import type { Resolution, Resolver, ResolverInput } from '../resolver/resolver.js';
import { describeDataWeHave, questionForPlan } from './describe.js';
import { NUMBER_WORDS, detectTime, resolveTime, type TimeSpec } from './time-expressions.js';
import { FILLER_WORDS, looksLikeInjection } from './vocabulary.js';
import { inSentence } from '../../semantic/label-text.js';

/**
 * The deterministic planner: question (+ the thread's previous plan) → Plan, with no network and no model.
 * It recognises catalog phrases (metrics, dimensions), time expressions and filter values that exist in the data;
 * anything it cannot account for makes it ask rather than guess, because a confident wrong number is the worst
 * outcome. It only ever emits Plans: text from the question never becomes SQL.
 */
export interface PlannerDeps {
  catalog: Catalog;
  profile: DataProfile;
}

export interface Planner extends Resolver {
  /** The same as resolve(), synchronously (the planner does no I/O). */
  resolveSync(input: ResolverInput): Resolution;
}

type Phrase = { text: string; kind: 'metric' | 'dimension'; id: string };

/** Dimensions tried, in order, when a word could be a value of several ("delhi": state before city). */
const VALUE_PRIORITY = [
  'category',
  'state',
  'size',
  'city',
  'status',
  'courier_status',
  'fulfilment',
  'service_level',
  'sales_channel',
  'marketplace',
  'color',
  'customer',
  'style',
  'sku',
];

/** Values that are also ordinary words: matched only in a clear context ("for Set", "tops", "size M"). */
const COMMON_WORD_VALUES = new Set([
  'top',
  'set',
  'bottom',
  'free',
  'shipped',
  'shipping',
  'standard',
  'amazon',
  'pending',
  'cancelled',
  'merchant',
  's',
  'm',
  'l',
  'blue',
  'red',
  'black',
  'white',
  'green',
  'pink',
  'grey',
  'cream',
]);
const SIZE_LETTERS = new Set(['s', 'm', 'l']);

const DRIVER_DIMENSIONS = ['category', 'state', 'size', 'fulfilment', 'style', 'customer', 'marketplace'];
const CHART_WORDS: Record<string, ChartPreference> = {
  pie: 'pie',
  donut: 'donut',
  doughnut: 'donut',
  line: 'line',
  bar: 'bar',
  bars: 'bar',
  column: 'bar',
  table: 'table',
  heatmap: 'heatmap',
  'heat map': 'heatmap',
  'stacked bar': 'stacked_bar',
  stacked: 'stacked_bar',
  'grouped bar': 'grouped_bar',
  grouped: 'grouped_bar',
};

export function createPlanner(deps: PlannerDeps): Planner {
  const { catalog, profile } = deps;
  const phrases = buildPhrases(catalog);
  const metricWords = phrases
    .filter((p) => p.kind === 'metric')
    .map((p) => escapeRe(p.text))
    .join('|');
  const indexes = buildIndexes(catalog, profile);

  const resolveSync = (input: ResolverInput): Resolution => {
    try {
      return plan(input);
    } catch (error) {
      // The planner is pure logic; a bug here must become a question back, never a wrong answer.
      return clarify(
        "I couldn't work out that question. Could you rephrase it, for example naming the metric and period?",
        defaultOptions(),
      );
      void error;
    }
  };

  function defaultOptions(): Suggestion[] {
    const latest = profile.dateRanges.amazon_sales?.to;
    const last = latest ? resolveTime({ kind: 'calendar', unit: 'month', offset: 0 }, latest) : undefined;
    const when = last ? ` in ${last.label}` : '';
    return [
      { label: 'Revenue by category', question: `What was revenue by category${when}?` },
      { label: 'Top states by revenue', question: `Top 5 states by revenue${when}` },
      { label: 'Revenue month by month', question: 'Revenue by month' },
      { label: 'Cancellation rate', question: `What was the cancellation rate${when}?` },
    ];
  }

  function plan(input: ResolverInput): Resolution {
    const original = input.question.trim();
    const previous = input.previousPlan;
    previousSource = previous?.source;
    if (!original) return clarify('What would you like to know about the sales data?', defaultOptions());
    if (looksLikeInjection(original)) {
      return refuse(
        "I can only answer questions about the sales data; I don't run commands or SQL from messages. " +
          describeDataWeHave(catalog, profile),
      );
    }
    let text = normalize(original);

    for (const group of catalog.outOfScope) {
      const hit = group.words.find((w) => new RegExp(`(?<![\\w])${escapeRe(w)}(?![\\w])`).test(text));
      if (hit) {
        return refuse(`I don't have data on ${group.reason}. ${describeDataWeHave(catalog, profile)}`);
      }
    }

    const notes: string[] = [];
    let confidence = 0.95;

    // Presentation: "as a pie", "show that as a line chart".
    let chart: ChartPreference | undefined;
    const chartRe =
      /\b(?:(?:show|display|draw|plot|make|render|put|turn|give)\s+(?:it|that|this|these|them|those|me)?\s*)?(?:as|in|into|on|with)?\s*(?:a|an)?\s*(pie|donut|doughnut|line|bar|bars|column|table|heat map|heatmap|stacked bar|stacked|grouped bar|grouped)\s*(?:chart|graph|plot|view)?\b/;
    const chartMatch = chartRe.exec(text);
    if (chartMatch && /\b(chart|graph|plot|as|pie|donut|doughnut|heatmap|heat map)\b/.test(chartMatch[0])) {
      chart = CHART_WORDS[chartMatch[1]!] ?? 'auto';
      text = blank(text, chartMatch.index, chartMatch[0].length);
    } else {
      const generic =
        /\b(?:show|display|draw|plot|make|render|put|turn)?\s*(?:it|that|this|these|them)?\s*(?:as|in|into)\s+(?:a\s+)?(?:chart|graph|plot|visual)\b|\b(?:chart|graph|plot|visuali[sz]e) (?:it|that|this|them)\b/.exec(
          text,
        );
      if (generic) {
        chart = 'auto';
        text = blank(text, generic.index, generic[0].length);
      }
    }

    // "why?" / "what drove that?" explains the previous result.
    const explainRe =
      /^\s*(?:but\s+|and\s+|so\s+)?(why|how come|what drove|what caused|what explains|explain|reason|reasons|what's behind|what is behind|drivers?)\b/;
    const explain = explainRe.test(text);
    if (explain) text = text.replace(explainRe, ' ');

    const followUpLead =
      /^\s*(and|what about|how about|now|same for|same but|but|then|ok|okay|also|only|just|instead)\b/.test(
        text,
      );

    // Excluding cancelled lines: a filter, whichever metric is asked.
    const filters: Filter[] = [];
    const exclCancel =
      /\b(?:excluding|excl\.?|without|except|minus|not counting|ignoring|non)[- ](?:the\s+)?cancel\w*(?:\s+orders?)?\b/;
    const exclMatch = exclCancel.exec(text);
    if (exclMatch) {
      filters.push({ dimension: 'status', op: 'not_in', values: ['Cancelled'] });
      text = blank(text, exclMatch.index, exclMatch[0].length);
    }

    // Time words, resolved later once the source (and its latest date) is known.
    const time = detectTime(text);
    text = ` ${time.rest} `;

    // Ranking words.
    let limit: number | undefined;
    let direction: 'asc' | 'desc' | undefined;
    const topN =
      /\b(top|best|highest|biggest|largest|leading|bottom|worst|lowest|smallest|least)\s+(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)\b/.exec(
        text,
      );
    if (topN) {
      limit = Number(topN[2]) || NUMBER_WORDS[topN[2]!];
      direction = /bottom|worst|lowest|smallest|least/.test(topN[1]!) ? 'asc' : 'desc';
      text = blank(text, topN.index, topN[0].length);
    }

    // How many + sell → units.
    const howManySold = /\bhow many\b[^?]*\b(sold|sell|selling|pieces|units)\b/.test(text);

    // "Set revenue": a category that is also an English word reads as a value right before a metric.
    text = text.replace(
      new RegExp(`(^|\\s)(set|free)\\s+(?=(?:${metricWords})(?![\\w]))`, 'g'),
      (_m, lead: string, word: string) => `${lead}for ${word} `,
    );

    const beforePhrases = text;
    // Catalog phrases, longest first, so "sales channel" is a dimension and not "sales".
    const foundMetrics: { id: string; at: number; text: string }[] = [];
    const foundDims: { id: string; at: number; text: string }[] = [];
    for (const p of phrases) {
      const re = new RegExp(`(?<![\\w.])${escapeRe(p.text)}(?![\\w])`, 'g');
      let m: RegExpExecArray | null;
      while ((m = re.exec(text))) {
        if (p.kind === 'metric') foundMetrics.push({ id: p.id, at: m.index, text: p.text });
        else foundDims.push({ id: p.id, at: m.index, text: p.text });
        text = blank(text, m.index, m[0].length);
      }
    }
    foundMetrics.sort((a, b) => a.at - b.at);
    foundDims.sort((a, b) => a.at - b.at);
    // "Which category sold the most units": "sold" alone means revenue, but next to a named metric it is only
    // the verb, and the named metric is what was asked.
    if (foundMetrics.some((m) => m.text !== 'sold')) {
      for (let i = foundMetrics.length - 1; i >= 0; i--)
        if (foundMetrics[i]!.text === 'sold') foundMetrics.splice(i, 1);
    }

    // Yes/no dimensions: "B2B revenue" is a filter; "revenue by B2B", "B2B vs B2C" a breakdown.
    for (const d of [...foundDims]) {
      if (catalog.dimensions[d.id]?.type !== 'boolean') continue;
      const before = beforePhrases.slice(Math.max(0, d.at - 24), d.at);
      const after = beforePhrases.slice(d.at + d.text.length, d.at + d.text.length + 16);
      const grouping =
        /\b(by|per|across|split|vs|versus|or|each|between)\s*$/.test(before) ||
        /^\s*(vs|versus|or|wise|split|breakdown)\b/.test(after) ||
        /\b(vs|or|type)\b/.test(d.text);
      if (grouping) continue;
      const negative = /\b(non|without|no|excluding|not)[\s-]*$/.test(before);
      foundDims.splice(foundDims.indexOf(d), 1);
      filters.push({ dimension: d.id, op: 'in', values: [!negative] });
    }
    const b2c = /\bb2c\b/.exec(text);
    if (b2c && catalog.dimensions.b2b) {
      filters.push({ dimension: 'b2b', op: 'in', values: [false] });
      text = blank(text, b2c.index, b2c[0].length);
    }

    let metricIds = unique(foundMetrics.map((m) => m.id));
    // "international sales", "wholesale units", "sales by customer": the international report's own metrics.
    const intlOnly = foundDims.some((d) => {
      const s = dimensionSources(catalog, d.id);
      return s.length === 1 && s[0] === 'international_sales';
    });
    if (/\b(international|wholesale|export|exports|overseas)\b/.test(normalize(original)) || intlOnly) {
      const intl: Record<string, string> = { revenue: 'intl_revenue', units: 'intl_pcs' };
      metricIds = unique(metricIds.map((id) => intl[id] ?? id));
    }
    if (howManySold && (metricIds.length === 0 || (metricIds.length === 1 && metricIds[0] === 'revenue'))) {
      metricIds = ['units'];
    }
    // "revenue from cancelled orders": "cancelled" is then a status, not a second metric.
    const adjectiveCancel = foundMetrics.find(
      (m) =>
        m.id === 'cancelled_orders' && /^(cancelled|canceled|cancelled orders|canceled orders)$/.test(m.text),
    );
    if (adjectiveCancel && metricIds.length > 1) {
      metricIds = metricIds.filter((id) => id !== 'cancelled_orders');
      filters.push({ dimension: 'status', op: 'in', values: ['Cancelled'] });
    }
    const adjectiveReturn = foundMetrics.find((m) => m.id === 'returns' && /^(returned)$/.test(m.text));
    if (adjectiveReturn && metricIds.length > 1) {
      metricIds = metricIds.filter((id) => id !== 'returns');
      filters.push({
        dimension: 'status',
        op: 'in',
        values: [
          'Shipped - Returned to Seller',
          'Shipped - Returning to Seller',
          'Shipped - Rejected by Buyer',
        ],
      });
    }

    // Share and comparison words.
    const shareRe =
      // "%" is not a word character, so \b cannot bracket it.
      /\b(share|percentage|percent|proportion|contribution|contributes?|contributed|mix|portion|fraction|split)\b|%/;
    const share = shareRe.test(text);
    const growthRe =
      /\b(growth|grow|grew|growing|change|changed|changes|increase|increased|decrease|decreased|decline|declined|drop|dropped|fell|fall|rise|rose|trend vs|compared? (?:to|with) (?:the )?(?:previous|prior|last) period|vs (?:the )?previous period|delta|difference)\b/;
    const growth = growthRe.test(text) || time.comparePrevious;

    // Group-by from dimension phrases; time-series words.
    const rankingWord =
      /\b(top|best|highest|biggest|largest|most|leading|bottom|worst|lowest|smallest|least|which|what|rank|ranking|ranked)\b/;
    const ranking = Boolean(topN) || rankingWord.test(text);
    let groupBy = unique(foundDims.map((d) => d.id));
    const trend = /\b(trend|trends|trending|over time|timeline|progression|evolution|time series)\b/.test(
      text,
    );

    // Source: from the metrics, else from the previous plan, else the order data.
    const metricSources = unique(metricIds.map((id) => catalog.metrics[id]!.source));
    if (metricSources.length > 1) {
      return clarify(
        'Those numbers come from different reports, so I can answer them one at a time. Which one first?',
        metricIds.slice(0, 4).map((id) => {
          const on = catalog.metrics[id]!.source;
          const dims = groupBy.filter((d) => dimensionSources(catalog, d).includes(on));
          const by = dims.length
            ? ` by ${dims.map((d) => inSentence(catalog.dimensions[d]!.label)).join(' and ')}`
            : '';
          return {
            label: catalog.metrics[id]!.label,
            question: `${capitalise(firstSynonym(catalog, id))}${by}`,
          };
        }),
      );
    }
    // A follow-up edits the previous plan: it has no metric of its own but changes something ("and in June?",
    // "only for Kurta", "as a pie", "why?"), or it starts like one ("what about units?").
    const changesSomething =
      Boolean(time.current) ||
      time.comparePrevious ||
      foundDims.length > 0 ||
      filters.length > 0 ||
      Boolean(topN) ||
      shareRe.test(text) ||
      growthRe.test(text) ||
      chart !== undefined ||
      explain ||
      hasValueWords(text);
    const isFollowUp =
      previous !== undefined &&
      ((metricIds.length === 0 && changesSomething) ||
        (followUpLead && changesSomething) ||
        (followUpLead && metricIds.length > 0));
    let source: Source =
      (metricSources[0] as Source | undefined) ?? (isFollowUp && previous ? previous.source : 'amazon_sales');
    if (!metricSources.length && !isFollowUp) {
      // No metric named: infer a source from the dimensions ("stock by color" handled above; "customers" → intl).
      const onlyOn = groupBy.map((d) => dimensionSources(catalog, d)).find((s) => s.length === 1);
      if (onlyOn) source = onlyOn[0]!;
    }

    // Filter values: the words left, matched against values actually in the data for this source.
    const valueResult = matchValues(
      text,
      source,
      foundDims.map((d) => d.id),
    );
    text = valueResult.rest;
    for (const f of valueResult.filters) mergeFilter(filters, f);
    notes.push(...valueResult.notes);
    if (valueResult.notes.length) confidence -= 0.05;

    // Dimensions named with a value ("category Set", "in the state of Kerala") are filters, not group-bys.
    const filteredDims = new Set(valueResult.filters.filter((f) => f.op === 'in').map((f) => f.dimension));
    groupBy = groupBy.filter((d) => {
      if (!filteredDims.has(d)) return true;
      const f = filters.find((x) => x.dimension === d);
      const phrase = foundDims.find((x) => x.id === d)?.text ?? '';
      // "Set and kurta categories" / "by state for Kerala and Goa": keep grouping when several values.
      return (f?.values.length ?? 0) > 1 && phrase !== catalog.dimensions[d]?.label.toLowerCase();
    });

    // Several values of one dimension and no group-by: show each ("compare Kurta and Set").
    if (!groupBy.length) {
      const multi = filters.find(
        (f) => f.op === 'in' && (valueResult.mentions.get(f.dimension) ?? 0) > 1 && f.dimension !== 'status',
      );
      if (multi && !share) groupBy = [multi.dimension];
    }

    // Share of a named value ("what share of revenue is Set"): group by its dimension, keep the filter so the
    // compiler computes the share over all values of that dimension.
    if (share && !groupBy.length) {
      const f = filters.find((x) => x.op === 'in' && x.dimension !== 'status');
      if (f) groupBy = [f.dimension];
    }

    // Unknown words.
    const leftover = unknownWords(text);
    const filterLike = leftover.filter((w) => w.filterLike);
    if (filterLike.length) {
      const word = filterLike[0]!.word;
      const near = nearestValues(word, source);
      const options: Suggestion[] = near.map((n) => ({
        label: `${n.value} (${inSentence(catalog.dimensions[n.dimension]?.label ?? n.dimension)})`,
        question: original.replace(new RegExp(escapeRe(word), 'i'), n.value),
      }));
      return clarify(
        `I couldn't find "${word}" in the data${near.length ? '. Did you mean one of these?' : ` (I know categories, sizes, states, cities, order statuses and SKUs). ${describeDataWeHave(catalog, profile)}`}`,
        options.length ? options.slice(0, 4) : defaultOptions().slice(0, 3),
      );
    }
    if (leftover.length) {
      confidence -= 0.2 * leftover.length;
    }

    // ---- Follow-up: edit the previous plan. ----
    if (isFollowUp && previous) {
      return followUp(previous, {
        original,
        metricIds,
        groupBy,
        filters,
        time: time.current,
        compare: time.compare,
        growth,
        limit,
        direction,
        ranking,
        share,
        chart,
        explain,
        leftover: leftover.map((w) => w.word),
        notes,
        input,
      });
    }

    // ---- A new question. ----
    if (explain && !metricIds.length) {
      return clarify(
        'What would you like me to explain? Ask a question first, then "why?".',
        defaultOptions(),
      );
    }
    if (!metricIds.length) {
      const anything = groupBy.length || filters.length || time.current || ranking || share || growth;
      if (!anything && leftover.length) {
        return refuse(`I'm not sure that's about our sales data. ${describeDataWeHave(catalog, profile)}`);
      }
      const scope = [
        groupBy.length
          ? `by ${groupBy.map((d) => inSentence(catalog.dimensions[d]!.label)).join(' and ')}`
          : '',
        filters.length ? `for ${filters.flatMap((f) => f.values).join(', ')}` : '',
      ]
        .filter(Boolean)
        .join(' ');
      const when = time.current ? ' ' + original.match(/\b(in|for|during|last|this|over)\b.*$/i)?.[0] : '';
      const ask = (id: string) =>
        limit && groupBy.length
          ? `Top ${limit} ${inSentence(plural(catalog.dimensions[groupBy[0]!]!.label))} by ${firstSynonym(catalog, id)}${when ?? ''}`
          : groupBy.length || filters.length || ranking
            ? `${capitalise(firstSynonym(catalog, id))} ${scope}${when ?? ''}`.trim()
            : // "What was the revenue?" but "How many units?": counts read as "how many".
              ['units', 'orders'].includes(id)
              ? `How many ${firstSynonym(catalog, id)}${when ?? ''}?`
              : `What was the ${firstSynonym(catalog, id)}${when ?? ''}?`;
      const options =
        source === 'amazon_sales'
          ? ['revenue', 'units', 'orders', 'cancel_rate']
          : catalogMetricsOn(catalog, source).slice(0, 3);
      return clarify(
        groupBy.length || filters.length || ranking
          ? 'Which measure should I use?'
          : "I'm not sure which number you're after. Here are a few I can give you:",
        options.map((id) => ({ label: catalog.metrics[id]!.label, question: ask(id) })),
      );
    }

    if (confidence < 0.8 && leftover.length) {
      const partial: Plan = PlanSchema.parse({ source, metrics: metricIds, groupBy, filters });
      return clarify(
        `I'm not sure what "${leftover.map((w) => w.word).join(' ')}" means here. Did you mean one of these?`,
        [
          { label: 'Without that part', question: questionForPlan(catalog, partial) },
          ...defaultOptions().slice(0, 2),
        ],
      );
    }

    // Dimensions must exist on the source.
    const unavailable = groupBy.filter((d) => !dimensionSources(catalog, d).includes(source));
    if (unavailable.length) {
      const d = catalog.dimensions[unavailable[0]!]!;
      const m = catalog.metrics[metricIds[0]!]!;
      const possible = Object.entries(catalog.dimensions)
        .filter(([id]) => dimensionSources(catalog, id).includes(source) && !catalog.dimensions[id]!.grain)
        .slice(0, 3);
      return clarify(
        `${m.label} is not recorded by ${inSentence(d.label)} (it comes from ${catalog.sources[source]!.label}). I can break it down by:`,
        possible.map(([, def]) => ({
          label: def.label,
          question: `${capitalise(firstSynonym(catalog, metricIds[0]!))} by ${inSentence(def.label)}`,
        })),
      );
    }

    // Time.
    const latest = profile.dateRanges[source]?.to;
    const earliest = profile.dateRanges[source]?.from;
    let timeRange: TimeRange | undefined;
    let compareRange: TimeRange | undefined;
    let comparePrevious = false;
    const hasDates = Boolean(catalog.sources[source]?.dateColumn);
    if (time.current && time.current.kind !== 'all') {
      if (!hasDates || !latest) {
        notes.push(`${catalog.sources[source]!.label} has no dates, so the time period was not applied.`);
      } else {
        timeRange = resolveTime(time.current, latest);
        if (time.compare) compareRange = resolveTime(time.compare, latest);
      }
    } else if (input.summaryContext && hasDates && source === 'amazon_sales') {
      timeRange = input.summaryContext.period;
      if (input.summaryContext.compareTo) compareRange = input.summaryContext.compareTo;
      notes.push(`Using the summary's period, ${timeRange.label}.`);
    }
    if (timeRange && compareRange && sameRange(timeRange, compareRange)) {
      // "this month vs last month" when the data ends this month: both phrases name the latest month, but two
      // phrases mean two periods. Compare with the one before.
      compareRange = undefined;
      comparePrevious = true;
    }
    if (timeRange && compareRange && compareRange.from > timeRange.from) {
      [timeRange, compareRange] = [compareRange, timeRange];
    }
    if (growth && !compareRange && hasDates && latest) {
      if (!timeRange) {
        timeRange = resolveTime({ kind: 'calendar', unit: 'month', offset: 0 }, latest);
        notes.push(
          `Growth compares the latest month in the data, ${timeRange!.label}, with the month before.`,
        );
      }
      comparePrevious = true;
    }
    if (timeRange && earliest && latest) {
      const check = coverage(timeRange, earliest, latest, source);
      if (check.kind === 'none') return check.resolution;
      if (check.note) notes.push(check.note);
    }
    const hasGrain = groupBy.some((d) => catalog.dimensions[d]?.grain);
    if (trend && !hasGrain && hasDates) {
      const days = timeRange
        ? (Date.parse(timeRange.to) - Date.parse(timeRange.from)) / 86_400_000 + 1
        : Infinity;
      groupBy = [days <= 31 ? 'day' : days <= 120 ? 'week' : 'month', ...groupBy];
    }
    if ((compareRange || comparePrevious) && groupBy.some((d) => catalog.dimensions[d]?.grain)) {
      // "monthly growth": a series already shows the change; drop the period comparison.
      compareRange = undefined;
      comparePrevious = false;
    }

    let sort: Plan['sort'];
    const grainFirst = groupBy.length && catalog.dimensions[groupBy[0]!]?.grain;
    if (direction) sort = { by: metricIds[0]!, direction };
    else if (
      ranking &&
      groupBy.length &&
      grainFirst &&
      /\b(highest|best|most|top|biggest|largest|peak)\b/.test(original.toLowerCase())
    )
      sort = { by: metricIds[0]!, direction: 'desc' };
    else if (
      ranking &&
      groupBy.length &&
      /\b(lowest|worst|least|bottom|smallest|weakest)\b/.test(original.toLowerCase())
    )
      sort = { by: metricIds[0]!, direction: 'asc' };
    if (limit && !groupBy.length) {
      return clarify(`Top ${limit} of what?`, [
        {
          label: `Top ${limit} categories`,
          question: `Top ${limit} categories by ${firstSynonym(catalog, metricIds[0]!)}`,
        },
        {
          label: `Top ${limit} states`,
          question: `Top ${limit} states by ${firstSynonym(catalog, metricIds[0]!)}`,
        },
        {
          label: `Top ${limit} SKUs`,
          question: `Top ${limit} SKUs by ${firstSynonym(catalog, metricIds[0]!)}`,
        },
      ]);
    }
    const statusShare = filters.find((f) => f.dimension === 'status' && f.op === 'in');
    const valueFilters = unique(filters.filter((f) => f.op === 'in').map((f) => f.dimension));
    if (share && groupBy.length === 0 && statusShare) {
      // "share of orders that were cancelled": the status's share of all statuses.
      groupBy = ['status'];
    } else if (share && groupBy.length === 0 && valueFilters.length === 1) {
      // "what % of revenue is from promotions?", "Kurta's share of units": that value's share of all values.
      groupBy = [valueFilters[0]!];
    } else if (share && groupBy.length === 0 && filters.every((f) => f.dimension === 'status')) {
      // "share of revenue" with nothing to share over: by category is the usual reading.
      groupBy = ['category'].filter((d) => dimensionSources(catalog, d).includes(source));
      if (groupBy.length) notes.push('Showing each category’s share of the total.');
    }

    let result: Plan = PlanSchema.parse({
      source,
      metrics: metricIds,
      groupBy,
      filters,
      ...(timeRange ? { timeRange } : {}),
      ...(compareRange
        ? { compareTo: compareRange }
        : comparePrevious && timeRange
          ? { compareTo: 'previous_period' }
          : {}),
      ...(sort ? { sort } : {}),
      ...(limit ? { limit } : {}),
      share: share && groupBy.length > 0,
      chart: chart ?? 'auto',
    });
    if (explain) result = explainPlan(result, notes);
    if (timeRange) notes.push(periodNote(timeRange));
    return {
      kind: 'plan',
      plan: result,
      confidence: Math.max(0, Math.min(1, confidence)),
      notes: unique(notes),
      ...(explain ? { explain: true } : {}),
      resolvedBy: 'planner',
    };
  }

  interface FollowUpParts {
    original: string;
    metricIds: string[];
    groupBy: string[];
    filters: Filter[];
    time?: TimeSpec;
    compare?: TimeSpec;
    growth: boolean;
    limit?: number;
    direction?: 'asc' | 'desc';
    ranking: boolean;
    share: boolean;
    chart?: ChartPreference;
    explain: boolean;
    leftover: string[];
    notes: string[];
    input: ResolverInput;
  }

  function followUp(previous: Plan, p: FollowUpParts): Resolution {
    const notes = [...p.notes];
    const nothingNew =
      !p.metricIds.length &&
      !p.groupBy.length &&
      !p.filters.length &&
      !p.time &&
      !p.growth &&
      !p.limit &&
      !p.share;
    if (p.chart && nothingNew && !p.explain) {
      return {
        kind: 'plan',
        plan: { ...previous, chart: p.chart },
        confidence: 0.95,
        notes: [
          `Showing the previous result as ${p.chart === 'auto' ? 'a chart' : `a ${p.chart.replace('_', ' ')} chart`}.`,
        ],
        presentationOnly: true,
        resolvedBy: 'planner',
      };
    }
    if (p.leftover.length && nothingNew && !p.explain) {
      return clarify(
        `I'm not sure what "${p.leftover.join(' ')}" changes in the previous answer. Try one of these:`,
        [
          {
            label: 'Break it down by category',
            question: `${questionForPlan(catalog, previous)} by category`,
          },
          {
            label: 'Compare with the previous period',
            question: `${questionForPlan(catalog, previous)} vs previous period`,
          },
          { label: 'Show it as a chart', question: 'show that as a chart' },
        ],
      );
    }
    let plan: Plan = { ...previous, chart: p.chart ?? 'auto', filters: [...previous.filters] };
    if (p.metricIds.length) plan.metrics = p.metricIds;
    const source = plan.source;
    const latest = profile.dateRanges[source]?.to;
    const earliest = profile.dateRanges[source]?.from;
    if (p.time && latest) {
      const range = resolveTime(p.time, latest);
      if (range) {
        plan.timeRange = range;
        let compareRange = p.compare ? resolveTime(p.compare, latest) : undefined;
        // Two phrases naming the same period ("this month vs last month" at the data's end): the one before.
        if (compareRange && sameRange(compareRange, range)) {
          compareRange = undefined;
          plan.compareTo = 'previous_period';
        }
        if (compareRange) {
          plan.timeRange = compareRange.from > range.from ? compareRange : range;
          plan.compareTo = compareRange.from > range.from ? range : compareRange;
        } else if (plan.compareTo && plan.compareTo !== 'previous_period') delete plan.compareTo;
        if (earliest) {
          const check = coverage(plan.timeRange, earliest, latest, source);
          if (check.kind === 'none') return check.resolution;
          if (check.note) notes.push(check.note);
        }
      } else {
        delete plan.timeRange;
        delete plan.compareTo;
      }
    }
    if (
      p.growth &&
      plan.timeRange &&
      !plan.compareTo &&
      !plan.groupBy.some((d) => catalog.dimensions[d]?.grain)
    )
      plan.compareTo = 'previous_period';
    const also = /\b(also|as well|too|plus|add|and also)\b/i.test(p.original);
    for (const f of p.filters) {
      const existing = plan.filters.findIndex((x) => x.dimension === f.dimension && x.op === f.op);
      if (existing >= 0 && also) {
        const merged = { ...f, values: unique([...plan.filters[existing]!.values, ...f.values]) };
        plan.filters[existing] = merged;
      } else if (existing >= 0) plan.filters[existing] = f;
      else plan.filters.push(f);
      // A single value of a dimension we grouped by: the breakdown collapses to that value.
      if (f.op === 'in' && f.values.length === 1 && !also && !plan.share)
        plan.groupBy = plan.groupBy.filter((d) => d !== f.dimension);
    }
    if (p.groupBy.length) {
      plan.groupBy = also ? unique([...plan.groupBy, ...p.groupBy]) : p.groupBy;
      // Grouping by a dimension the previous answer was filtered to ("best category?" after "Kurta revenue")
      // means all its values again.
      const newlyFiltered = new Set(p.filters.map((f) => f.dimension));
      plan.filters = plan.filters.filter(
        (f) => newlyFiltered.has(f.dimension) || !plan.groupBy.includes(f.dimension),
      );
      if (!p.limit && !also) delete plan.limit;
      if (plan.sort && !plan.groupBy.length) delete plan.sort;
    }
    if (plan.sort && !plan.metrics.includes(plan.sort.by) && plan.sort.by !== 'share') {
      plan.sort = { ...plan.sort, by: plan.metrics[0]! };
    }
    if (p.limit) {
      plan.limit = p.limit;
      plan.sort = { by: plan.metrics[0]!, direction: p.direction ?? 'desc' };
    }
    if (p.share && plan.groupBy.length) plan.share = true;
    if (plan.compareTo && plan.groupBy.some((d) => catalog.dimensions[d]?.grain)) delete plan.compareTo;
    const unavailable = plan.groupBy.filter((d) => !dimensionSources(catalog, d).includes(source));
    if (
      unavailable.length ||
      plan.filters.some((f) => !dimensionSources(catalog, f.dimension).includes(source))
    ) {
      return clarify(
        `That breakdown isn't available for ${catalog.sources[source]!.label}. Try one of these:`,
        [
          { label: 'By category', question: `${questionForPlan(catalog, previous)} by category` },
          { label: 'By month', question: `${questionForPlan(catalog, previous)} by month` },
        ],
      );
    }
    if (p.explain) plan = explainPlan(plan, notes);
    plan = PlanSchema.parse(plan);
    if (plan.timeRange) notes.push(periodNote(plan.timeRange));
    return {
      kind: 'plan',
      plan,
      confidence: p.leftover.length ? 0.7 : 0.9,
      notes: unique(notes),
      ...(p.explain ? { explain: true } : {}),
      resolvedBy: 'planner',
    };
  }

  /** "why?": the same numbers broken down by the dimension most likely to show what drove them. */
  function explainPlan(base: Plan, notes: string[]): Plan {
    const used = new Set([
      ...base.groupBy,
      ...base.filters.filter((f) => f.op === 'in' && f.values.length === 1).map((f) => f.dimension),
    ]);
    const driver = DRIVER_DIMENSIONS.find(
      (d) => !used.has(d) && dimensionSources(catalog, d).includes(base.source),
    );
    const plan: Plan = {
      ...base,
      share: false,
      groupBy: driver ? [driver] : base.groupBy.filter((d) => !catalog.dimensions[d]?.grain),
    };
    if (plan.timeRange && !plan.compareTo) plan.compareTo = 'previous_period';
    plan.sort = {
      by: plan.compareTo ? `${plan.metrics[0]}_change` : plan.metrics[0]!,
      direction: plan.compareTo ? 'asc' : 'desc',
    };
    if (plan.compareTo) {
      // Biggest absolute movers are more telling than ratios of tiny groups: sort by the metric, show the change.
      plan.sort = { by: plan.metrics[0]!, direction: 'desc' };
    }
    plan.limit = 10;
    if (driver)
      notes.push(
        `Broken down by ${inSentence(catalog.dimensions[driver]!.label)} to show what drove the result.`,
      );
    return plan;
  }

  function coverage(
    range: TimeRange,
    earliest: string,
    latest: string,
    source: Source,
  ): { kind: 'ok'; note?: string } | { kind: 'none'; resolution: Resolution } {
    if (range.to < earliest || range.from > latest) {
      const months = monthsBetween(earliest, latest).slice(-3);
      return {
        kind: 'none',
        resolution: clarify(
          `${catalog.sources[source]!.label} covers ${earliest} to ${latest}, so there is no data for ${range.label}. Did you mean one of these months?`,
          months.map((m) => ({ label: m, question: `Revenue in ${m}` })),
        ),
      };
    }
    // A month ending a day after the data does is not worth a warning; a range mostly outside it is.
    if (addDays(range.to, -2) > latest || addDays(range.from, 2) < earliest) {
      return {
        kind: 'ok',
        note: `The data covers ${earliest} to ${latest}; ${range.label} is only partly covered.`,
      };
    }
    return { kind: 'ok' };
  }

  function matchValues(
    text: string,
    source: Source,
    namedDims: string[],
  ): { filters: Filter[]; rest: string; notes: string[]; mentions: Map<string, number> } {
    const tokens = text
      .split(/\s+/)
      .map((t) => t.replace(/^[^\w&]+|[^\w&%]+$/g, ''))
      .filter((t) => t && !/^[-–:/]+$/.test(t));
    const used = new Array<boolean>(tokens.length).fill(false);
    const filters: Filter[] = [];
    const notes: string[] = [];
    const mentions = new Map<string, number>();
    const dims = VALUE_PRIORITY.filter((d) => indexes.get(`${source}.${d}`));
    // A named dimension ("city of Hyderabad") is tried first.
    const ordered = [
      ...dims.filter((d) => namedDims.includes(d)),
      ...dims.filter((d) => !namedDims.includes(d)),
    ];
    for (let i = 0; i < tokens.length; i++) {
      if (used[i]) continue;
      for (let n = Math.min(5, tokens.length - i); n >= 1; n--) {
        const words = tokens.slice(i, i + n);
        if (words.some((_, k) => used[i + k])) continue;
        const phrase = words.join(' ');
        if (n === 1 && FILLER_WORDS.has(phrase) && !COMMON_WORD_VALUES.has(phrase)) continue;
        if (n > 1 && (FILLER_WORDS.has(words[0]!) || FILLER_WORDS.has(words[n - 1]!))) continue;
        if (/^\d+$/.test(phrase)) continue;
        const before = tokens.slice(Math.max(0, i - 2), i);
        const after = tokens[i + n];
        if (n === 1 && COMMON_WORD_VALUES.has(phrase.replace(/s$/, '')) && !phrase.endsWith('s')) {
          const contextual =
            ([
              'for',
              'of',
              'only',
              'just',
              'about',
              'is',
              'are',
              'size',
              'category',
              'status',
              'in',
              'exclude',
              'excluding',
              'except',
              'without',
              'vs',
              'and',
              'versus',
              // "fulfilled by Amazon", "orders from Merchant", "shipped via Amazon".
              'by',
              'from',
              'via',
            ].includes(before[before.length - 1] ?? '') ||
              ['vs', 'versus'].includes(after ?? '')) &&
            !(after && (/^\d/.test(after) || isDimensionWord(after)));
          if (!contextual) continue;
          if (SIZE_LETTERS.has(phrase) && before[before.length - 1] !== 'size') continue;
        } else if (n === 1 && SIZE_LETTERS.has(phrase)) continue;
        let matched = false;
        for (const d of ordered) {
          const index = indexes.get(`${source}.${d}`)!;
          const hit = index.match(phrase, { fuzzy: phrase.length >= 4 });
          if (!hit) continue;
          const negated = before.some((b) =>
            ['excluding', 'except', 'without', 'exclude', 'not', 'excl'].includes(b),
          );
          mergeFilter(filters, { dimension: d, op: negated ? 'not_in' : 'in', values: hit.values });
          mentions.set(d, (mentions.get(d) ?? 0) + 1);
          if (hit.kind === 'typo' || hit.kind === 'alias')
            notes.push(
              `Read "${phrase}" as ${inSentence(catalog.dimensions[d]!.label)} ${hit.values.slice(0, 3).join(' / ')}.`,
            );
          for (let k = 0; k < n; k++) used[i + k] = true;
          matched = true;
          break;
        }
        if (matched) break;
      }
    }
    const rest = tokens.filter((_, i) => !used[i]).join(' ');
    return { filters, rest: ` ${rest} `, notes, mentions };
  }

  /** Whether leftover words name a value in the data (used to tell "what about Kerala?" from small talk). */
  function hasValueWords(text: string): boolean {
    const source = previousSource ?? 'amazon_sales';
    return matchValues(text, source, []).filters.length > 0;
  }
  let previousSource: Source | undefined;

  function isDimensionWord(word: string): boolean {
    return (
      phrases.some((p) => p.kind === 'dimension' && p.text === word) ||
      /^(selling|performing|sellers?|performers?)$/.test(word)
    );
  }

  function unknownWords(text: string): { word: string; filterLike: boolean }[] {
    const tokens = text
      .split(/\s+/)
      .map((t) => t.replace(/^[^\w&]+|[^\w&%]+$/g, ''))
      .filter(Boolean);
    const out: { word: string; filterLike: boolean }[] = [];
    tokens.forEach((t, i) => {
      // A number nobody used ("between 1 May and 15 May" misread) means the question was not understood.
      if (/^\d+(\.\d+)?%?$/.test(t)) {
        out.push({ word: t, filterLike: false });
        return;
      }
      if (FILLER_WORDS.has(t) || t.length <= 1) return;
      if (/^(sku|style|size|category|state|city)$/.test(t)) return;
      const prev = tokens[i - 1] ?? '';
      out.push({ word: t, filterLike: ['in', 'for', 'from', 'of', 'only', 'about', 'just'].includes(prev) });
    });
    return out;
  }

  function nearestValues(word: string, source: Source): { dimension: string; value: string }[] {
    const out: { dimension: string; value: string }[] = [];
    for (const d of VALUE_PRIORITY) {
      const index = indexes.get(`${source}.${d}`);
      if (!index || index.size > 500) continue;
      for (const v of index.nearest(word, 2)) out.push({ dimension: d, value: v });
    }
    return out.slice(0, 4);
  }

  function monthsBetween(from: string, to: string): string[] {
    const out: string[] = [];
    let y = Number(from.slice(0, 4));
    let m = Number(from.slice(5, 7)) - 1;
    const endY = Number(to.slice(0, 4));
    const endM = Number(to.slice(5, 7)) - 1;
    while (y < endY || (y === endY && m <= endM)) {
      out.push(
        `${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m]} ${y}`,
      );
      m++;
      if (m === 12) {
        m = 0;
        y++;
      }
    }
    return out;
  }

  return {
    resolveSync,
    async resolve(input) {
      return resolveSync(input);
    },
  };
}

function periodNote(range: TimeRange): string {
  return range.label.includes(range.from)
    ? `Period: ${range.label}.`
    : `Period: ${range.label} (${range.from} to ${range.to}).`;
}

function clarify(message: string, options: Suggestion[]): Resolution {
  return { kind: 'clarify', message, options: options.slice(0, 4), resolvedBy: 'planner' };
}

function refuse(message: string): Resolution {
  return { kind: 'refuse', message, resolvedBy: 'planner' };
}

function buildPhrases(catalog: Catalog): Phrase[] {
  const out: Phrase[] = [];
  for (const [id, m] of Object.entries(catalog.metrics)) {
    for (const s of unique([...m.synonyms, m.label.toLowerCase()]))
      out.push({ text: s.toLowerCase(), kind: 'metric', id });
  }
  for (const [id, d] of Object.entries(catalog.dimensions)) {
    for (const s of unique([...d.synonyms, d.label.toLowerCase()]))
      out.push({ text: s.toLowerCase(), kind: 'dimension', id });
  }
  // Longest first, so "sales channel" wins over "sales", "cancellation rate" over "cancellations".
  return out.sort((a, b) => b.text.length - a.text.length);
}

function buildIndexes(catalog: Catalog, profile: DataProfile): Map<string, ValueIndex> {
  const map = new Map<string, ValueIndex>();
  for (const [source, dims] of Object.entries(profile.values)) {
    for (const [dim, values] of Object.entries(dims ?? {})) {
      map.set(
        `${source}.${dim}`,
        new ValueIndex(values, catalog.valueAliases[dim] ?? {}, 300, { ignoreDigits: dim === 'city' }),
      );
    }
  }
  // Boolean dimensions have no profiled values; "b2b orders" is a filter on is_b2b.
  return map;
}

function mergeFilter(filters: Filter[], f: Filter): void {
  const existing = filters.find((x) => x.dimension === f.dimension && x.op === f.op);
  if (existing) existing.values = unique([...existing.values, ...f.values]);
  else filters.push({ ...f, values: [...f.values] });
}

function normalize(question: string): string {
  return ` ${question
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[?!,;"()[\]{}]/g, ' ')
    .replace(/\.(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

function blank(text: string, at: number, length: number): string {
  return text.slice(0, at) + ' '.repeat(length) + text.slice(at + length);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function plural(word: string): string {
  if (/(s|x|sh|ch)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function firstSynonym(catalog: Catalog, metricId: string): string {
  const m = catalog.metrics[metricId]!;
  return m.synonyms[0] ?? m.label.toLowerCase();
}

function catalogMetricsOn(catalog: Catalog, source: Source): string[] {
  return Object.entries(catalog.metrics)
    .filter(([, m]) => m.source === source)
    .map(([id]) => id);
}

function sameRange(a: TimeRange, b: TimeRange): boolean {
  return a.from === b.from && a.to === b.to;
}
