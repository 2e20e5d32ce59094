import type { ChartPreference, Source, ThresholdOp } from '../../semantic/plan.js';
import type { TimeMention } from './dates.js';
import type { Reading } from './lexicon.js';

/**
 * What a question says, by role, before it meets a source or a previous plan: the grammar's output and the input
 * of the follow-up operators and of frame → Plan. No text beyond the words quoted for notes and clarifications.
 */
export type ValueReading = Extract<Reading, { kind: 'value' }>;

export interface FrameMetric {
  id: string;
  score: number;
  /** Span position, for ordering and for "too"/"instead" edits. */
  at: number;
  /** "which state cancels the most (by cancellation rate)": the measure a ranking is by. */
  rankedBy?: boolean;
}

export interface FrameFilter {
  /** Every dimension/source the words could name, best first; frame → Plan picks the one on the plan's source. */
  candidates: ValueReading[];
  /** Yes/no dimensions ("b2b", "with a promo"). */
  boolean?: { dimension: string; value: boolean };
  /** A metric's lines as a filter ("excluding returns", "revenue from cancelled orders"). */
  fixed?: { dimension: string; values: string[] };
  negated: boolean;
  /** The words, for notes ("Read "blr" as city BENGALURU"). */
  text: string;
  at: number;
  score: number;
  /** "XS or S": one of a set of values, counted together rather than side by side. */
  orJoined?: boolean;
  /** "only Kerala", "just for B2B": replaces what the previous plan had for that dimension. */
  only: boolean;
}

export interface FrameRank {
  direction: 'asc' | 'desc';
  n?: number;
  /** "which state…" / "what day…": the single top row when no N is said. */
  which: boolean;
  /** Sort by the change rather than the value ("grew the most"). */
  byChange: boolean;
  /** A ranking word was said ("top", "most", "least"), not only "which". */
  worded?: boolean;
  /** "worst"/"best": a judgement, so the direction turns for a measure where lower is better. */
  judged?: boolean;
}

export interface FrameThreshold {
  op: ThresholdOp;
  value: number;
  /** Span position of the number, to find the measure it is about. */
  at: number;
  /** "above 5%": written as a percentage, so the rate it bounds is 0.05. */
  percent?: boolean;
  /** "at least a thousand lines": the measure the word after the number names, when no measure word does. */
  metric?: string;
  /** "crossed 15 lakh", "over ₹2 cr": an amount of money, so the bound is on the report's money measure. */
  money?: boolean;
  /** Opened by "between": the next number closes the range. */
  opensRange?: boolean;
}

export interface UnknownWord {
  word: string;
  at: number;
  /** Where a value would stand ("in Paris", "for Acme"): not knowing it changes the answer. */
  filterLike: boolean;
  /** A day of the month with no month ("on the fourth"). */
  day?: boolean;
  /** Where a breakdown would stand ("by cat"): the dimensions it may shorten (none known, or several). */
  breakdown?: string[];
}

