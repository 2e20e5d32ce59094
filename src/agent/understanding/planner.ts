import { withoutAsides } from './asides.js';
import { metricOn } from './resolve-slots.js';
import { compilePlan } from '../../semantic/compile-plan.js';
import { expandChatShorthand } from './chat-shorthand.js';
import { distinctValues } from './plan-shape.js';
import { inSentence } from '../../semantic/label-text.js';
import { dimensionSources, type Catalog } from '../../semantic/catalog.js';
import type { DataProfile } from '../../semantic/data-profile.js';
import { PlanSchema, type Plan } from '../../semantic/plan.js';
import type { PreviousRows, Resolution, Resolver, ResolverInput } from '../resolver/resolver.js';
import type { Suggestion } from '../answer.js';
import { clarifyFor, defaultOptions, explainPlan, refuse } from './clarify.js';
import { composePlan, type Composed } from './compose-plan.js';
import { loadCues, type CueLexicon } from './cues.js';
import { findTimeMentions } from './dates.js';
import { describeDataWeHave } from './describe.js';
import type { Frame } from './frame.js';
import { readFrame } from './grammar.js';
import { refusedOutright } from './refused-outright.js';
import { pointsOutsideThread } from './outside-thread.js';
import { askWhichOne } from './which-one.js';
import { buildLexicon, type Lexicon } from './lexicon.js';
import { coverageCheck } from './coverage.js';
import { oneUnnamedOrder } from './one-order.js';
import { tag } from './tagging.js';
import { correctSpelling } from './spelling.js';
import { fromHinglish } from './hinglish.js';
import { tokenize } from './tokens.js';
import { resolveTime } from './periods.js';

/**
 * The deterministic planner: question (+ the thread's previous plan) → Plan, with no network and no model. It
 * composes meaning from parts (tokens → lattice of readings → roles → plan), scores each slot, and asks about the
 * weakest slot only when it is too unsure to answer; otherwise it answers and says how it read the question.
 * It only ever emits Plans: text from the question never becomes SQL.
 */
export interface PlannerDeps {
  catalog: Catalog;
  profile: DataProfile;
  cues?: CueLexicon;
  /** The lexicon already built on this catalog, profile and cues (see buildNextIndex); default: built here. */
  lexicon?: Lexicon;
}

export interface Planner extends Resolver {
  /** The same as resolve(), synchronously (the planner does no I/O). */
  resolveSync(input: ResolverInput): Resolution;
}

/** Below this the offline planner asks; between it and the LLM threshold it answers, saying what it assumed. */
export const ASK_BELOW = 0.5;

