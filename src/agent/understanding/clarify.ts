import { dimensionSources, type Catalog } from '../../semantic/catalog.js';
import type { DataProfile } from '../../semantic/data-profile.js';
import { inSentence } from '../../semantic/label-text.js';
import type { Plan } from '../../semantic/plan.js';
import type { Suggestion } from '../answer.js';
import type { Resolution } from '../resolver/resolver.js';
import type { Composed, SlotName } from './compose-plan.js';
import { describeDataWeHave, questionForPlan } from './describe.js';
import type { Frame } from './frame.js';
import type { Lexicon } from './lexicon.js';
import { resolveTime } from './periods.js';
import { describeReading } from './reading.js';

/**
 * Clarifications ask about one slot, the weakest, and offer its alternatives as whole plans: a button answers
 * that plan as it is, it is never English for the planner to parse again.
 */
interface ClarifyDeps {
  catalog: Catalog;
  profile: DataProfile;
  lexicon: Lexicon;
  question: string;
}

export function refuse(message: string): Resolution {
  return { kind: 'refuse', message, resolvedBy: 'planner' };
}

function ask(message: string, options: Suggestion[], pendingPlan?: Plan): Resolution {
  return {
    kind: 'clarify',
    message,
    options: options.slice(0, 4),
    ...(pendingPlan ? { pendingPlan } : {}),
    resolvedBy: 'planner',
  };
}

function option(raw: Plan, catalog: Catalog, label?: string): Suggestion {
  // An option that swaps the measure sorts by the new one.
  const plan =
    raw.sort && !raw.metrics.some((m) => raw.sort!.by.startsWith(m))
      ? { ...raw, sort: { ...raw.sort, by: raw.metrics[0]! } }
      : raw;
  return {
    label: label ?? capitalise(describeReading(plan, catalog)),
    question: questionForPlan(catalog, plan),
    plan,
  };
}

export function defaultOptions(catalog: Catalog, profile: DataProfile): Suggestion[] {
  const latest = profile.dateRanges.amazon_sales?.to;
  const month = latest ? resolveTime({ kind: 'calendar', unit: 'month', offset: 0 }, latest) : undefined;
  const base: Plan = {
    source: 'amazon_sales',
    metrics: ['revenue'],
    groupBy: [],
    filters: [],
    share: false,
    chart: 'auto',
    ...(month ? { timeRange: month } : {}),
  };
  return [
    option({ ...base, groupBy: ['category'] }, catalog, 'Revenue by category'),
    option(
      { ...base, groupBy: ['state'], sort: { by: 'revenue', direction: 'desc' }, limit: 5 },
      catalog,
      'Top states by revenue',
    ),
    option(
      {
        source: 'amazon_sales',
        metrics: ['revenue'],
        groupBy: ['month'],
        filters: [],
        share: false,
        chart: 'auto',
      },
      catalog,
      'Revenue month by month',
    ),
    option({ ...base, metrics: ['cancel_rate'] }, catalog, 'Cancellation rate'),
  ].filter((o) => o.plan!.metrics.every((m) => catalog.metrics[m]));
}