export interface Frame {
  metrics: FrameMetric[];
  /** `shorthand`: the word read as this dimension's short form ("by cat"), for the reading's note. */
  groupBy: { id: string; at: number; shorthand?: string }[];
  filters: FrameFilter[];
  times: TimeMention[];
  /** A comparison word sits between two periods, or "vs"/"compare" with one period (a follow-up's "vs april"). */
  comparePeriods: boolean;
  /** The comparison word stands right before a period: "vs last month". */
  compareBefore: boolean;
  rank?: FrameRank;
  /** "which state" (one row) rather than "which states". */
  singularGroup?: boolean;
  share: boolean;
  /** "the whole month": the period as one figure, so a series over it goes (other breakdowns stay). */
  wholePeriod?: boolean;
  /** Where the share word was said: a value before it is the part ("mumbai's cut of MH rev"). */
  shareAt?: number;
  growth: boolean;
  /** The period a growth word implies ("WoW": the last complete week against the one before). */
  growthUnit?: 'week' | 'month' | 'quarter';
  trend: boolean;
  chart?: ChartPreference;
  explain: boolean;
  /** Which way the change being asked about went ("why the dip?"). */
  direction?: 'up' | 'down';
  /** "biggest customer", "which category grew": size words, which imply revenue when no measure is named. */
  sizeWord: boolean;
  /** "how many SKUs", "number of customers": a count of a dimension's values. */
  countOf?: string;
  /** "what does an average customer spend": a measure averaged over a dimension's values, one number. */
  perValueOf?: string;
  /** "over 9 lakh", "under five pcs", "between 2 and 5": conditions on a measure that keep groups. */
  thresholds: FrameThreshold[];
  /** "remove the colour filter": dimensions whose filters a follow-up takes off. */
  removeDims: string[];
  /** Numbers that are no count, rank or threshold ("make it 30 lakh"), with their scale. */
  loneNumbers: number[];
  /** Dimensions named as who or what the question is about without a breakdown ("bill wholesale customers"). */
  about: string[];
  /** "the top 5 states combined": the ranked rows added together. */
  combined?: boolean;
  /** Words asking for something a Plan cannot express yet ("combined", "more than 9 lakh"). */
  unsupported?: string;
  sources: Source[];
  /** A selling verb ("sell", "sold"): a question about sales, whatever report its values point to. */
  sold: boolean;
  /** "those", "them", "that": the previous answer's rows. */
  pointsBack: boolean;
  /** "that one", "this one": one row of the previous answer, which the words do not name. */
  pointsAtOne: boolean;
  /** "the second one", "take the third state": a row of the previous answer (1-based; -1 the last). */
  rowPick?: {
    index: number;
    text: string;
    dimension?: string;
    single?: boolean;
    /** "the state with the most": the row with the highest (index 1) or lowest (-1) value, not a place. */
    byValue?: boolean;
  };
  /** "April and May": two months named side by side, shown month by month over the span. */
  eachMonth?: boolean;
  /** "the avg per day on that": the thread's measure as its per-day rate. */
  perDayOfThread?: boolean;
  /** "how many pcs did they take": a party pointed at (they, them, their). */
  pointsAtThey?: boolean;
  /** "how much stock do we have of it": one thing pointed at (the row the last answer led with), not all shown. */
  pointsAtIt?: boolean;
  /** "make it a rate": the thread's count as its rate (the catalog's `asRate`). */
  asRate?: boolean;
  /** "count pls not %", "the count instead of the rate": the thread's rate as the count it is of. */
  asCount?: boolean;
  /** "overall", "in total", "altogether": one figure for the whole, not the thread's breakdown. */
  overall?: boolean;
  /** "how many …": a count, which a report may define (inventory: SKUs). */
  howMany: boolean;
  /** "how many … sold": units, not revenue. */
  howManySold: boolean;
  /** Follow-up edit words present anywhere. */
  edits: { add: boolean; only: boolean; remove: boolean; instead: boolean; split: boolean };
  /** "gross revenue": every line counted, cancellations included. */
  gross?: boolean;
  /** "show both side by side": the thread's last two values of a dimension together. */
  both?: boolean;
  /** "make that net": each measure's net form (the catalog's "net <word>" metric), where it has one. */
  net?: boolean;
  /** "list the XL ones", "name them": the counted things themselves, one row each, not their count. */
  listing?: boolean;
  /** Where "instead of" / "rather than" stands: the value after it is the one that leaves ("kurta instead of set"). */
  insteadOfAt?: number;
  /** "by orders not rev", "units, not revenue": measures the user turned away from. */
  notMetrics: string[];
  /** Starts like a follow-up ("and", "what about", "now", "same for") or points back ("that", "it"). */
  leansOnPrevious: boolean;
  chatter: boolean;
  /** "how are we doing", "anything interesting": a question about the business with nothing named. */
  vague: boolean;
  /** Starts like a whole new question ("what was…", "show me…", "total…"), not a fragment. */
  asksAnew: boolean;
  /** "show that in crores": only how the numbers read changes. */
  displayOnly: boolean;
  /** "how much …": an amount of money when no measure is named. */
  howMuch: boolean;
  /** "all marketplaces", "every state": every value of these dimensions, whatever the thread filtered. */
  allOf: string[];
  /** Of `allOf`, the dimensions said with "all" ("now all categories"), not "every"/"each" (one row per value). */
  allSaid?: string[];
  /** "and the other channel?", "same for that other style": the value of this dimension the thread did not pick. */
  otherOf?: string;
  /** "show all categories again": the values of these, back as the breakdown the thread had before. */
  again?: string[];
  /** Where "vs" stands: the values on either side are set against each other. */
  versusAt?: number;
  /** "for the same cities": the rows the last answer showed. */
  sameRows?: boolean;
  /** "top 3 cities there": the place the last answer led with. */
  pointsThere?: boolean;
  /** "whats all that worth": everything the last answer showed, taken as one whole. */
  pointsAtAll?: boolean;
  unknown: UnknownWord[];
  /** Content words that had a meaning, for coverage. */
  understoodWords: number;
}

/** A frame with nothing read yet: every role empty, every flag off. */
export function emptyFrame(): Frame {
  return {
    metrics: [],
    groupBy: [],
    filters: [],
    times: [],
    comparePeriods: false,
    compareBefore: false,
    share: false,
    growth: false,
    trend: false,
    explain: false,
    sources: [],
    howMany: false,
    pointsAtOne: false,
    pointsBack: false,
    sold: false,
    howManySold: false,
    edits: { add: false, only: false, remove: false, instead: false, split: false },
    notMetrics: [],
    about: [],
    removeDims: [],
    loneNumbers: [],
    thresholds: [],
    leansOnPrevious: false,
    vague: false,
    asksAnew: false,
    displayOnly: false,
    howMuch: false,
    allOf: [],
    sizeWord: false,
    chatter: false,
    unknown: [],
    understoodWords: 0,
  };
}