export function createPlanner(deps: PlannerDeps): Planner {
  const { catalog, profile } = deps;
  const lexicon = deps.lexicon ?? buildLexicon(catalog, profile, deps.cues ?? loadCues());
  const asksForOneUnnamedOrder = oneUnnamedOrder(catalog);
  const resolveSync = (input: ResolverInput): Resolution => {
    try {
      const resolved = plan(input);
      if (resolved.kind !== 'plan') return resolved;
      // "that one's size split" over many rows: asked, keeping what was asked so the reply ("the #2 one") fills it.
      const whichOne = askWhichOne(input.question, catalog, input.previousPlan, input.previousRows);
      return whichOne?.kind === 'clarify' ? { ...whichOne, pendingPlan: resolved.plan } : resolved;
    } catch {
      // The planner is pure logic; a bug here must become a question back, never a wrong answer.
      return clarifyFor.rephrase(catalog, profile);
    }
  };

  function plan(input: ResolverInput): Resolution {
    const question = expandChatShorthand(fromHinglish(withoutAsides(input.question)));
    if (!question)
      return {
        kind: 'clarify',
        message: 'What would you like to know about the sales data?',
        options: defaultOptions(catalog, profile),
        resolvedBy: 'planner',
      };
    const refused = refusedOutright(question, catalog, profile);
    if (refused) return refused;
    if (pointsOutsideThread(question))
      return {
        kind: 'clarify',
        message: 'I only see this thread, not earlier conversations. Which figure do you mean?',
        options: defaultOptions(catalog, profile),
        resolvedBy: 'planner',
      };

    const previous = input.previousPlan;
    if (asksForOneUnnamedOrder(question, previous))
      return {
        kind: 'clarify',
        message: 'Which order? Send its order ID (it looks like 123-1234567-1234567) and I will look it up.',
        options: [],
        resolvedBy: 'planner',
      };
    const tokens = correctSpelling(tokenize(question), lexicon);
    const latest =
      profile.dateRanges[previous?.source ?? 'amazon_sales']?.to ?? profile.dateRanges.amazon_sales?.to;
    const spans = tag(tokens, lexicon, findTimeMentions(question, tokens, latest));
    const frame = readFrame(spans, lexicon);
    // "show the money in crores": a measure the answer already shows is no new content.
    const alreadyShown = (id: string) =>
      Boolean(previous?.metrics.includes(metricOn(catalog, id, previous.source) ?? id));
    if (
      previous &&
      frame.displayOnly &&
      !hasContent({ ...frame, metrics: frame.metrics.filter((m) => !alreadyShown(m.id)) })
    ) {
      return {
        kind: 'plan',
        plan: { ...previous },
        confidence: 0.95,
        notes: ['The same figures: amounts are shown in lakh and crore where they are large.'],
        presentationOnly: true,
        resolvedBy: 'planner',
      };
    }
    if (
      !hasContent(frame) &&
      !(
        previous &&
        (frame.rank ||
          frame.explain ||
          frame.listing ||
          frame.rowPick ||
          frame.both ||
          frame.overall ||
          frame.otherOf)
      )
    ) {
      if (frame.explain && !previous)
        return {
          kind: 'clarify',
          message: 'What would you like me to explain? Ask a question first, then "why?".',
          options: defaultOptions(catalog, profile),
          resolvedBy: 'planner',
        };
      if (frame.vague || (!frame.explain && frame.unknown.length === 0) || pointsAtMissing(frame, previous))
        return {
          kind: 'clarify',
          message: "I'm not sure which number you're after. Here are a few I can give you:",
          options: defaultOptions(catalog, profile),
          resolvedBy: 'planner',
        };
      if (!frame.explain)
        return refuse(`I'm not sure that's about our sales data. ${describeDataWeHave(catalog, profile)}`);
    }
    const followUp =
      previous && (isFollowUp(frame) || ranksWithinThread(frame, previous)) ? previous : undefined;
    if (frame.unsupported)
      return clarifyFor.unsupported(
        frame.unsupported,
        composePlan(frame, { catalog, profile }, followUp),
        catalog,
      );
    if (followUp && onlyPresentation(frame)) {
      return {
        kind: 'plan',
        plan: { ...followUp, chart: frame.chart ?? 'auto' },
        confidence: 0.95,
        notes: [
          `Showing the previous result as ${frame.chart === 'auto' || !frame.chart ? 'a chart' : `a ${frame.chart.replace('_', ' ')} chart`}.`,
        ],
        presentationOnly: true,
        resolvedBy: 'planner',
      };
    }
    const composed = composePlan(
      frame,
      {
        catalog,
        profile,
        previousPlan: previous,
        previousRows: input.previousRows,
        rankedRows: input.rankedRows,
        priorPlan: input.priorPlan,
      },
      followUp,
    );
    const pointed = pointedRow(catalog, frame, composed, previous, input.previousRows);
    if (pointed) return pointed;
    if (
      input.summaryContext &&
      !frame.times.length &&
      !followUp?.timeRange &&
      composed.plan.source === 'amazon_sales'
    ) {
      composed.plan.timeRange = input.summaryContext.period;
      if (input.summaryContext.compareTo) composed.plan.compareTo = input.summaryContext.compareTo;
      composed.notes.push(`Using the summary's period, ${input.summaryContext.period.label}.`);
    }
    return finish({ catalog, profile, lexicon }, composed, frame, question);
  }

  return {
    resolveSync,
    async resolve(input) {
      return resolveSync(input);
    },
  };
}

/** What the planner's steps after composing read: the catalog, the data profile and the lexicon built from them. */
interface PlannerContext {
  catalog: Catalog;
  profile: DataProfile;
  lexicon: Lexicon;
}

