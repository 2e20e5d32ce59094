import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYaml } from '../../semantic/yaml-text.js';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { CHART_TYPES, SOURCES, type ChartPreference, type Source } from '../../semantic/plan.js';
import { lemmaOf, tokenize } from './tokens.js';

/** Structural words of a question (data/cues.yml): ranking, negation, share, comparison, follow-up verbs… */
export const CUE_KINDS = [
  'rankDesc',
  'rankAsc',
  'which',
  'negate',
  'share',
  'growth',
  'compare',
  'trend',
  'explain',
  'remove',
  'only',
  'add',
  'instead',
  'split',
  'groupBy',
  'chart',
  'followUpLead',
  'chatter',
  'filler',
  'commonWord',
  'vague',
  'sellVerb',
  'down',
  'up',
  'sizeWord',
  'removeAfter',
  'unsupported',
  'displayUnit',
  'keptAfter',
  'keptBefore',
  'judged',
  'verbPhrase',
  'above',
  'atLeast',
  'below',
  'atMost',
  'between',
  'nonZero',
  'average',
  'listing',
] as const;
export type CueKind = (typeof CUE_KINDS)[number];

const words = z.array(z.union([z.string(), z.number()]).transform(String));
const CueFileSchema = z.object({
  ...Object.fromEntries(CUE_KINDS.map((k) => [k, words])),
  chartTypes: z.partialRecord(z.enum(CHART_TYPES), words),
  sourceWords: z.partialRecord(z.enum(SOURCES), words),
}) as unknown as z.ZodType<CueFile>;

export type CueFile = Record<CueKind, string[]> & {
  chartTypes: Partial<Record<ChartPreference, string[]>>;
  sourceWords: Partial<Record<Source, string[]>>;
};

export interface CueLexicon {
  /** Cue kinds of a normalised phrase (tokens joined by one space). */
  kindsOf(phrase: string): CueKind[];
  chartTypeOf(phrase: string): ChartPreference | undefined;
  /** The report a phrase names ("wholesale" → international_sales). */
  sourceOf(phrase: string): Source | undefined;
  /** Longest cue phrase, in tokens. */
  readonly maxWords: number;
}

export function defaultCuesPath(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'cues.yml');
}

export function loadCues(path: string = defaultCuesPath()): CueLexicon {
  return buildCues(readCueFile(path));
}

export function readCueFile(path: string = defaultCuesPath()): CueFile {
  return parseCueFile(readCueText(path), path);
}

function readCueText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `The cue-word file ${path} could not be read.`, { cause: error });
  }
}

/** The checked contents of a cue-word file: plain data, so a caller may cache it (src/semantic/compiled-cache.ts). */
export function parseCueFile(text: string, path: string): CueFile {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `The cue-word file ${path} could not be read.`, { cause: error });
  }
  const parsed = CueFileSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('CONFIG_INVALID', `The cue-word file ${path} is invalid.`);
  return parsed.data;
}

export function buildCues(file: CueFile): CueLexicon {
  const kinds = new Map<string, Set<CueKind>>();
  const charts = new Map<string, ChartPreference>();
  const sources = new Map<string, Source>();
  let maxWords = 1;
  const key = (phrase: string) => {
    // Most cue phrases are plain lower-case words, which tokenize to themselves: skip the tokenizer for them
    // (a thousand phrases are keyed on every start).
    const words = /^[a-z]+(?: [a-z]+)*$/.test(phrase)
      ? phrase.split(' ')
      : tokenize(phrase).map((t) => t.norm);
    maxWords = Math.max(maxWords, words.length);
    return words.join(' ');
  };
  const add = (phrase: string, kind: CueKind) => {
    const keyed = key(phrase);
    for (const k of new Set([keyed, keyed.split(' ').map(lemmaOf).join(' ')])) {
      if (!k) continue;
      const set = kinds.get(k) ?? new Set<CueKind>();
      set.add(kind);
      kinds.set(k, set);
    }
  };
  for (const kind of CUE_KINDS) for (const phrase of file[kind]) add(phrase, kind);
  for (const [type, list] of Object.entries(file.chartTypes)) {
    for (const phrase of list ?? []) charts.set(key(phrase), type as ChartPreference);
  }
  for (const [source, list] of Object.entries(file.sourceWords)) {
    for (const phrase of list ?? []) sources.set(key(phrase), source as Source);
  }
  return {
    sourceOf: (phrase: string) => sources.get(phrase),
    kindsOf: (phrase: string) => [...(kinds.get(phrase) ?? [])],
    chartTypeOf: (phrase: string) => charts.get(phrase),
    get maxWords() {
      return maxWords;
    },
  };
}