export const clarifyFor = {
  rephrase(catalog: Catalog, profile: DataProfile): Resolution {
    return ask(
      "I couldn't work out that question. Could you rephrase it, for example naming the metric and period?",
      defaultOptions(catalog, profile),
    );
  },

  /** What stops an answer whatever the confidence: a value not in the data, a breakdown the report lacks. */
  blockers(composed: Composed, frame: Frame, deps: ClarifyDeps): Resolution | undefined {
    const { catalog } = deps;
    const plan = composed.plan;
    const unplacedDay = frame.unknown.find((u) => u.day);
    if (unplacedDay) {
      const range = deps.profile.dateRanges[plan.source];
      return ask(
        `Which month do you mean for "${unplacedDay.word}"?${range ? ` The data covers ${range.from} to ${range.to}.` : ''}`,
        [
          option(plan, catalog, `Without a date: ${describeReading(plan, catalog)}`),
          ...defaultOptions(catalog, deps.profile),
        ].slice(0, 4),
        plan,
      );
    }
    const across = acrossDimensions(frame, plan, catalog);
    if (across) return across;
    const breakdown = frame.unknown.find((u) => u.breakdown);
    if (breakdown) return unknownBreakdown(breakdown.word, breakdown.breakdown!, plan, catalog);
    const unknownValue = frame.unknown.find((u) => u.filterLike);
    const missing = composed.missingFilters[0] ?? unknownValue?.word;
    if (missing) return notInData(missing, composed, deps);
    if (composed.unavailableDimensions.length) {
      const d = catalog.dimensions[composed.unavailableDimensions[0]!]!;
      const m = catalog.metrics[plan.metrics[0]!]!;
      const possible = Object.entries(catalog.dimensions)
        .filter(([id, def]) => dimensionSources(catalog, id).includes(plan.source) && !def.grain)
        .slice(0, 3);
      return ask(
        `${m.label} is not recorded by ${inSentence(d.label)} (it comes from ${catalog.sources[plan.source]!.label}). I can break it down by:`,
        possible.map(([id]) => option({ ...plan, groupBy: [id] }, catalog)),
      );
    }
    const source = composed.slots.find((s) => s.name === 'source');
    if (source && source.score < 0.5) {
      return ask(
        'Those numbers come from different reports, so I can answer them one at a time. Which one first?',
        frame.metrics.slice(0, 4).map((m) => {
          const on = catalog.metrics[m.id]!.source;
          return option(
            {
              source: on,
              metrics: [m.id],
              groupBy: plan.groupBy.filter((d) => dimensionSources(catalog, d).includes(on)),
              filters: [],
              share: false,
              chart: 'auto',
            },
            catalog,
          );
        }),
      );
    }
    return undefined;
  },

  /** "the top 5 combined", "days over 9 lakh": say what cannot be computed, offer the nearest answer as a plan. */
  unsupported(words: string, composed: Composed, catalog: Catalog): Resolution {
    return ask(
      `I can't compute "${words}" directly yet, so I won't guess a number. I can show the figures it would be built from:`,
      // No pending plan: a reply ("and in April?") must not answer the nearest figures as if they were the question.
      [option(composed.plan, catalog)],
    );
  },

  slot(name: SlotName, composed: Composed, deps: ClarifyDeps): Resolution {
    const { catalog } = deps;
    const plan = composed.plan;
    if (name === 'rank') {
      const n = plan.limit ?? 5;
      const by = (d: string) =>
        option(
          { ...plan, groupBy: [d], sort: { by: plan.metrics[0]!, direction: 'desc' }, limit: n },
          catalog,
        );
      return ask(
        `Top of what? I can rank by:`,
        ['category', 'state', 'sku']
          .filter((d) => dimensionSources(catalog, d).includes(plan.source))
          .map(by),
        plan,
      );
    }
    if (name === 'measure') {
      const ids = Object.entries(catalog.metrics)
        .filter(([, m]) => m.source === plan.source)
        .map(([id]) => id)
        .slice(0, 4);
      const scoped = plan.groupBy.length || plan.filters.length || plan.timeRange;
      return ask(
        scoped
          ? 'Which measure should I use?'
          : "I'm not sure which number you're after. Here are a few I can give you:",
        ids.map((id) => option({ ...plan, metrics: [id] }, catalog)),
        plan,
      );
    }
    return ask(
      `I'm not sure I read that right. Did you mean one of these?`,
      [option(plan, catalog), ...composed.alternatives.map((a) => option(a.plan, catalog))],
      plan,
    );
  },
};

/**
 * "easy ship vs FBA": two values of different columns (the Easy Ship programme, fulfilment by Amazon) cannot be set
 * side by side as one breakdown, and both as filters would count the lines that are both (none): a confident
 * zero. Each is offered on its own.
 */
function acrossDimensions(frame: Frame, plan: Plan, catalog: Catalog): Resolution | undefined {
  if (frame.versusAt === undefined) return undefined;
  const dimensionOf = (f: Frame['filters'][number]) =>
    f.boolean?.dimension ??
    f.fixed?.dimension ??
    f.candidates.find((c) => c.source === plan.source)?.dimension;
  const near = frame.filters.filter((f) => !f.negated && Math.abs(f.at - frame.versusAt!) <= 2);
  const left = near.filter((f) => f.at < frame.versusAt!).at(-1);
  const right = near.find((f) => f.at > frame.versusAt!);
  const b = right && dimensionOf(right);
  // "vs FBA" after "Easy Ship orders by day": the value the thread pinned stands on the left. A place inside or
  // around the other ("vs maharashtra" after Mumbai) is a wider or narrower place, not another column.
  // "vs flipkart" after Myntra's prices: the thread had a value of the same column, so both sit side by side.
  const sameColumn = plan.filters.some((f) => f.dimension === b && f.values.length > 1);
  const pinned =
    !left && frame.versusAt === 0 && b && !sameColumn
      ? plan.filters.find(
          (f) =>
            f.op === 'in' &&
            f.values.length === 1 &&
            f.dimension !== b &&
            !frame.filters.some((x) => dimensionOf(x) === f.dimension) &&
            catalog.dimensions[b]?.within !== f.dimension &&
            catalog.dimensions[f.dimension]?.within !== b,
        )
      : undefined;
  const a = left ? dimensionOf(left) : pinned?.dimension;
  if (!a || !b || a === b) return undefined;
  const leftText = left?.text ?? String(pinned!.values[0]);
  const only = (keep: string, drop: string) =>
    option(
      { ...plan, filters: plan.filters.filter((f) => f.dimension !== drop || f.dimension === keep) },
      catalog,
    );
  return ask(
    `"${leftText}" and "${right!.text}" are in different columns (${inSentence(catalog.dimensions[a]!.label)}, ${inSentence(catalog.dimensions[b]!.label)}), so I can't set them side by side. Which one?`,
    [only(a, b), only(b, a)],
    plan,
  );
}