function finish(ctx: PlannerContext, composed: Composed, frame: Frame, question: string): Resolution {
  const { catalog, profile, lexicon } = ctx;
  const blocker = clarifyFor.blockers(composed, frame, { catalog, profile, lexicon, question });
  if (blocker) return blocker;
  const plan0 = composed.plan;
  if (composed.unsupported) return clarifyFor.unsupported(composed.unsupported, composed, catalog);
  if (composed.unheldPerValue) {
    const dimension = catalog.dimensions[composed.unheldPerValue]?.label ?? composed.unheldPerValue;
    return refuse(
      `${catalog.sources[plan0.source]!.label} has no ${inSentence(dimension)} column, so I can't give an average per ${inSentence(dimension)} there. ${describeDataWeHave(catalog, profile)}`,
    );
  }
  // "how much did we sell on Flipkart": the value lives on a report without that measure. Answering with that
  // report's own measure (Flipkart's list prices) would be a confident wrong number.
  if (composed.unheldMetrics.length && !plan0.metrics.some((m) => frame.metrics.some((f) => f.id === m))) {
    const askedId = composed.unheldMetrics[0]!;
    const asked = catalog.metrics[askedId];
    const where = catalog.sources[plan0.source]!;
    const what = plan0.filters
      .filter((f) => asked && !catalog.dimensions[f.dimension]?.columns[asked.source])
      .flatMap((f) => f.values)
      .join(', ');
    return refuse(
      `I don't have ${inSentence(asked?.label ?? askedId)}${what ? ` for ${what}` : ''}: ${what || 'that'} appears only in ${where.label} (${where.description.replace(/\.$/, '')}). ${describeDataWeHave(catalog, profile)}`,
    );
  }
  const dated = frame.times.filter((t) => !['all', 'previous', 'shiftBack', 'earlier'].includes(t.spec.kind));
  // "stock levels on 1 May": a snapshot has no history, and answering today's stock would be a wrong number.
  if (dated.length && !catalog.sources[plan0.source]?.dateColumn)
    return refuse(
      `${catalog.sources[plan0.source]!.label} is a snapshot with no dates, so I can't say what it was for "${dated[0]!.text}". I can show it as it is now.`,
    );
  shareWithinGroups(plan0, catalog);
  const covered = coverageCheck(composed.plan, catalog, profile);
  if (covered.resolution) return covered.resolution;
  if (covered.plan) composed.plan = covered.plan;
  if (covered.note) composed.notes.push(covered.note);
  const words = wordsSlot(frame);
  if (words.ignored.length)
    composed.notes.push(
      `I didn't use the word${words.ignored.length > 1 ? 's' : ''} ${words.ignored.map((w) => `"${w}"`).join(', ')}.`,
    );
  const weakest = [...composed.slots, { name: 'words' as const, score: words.score }].sort(
    (a, b) => a.score - b.score,
  )[0]!;
  if (weakest.score < ASK_BELOW)
    return clarifyFor.slot(weakest.name, composed, { catalog, profile, lexicon, question });
  let plan: Plan = composed.plan;
  if (composed.explain) plan = explainPlan(seriesEnd(ctx, plan), catalog, composed.notes, frame.direction);
  plan = PlanSchema.parse(plan);
  // A plan the compiler would reject (a breakdown its report lacks) is a reading gone wrong: ask, never error.
  if (!compiles(plan, catalog)) return clarifyFor.rephrase(catalog, profile);
  if (plan.timeRange) composed.notes.push(periodNote(plan.timeRange));
  return {
    kind: 'plan',
    plan,
    confidence: weakest.score * 0.95,
    notes: [...new Set(composed.notes)],
    ...(composed.explain ? { explain: true } : {}),
    ...(composed.alternatives.length ? { alternatives: composed.alternatives.slice(0, 3) } : {}),
    resolvedBy: 'planner',
  };
}

/** A series explained at its end: the latest month (or week, day) of the data against the one before. */
function seriesEnd({ catalog, profile }: PlannerContext, plan: Plan): Plan {
  const grain = plan.groupBy.find((d) => catalog.dimensions[d]?.grain);
  const latest = profile.dateRanges[plan.source]?.to;
  if (!grain || !latest) return plan;
  const unit = grain === 'day' ? 'day' : grain === 'week' ? 'week' : 'month';
  const inRange = plan.timeRange && plan.timeRange.to < latest ? plan.timeRange.to : latest;
  const timeRange = resolveTime({ kind: 'calendar', unit, offset: unit === 'week' ? -1 : 0 }, inRange)!;
  return { ...plan, groupBy: plan.groupBy.filter((d) => d !== grain), timeRange };
}

function hasContent(frame: Frame): boolean {
  return Boolean(
    frame.metrics.length ||
    frame.groupBy.length ||
    frame.filters.length ||
    frame.times.length ||
    frame.rank?.n ||
    frame.share ||
    frame.growth ||
    frame.trend ||
    frame.chart ||
    frame.sources.length ||
    frame.allOf.length ||
    frame.removeDims.length ||
    frame.loneNumbers.length ||
    frame.net ||
    frame.asRate ||
    frame.asCount ||
    frame.perDayOfThread ||
    frame.countOf,
  );
}

/**
 * "is it better or worse than before?", "compare it with the other one", "n how many tho": a question about some
 * figure that the words do not name. It is about the data, so it is asked back, never refused as off-topic.
 */
function pointsAtMissing(frame: Frame, previous: Plan | undefined): boolean {
  return Boolean(
    frame.leansOnPrevious || frame.comparePeriods || frame.direction || (previous && frame.howMany),
  );
}

/** A reply that edits the previous answer rather than asking anew. */
function isFollowUp(frame: Frame): boolean {
  if (!frame.metrics.length) return true;
  // "per order, in rupees", "orders?": a measure alone, with nothing else, changes the measure of the thread.
  const measureOnly = !shapesRows(frame) && !frame.trend;
  // "top 5 by rev": a ranking of nothing named ranks what the thread showed or counted.
  const bareRanking =
    Boolean(frame.rank) && !frame.groupBy.length && !frame.filters.length && !frame.times.length;
  return (
    frame.leansOnPrevious ||
    frame.edits.add ||
    frame.edits.instead ||
    (measureOnly && !frame.asksAnew) ||
    (bareRanking && !frame.asksAnew)
  );
}

/** "which size has the least stock?" after "stock of tops by size": a ranking of the thread's own breakdown. */
function ranksWithinThread(frame: Frame, previous: Plan): boolean {
  // "which is worst + how many returned lines": no breakdown named, so the thread's own.
  const ownBreakdown =
    frame.groupBy.length === 0 && previous.groupBy.length > 0 && Boolean(frame.rank?.worded);
  return (
    Boolean(frame.rank?.which) &&
    (ownBreakdown || frame.groupBy.length > 0) &&
    frame.groupBy.every((g) => previous.groupBy.includes(g.id)) &&
    !frame.filters.length &&
    !frame.times.length
  );
}

function onlyPresentation(frame: Frame): boolean {
  return (
    Boolean(frame.chart) && !frame.metrics.length && !shapesRows(frame) && !frame.explain && !frame.asRate
  );
}

/** Whether the question says anything about which rows to show: breakdown, filters, period, ranking, share, change. */
function shapesRows(frame: Frame): boolean {
  return Boolean(
    frame.groupBy.length ||
    frame.filters.length ||
    frame.times.length ||
    frame.rank ||
    frame.share ||
    frame.growth,
  );
}

/** Words not understood lower confidence; one where a value would stand is handled as a missing value instead. */
function wordsSlot(frame: Frame): { score: number; ignored: string[] } {
  const ignored = frame.unknown.filter((u) => !u.filterLike && u.word.length > 1).map((u) => u.word);
  return { score: Math.max(0.6, 1 - 0.12 * ignored.length), ignored };
}

function compiles(plan: Plan, catalog: Catalog): boolean {
  try {
    compilePlan(plan, catalog);
    return true;
  } catch {
    return false;
  }
}