/** "orders by zone": the breakdown named is not one the report has; its near names first, then the usual ones. */
function unknownBreakdown(word: string, near: string[], plan: Plan, catalog: Catalog): Resolution {
  const usual = ['category', 'state', 'month', 'size', 'customer', 'stock_level'];
  const onSource = (d: string) => dimensionSources(catalog, d).includes(plan.source);
  const ids = [...new Set([...near, ...usual])].filter(onSource).slice(0, 4);
  return ask(
    `I don't know "${word}" as a breakdown. Break it down by:`,
    ids.map((d) => option({ ...plan, groupBy: [...plan.groupBy.filter((g) => g !== d), d] }, catalog)),
    plan,
  );
}

function notInData(word: string, composed: Composed, deps: ClarifyDeps): Resolution {
  const { catalog, profile, lexicon } = deps;
  const plan = composed.plan;
  const near = lexicon.nearestValues(word, plan.source);
  const options = near.map((n) =>
    option(
      {
        ...plan,
        filters: [
          ...plan.filters.filter((f) => f.dimension !== n.dimension),
          { dimension: n.dimension, op: 'in', values: [n.value] },
        ],
      },
      catalog,
      `${n.value} (${inSentence(catalog.dimensions[n.dimension]?.label ?? n.dimension)})`,
    ),
  );
  const message = near.length
    ? `I couldn't find "${word}" in the data. Did you mean one of these?`
    : `I couldn't find "${word}" in ${catalog.sources[plan.source]!.label}, so I won't guess a number for it. ${describeDataWeHave(catalog, profile)}`;
  const without = option(plan, catalog, `Without "${word}": ${describeReading(plan, catalog)}`);
  return ask(message, [...options.slice(0, 3), without, ...defaultOptions(catalog, profile)].slice(0, 4));
}

/**
 * "why?": the same numbers broken down by the dimension most likely to show what drove them. A series is explained
 * at its latest period against the one before; a dip lists the largest contributions to the fall first.
 */
export function explainPlan(base: Plan, catalog: Catalog, notes: string[], direction?: 'up' | 'down'): Plan {
  const used = new Set([
    ...base.groupBy,
    ...base.filters.filter((f) => f.op === 'in' && f.values.length === 1).map((f) => f.dimension),
  ]);
  const driver = Object.entries(catalog.dimensions)
    .filter(
      ([id, d]) =>
        !d.grain && d.explains && !used.has(id) && dimensionSources(catalog, id).includes(base.source),
    )
    .sort(([, a], [, b]) => a.valuePriority - b.valuePriority)[0]?.[0];
  const plan: Plan = {
    ...base,
    share: false,
    groupBy: driver ? [driver] : base.groupBy.filter((d) => !catalog.dimensions[d]?.grain),
  };
  const metric = plan.metrics[0]!;
  if (plan.timeRange && !plan.compareTo) plan.compareTo = 'previous_period';
  plan.sort =
    direction && plan.compareTo
      ? { by: `${metric}_delta`, direction: direction === 'down' ? 'asc' : 'desc' }
      : { by: metric, direction: 'desc' };
  plan.limit = 10;
  if (driver)
    notes.push(
      `Broken down by ${inSentence(catalog.dimensions[driver]!.label)} to show what drove the result${direction && plan.compareTo ? `, largest ${direction === 'down' ? 'falls' : 'rises'} first` : ''}.`,
    );
  return plan;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