function periodNote(range: { from: string; to: string; label: string }): string {
  return range.label.includes(range.from)
    ? `Period: ${range.label}.`
    : `Period: ${range.label} (${range.from} to ${range.to}).`;
}

/**
 * A share over two breakdowns is a share within one of them: "FBA share by month" is FBA's part of each month,
 * "promo share in each category" the promoted part of each category. The part is the breakdown a filter pins to
 * one value; without one, a date grain is the whole ("category mix by month").
 */
function shareWithinGroups(plan: Plan, catalog: Catalog): void {
  if (!plan.share || plan.shareWithin || plan.combined) return;
  // "FBA share by month", "as a share of total" after "b2b rev by mth": over a date series, the share is the pinned
  // value's part of each bucket, not each bucket's part of the pinned value's total.
  const pinnedOne = plan.filters.find(
    (f) => f.op === 'in' && distinctValues(f.values) === 1 && !plan.groupBy.includes(f.dimension),
  );
  if (pinnedOne && plan.groupBy.length && plan.groupBy.every((d) => catalog.dimensions[d]?.grain)) {
    plan.shareWithin = [...plan.groupBy];
    plan.groupBy = [...plan.groupBy, pinnedOne.dimension];
    return;
  }
  if (plan.groupBy.length < 2) return;
  const pinned = plan.groupBy.find((d) =>
    plan.filters.some((f) => f.dimension === d && f.op === 'in' && f.values.length === 1),
  );
  const grains = plan.groupBy.filter((d) => catalog.dimensions[d]?.grain);
  const within = pinned ? plan.groupBy.filter((d) => d !== pinned) : grains;
  if (within.length && within.length < plan.groupBy.length) plan.shareWithin = within;
}

/**
 * "how many did that one sell" after an answer of one row: that row, as "it" is. After a list, which row "that one"
 * means is not in the words, and guessing picks a number: it is asked, each row a choice.
 */
function pointedRow(
  catalog: Catalog,
  frame: Frame,
  composed: Composed,
  previous: Plan | undefined,
  rows: PreviousRows | undefined,
): Resolution | undefined {
  // "the one in third place" names its row.
  if (!previous || !frame.pointsAtOne || frame.rowPick) return undefined;
  const onlyRow = rows?.rows.length === 1 ? rowOptions(catalog, composed.plan, previous, rows)[0] : undefined;
  if (onlyRow?.plan) {
    composed.plan = onlyRow.plan;
    composed.notes.push(`Read "that one" as ${onlyRow.label}, the one row of the last answer.`);
    return undefined;
  }
  if (!previous.groupBy.length || previous.limit === 1 || frame.filters.length) return undefined;
  return {
    kind: 'clarify',
    message: 'Which one do you mean? Name it (for example its SKU, style or state), or ask for all of them.',
    options: [
      ...rowOptions(catalog, composed.plan, previous, rows),
      { label: 'All of them', question: 'all of them', plan: composed.plan },
    ],
    // "the first one" next answers this question, about that row.
    pendingPlan: composed.plan,
    resolvedBy: 'planner',
  };
}

/** "Which one do you mean?": each row the last answer showed, as a one-click choice of the question asked. */
function rowOptions(
  catalog: Catalog,
  plan: Plan,
  previous: Plan,
  rows: PreviousRows | undefined,
): Suggestion[] {
  const dimension = previous.groupBy.find(
    (d) => !catalog.dimensions[d]?.grain && dimensionSources(catalog, d).includes(plan.source),
  );
  const column = dimension && rows ? rows.columns.indexOf(dimension) : -1;
  if (!dimension || !rows || column < 0) return [];
  return rows.rows.slice(0, 3).flatMap((row) => {
    const value = row[column];
    if (value === null || value === undefined) return [];
    const label = String(value);
    const picked: Plan = {
      ...plan,
      groupBy: plan.groupBy.filter((d) => d !== dimension),
      filters: [
        ...plan.filters.filter((f) => f.dimension !== dimension),
        { dimension, op: 'in', values: [label] },
      ],
    };
    delete picked.sort;
    delete picked.limit;
    return [{ label, question: label, plan: picked }];
  });
}
