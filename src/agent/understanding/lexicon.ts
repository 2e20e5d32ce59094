import type { Catalog } from '../../semantic/catalog.js';
import type { DataProfile } from '../../semantic/data-profile.js';
import type { ChartPreference, Source } from '../../semantic/plan.js';
import { ValueIndex, editDistance, type ValueMatch } from '../../semantic/value-match.js';
import type { CueKind, CueLexicon } from './cues.js';
import { spellingIndex } from './spelling.js';
import { lettersInOrder, tokenize } from './tokens.js';

/**
 * Everything a span of words can mean, built from three places: the catalog (metric and dimension words), the data
 * profile (the values that exist, matched forgivingly) and the cue-word file (structure words).
 */
export type Reading =
  | { kind: 'metric'; id: string; score: number }
  | { kind: 'dimension'; id: string; score: number }
  | {
      kind: 'value';
      dimension: string;
      source: Source;
      values: string[];
      /** 1 exact, lower for aliases, plurals and typos. */
      score: number;
      match: ValueMatch['kind'];
      /** An ordinary English word too ("set", "top", "amazon"): needs a clear context. */
      common: boolean;
    }
  | { kind: 'boolean'; dimension: string; value: boolean; score: number }
  | { kind: 'cue'; cue: CueKind; score: number }
  | { kind: 'chart'; chart: ChartPreference; score: number }
  | { kind: 'source'; source: Source; score: number };

export interface Lexicon {
  readonly catalog: Catalog;
  /** Readings of tokens' words as one phrase (normalised text). */
  readingsOf(phrase: string, lemma: string): Reading[];
  /** Data values a phrase names, on every source. */
  valuesOf(phrase: string, options: { fuzzy: boolean }): Extract<Reading, { kind: 'value' }>[];
  /** Closest data values to a word, for "did you mean" options. */
  nearestValues(word: string, source: Source): { dimension: string; value: string }[];
  /** Dimensions in the order their values are tried ("delhi": state before city). */
  readonly valueDimensions: string[];
  readonly cues: CueLexicon;
  readonly maxWords: number;
  /**
   * Builds the next data-value index now instead of on first use; false once every index is built. Start-up
   * calls it between event-loop turns (agent/planner-head-start.ts): the indexes over every value of the data
   * take tens of ms, and in steps they leave room for DuckDB's callbacks while the warehouse opens.
   */
  buildNextIndex(): boolean;
  /**
   * The one measure or breakdown word a typed word is a typo of ("retrun" → "return", "catgory" → "category"),
   * when the word means nothing as typed; else undefined.
   */
  spellingOf(word: string): string | undefined;
}

const MATCH_SCORE = { exact: 1, plural: 0.95, alias: 0.95, prefix: 0.9, typo: 0.75 } as const;

/** One dimension's values on one source, indexed on first use (or by buildNextIndex). */
interface LazyIndex {
  source: Source;
  dimension: string;
  readonly index: ValueIndex;
  readonly built: boolean;
  build(): ValueIndex;
}

export function buildLexicon(catalog: Catalog, profile: DataProfile, cues: CueLexicon): Lexicon {
  const phrases = new Map<string, Reading[]>();
  let maxWords = cues.maxWords;
  const add = (text: string, reading: Reading) => {
    const tokens = tokenize(text);
    maxWords = Math.max(maxWords, tokens.length);
    for (const key of new Set([tokens.map((t) => t.norm).join(' '), tokens.map((t) => t.lemma).join(' ')])) {
      const list = phrases.get(key) ?? [];
      if (!list.some((r) => JSON.stringify(r) === JSON.stringify(reading))) list.push(reading);
      phrases.set(key, list);
    }
  };
  for (const [id, m] of Object.entries(catalog.metrics))
    for (const s of [m.label, ...m.synonyms]) {
      add(s.toLowerCase(), { kind: 'metric', id, score: 1 });
      // "units/order", "rev/day": a ratio typed with a slash, one token, for each "x per y" the catalog says.
      const ratio = /^(\w+) per (\w+)$/.exec(s.toLowerCase());
      if (ratio) add(`${ratio[1]}/${ratio[2]}`, { kind: 'metric', id, score: 1 });
    }
  for (const [phrase, id] of netForms(catalog)) add(phrase, { kind: 'metric', id, score: 1 });
  for (const [id, d] of Object.entries(catalog.dimensions)) {
    for (const s of [d.label, ...d.synonyms]) add(s.toLowerCase(), { kind: 'dimension', id, score: 1 });
    if (d.values) {
      // Yes/no dimensions: "b2b" is its true value, "b2c"/"retail" the false one (from the value labels).
      for (const value of [true, false]) {
        const def = d.values[value ? 'true' : 'false'];
        for (const s of [def.label, ...def.synonyms])
          add(s.toLowerCase(), { kind: 'boolean', dimension: id, value, score: 1 });
      }
    }
  }

  // One-word measure and dimension names forgive one typo ("unts", "revnue", "cateogry") when only one is that close.
  const singleWords = [...phrases.entries()].filter(
    ([k, rs]) =>
      !k.includes(' ') && k.length >= 4 && rs.some((r) => r.kind === 'metric' || r.kind === 'dimension'),
  );
  const fuzzyWord = (word: string): Reading[] => {
    if (word.includes(' ') || word.length < 4 || cues.kindsOf(word).length) return [];
    const typo =
      word.length >= 5
        ? singleWords.filter(([k]) => Math.abs(k.length - word.length) <= 1 && editDistance(k, word, 1) <= 1)
        : [];
    // "custmrs", "ordrs": the name with its vowels dropped, as people type on a phone.
    const near = typo.length ? typo : singleWords.filter(([k]) => isVowelDropped(word, k));
    const ids = new Set(near.flatMap(([, rs]) => rs.map((r) => ('id' in r ? r.id : ''))));
    return ids.size === 1 ? near[0]![1].map((r) => ({ ...r, score: 0.8 })) : [];
  };
  const valueDimensions = Object.entries(catalog.dimensions)
    .filter(([, d]) => d.profile)
    .sort(([, a], [, b]) => a.valuePriority - b.valuePriority)
    .map(([id]) => id);
  const indexes: LazyIndex[] = [];
  for (const dimension of valueDimensions) {
    for (const [source, dims] of Object.entries(profile.values) as [Source, Record<string, string[]>][]) {
      const values = dims?.[dimension];
      if (!values?.length) continue;
      const aliases = catalog.valueAliases[dimension] ?? {};
      let built: ValueIndex | undefined;
      const build = () =>
        (built ??= new ValueIndex(values, aliases, 300, { ignoreDigits: dimension === 'city' }));
      indexes.push({
        source,
        dimension,
        build,
        get index() {
          return build();
        },
        get built() {
          return built !== undefined;
        },
      });
    }
  }

  const firstWords = leadingWords(profile);

  const byShape = valuesByShape(catalog);
  const valuesOf: Lexicon['valuesOf'] = (phrase, options) => {
    const out: Extract<Reading, { kind: 'value' }>[] = [];
    out.push(...byShape(phrase));
    if (out.length) return out;
    // "bottom 3", "10 cities": a number beside a word is a count, never part of a value's name.
    if (/(^|\s)\d+(\s|$)/.test(phrase) || phrase.includes('%')) return out;
    const multiWord = phrase.includes(' ');
    const common = cues.kindsOf(phrase).includes('commonWord');
    // Typos are forgiven in one word only: across words a near miss is usually other words ("kurta sales"),
    // except in the last word of a name whose other words are typed as they are ("western dreses"), when that
    // word means nothing else.
    const lastWord = multiWord ? phrase.slice(phrase.lastIndexOf(' ') + 1) : '';
    const lastWordTypos =
      options.fuzzy && multiWord && !phrases.has(lastWord) && !cues.kindsOf(lastWord).length;
    for (const { source, dimension, index } of indexes) {
      const hit =
        index.match(phrase, { fuzzy: options.fuzzy && !multiWord && phrase.length >= 4 }) ??
        (lastWordTypos ? lastWordTypo(index, phrase, firstWords(source, dimension)) : undefined);
      if (!hit) continue;
      out.push({
        kind: 'value',
        dimension,
        source,
        values: hit.values,
        score: MATCH_SCORE[hit.kind],
        match: hit.kind,
        common,
      });
    }
    return out;
  };

  const spellingOf = spellingIndex(phrases, (word) =>
    Boolean(cues.kindsOf(word).length || valuesOf(word, { fuzzy: false }).length),
  );

  return {
    catalog,
    cues,
    valueDimensions,
    spellingOf,
    get maxWords() {
      return maxWords;
    },
    readingsOf(phrase, lemma) {
      const out: Reading[] = [...(phrases.get(phrase) ?? phrases.get(lemma) ?? fuzzyWord(phrase))];
      // Ranking words match as typed: "top" ranks, "tops" is the category.
      const fromLemma = cues.kindsOf(lemma).filter((k) => k !== 'rankDesc' && k !== 'rankAsc');
      for (const cue of new Set([...cues.kindsOf(phrase), ...fromLemma]))
        out.push({ kind: 'cue', cue, score: 1 });
      const chart = cues.chartTypeOf(phrase);
      if (chart) out.push({ kind: 'chart', chart, score: 1 });
      const source = cues.sourceOf(phrase) ?? cues.sourceOf(lemma);
      if (source) out.push({ kind: 'source', source, score: 1 });
      return out;
    },
    valuesOf,
    buildNextIndex() {
      const next = indexes.find((i) => !i.built);
      next?.build();
      return next !== undefined;
    },
    nearestValues(word, source) {
      const out: { dimension: string; value: string }[] = [];
      for (const { source: s, dimension, index } of indexes) {
        if (s !== source || index.size > 500) continue;
        for (const value of index.nearest(word, 2)) out.push({ dimension, value });
      }
      return out.slice(0, 4);
    },
  };
}

/**
 * "net rev", "net GMV", "net DRR": a metric the catalog names "net <word>" of another metric's word ("net sales"
 * of "sales") is also "net" with every other word of that metric, so no list has to repeat them.
 */
export function netForms(catalog: Catalog): [string, string][] {
  const out: [string, string][] = [];
  const metrics = Object.entries(catalog.metrics);
  for (const [id, m] of metrics) {
    const bases = new Set(
      m.synonyms.flatMap((s) => {
        const word = /^net (.+)$/.exec(s.toLowerCase())?.[1];
        const base = word && metrics.find(([other, b]) => other !== id && b.synonyms.includes(word));
        return base ? [base[0]] : [];
      }),
    );
    for (const base of bases)
      for (const s of catalog.metrics[base]!.synonyms)
        if (!/^(net|gross) /.test(s)) out.push([`net ${s.toLowerCase()}`, id]);
  }
  return out;
}

/** The net form of a metric ("revenue" → "net_revenue"), from the same catalog words as `netForms`. */
export function netTwinOf(catalog: Catalog, id: string): string | undefined {
  const words = new Set((catalog.metrics[id]?.synonyms ?? []).map((s) => `net ${s.toLowerCase()}`));
  return netForms(catalog).find(([phrase, twin]) => twin !== id && words.has(phrase))?.[1];
}

/**
 * "western dreses" for Western Dress: a typo allowed in the last word only, when the words before it open a value
 * as typed and the value has as many words. Anything looser matches other words ("kurta sales").
 */
function lastWordTypo(index: ValueIndex, phrase: string, leading: Set<string>): ValueMatch | undefined {
  const words = phrase.split(' ');
  if (words.length > 3 || words.at(-1)!.length < 5 || !leading.has(words[0]!)) return undefined;
  const hit = index.match(phrase, { fuzzy: true });
  if (hit?.kind !== 'typo' || hit.values.length !== 1) return undefined;
  const valueWords = hit.values[0]!.toLowerCase().trim().split(/\s+/);
  const sameLead = words.slice(0, -1).every((w, k) => w === valueWords[k]);
  const lastClose = editDistance(words.at(-1)!, valueWords.at(-1)!, 2) <= 2;
  return sameLead && lastClose && valueWords.length === words.length ? hit : undefined;
}

/** First words of the multi-word values, per source and dimension, built on the first phrase that needs them. */
function leadingWords(profile: DataProfile): (source: Source, dimension: string) => Set<string> {
  const leading = new Map<string, Set<string>>();
  return (source, dimension) => {
    const id = `${source}.${dimension}`;
    let set = leading.get(id);
    if (!set) {
      const values = (profile.values as Record<string, Record<string, string[]> | undefined>)[source]?.[
        dimension
      ];
      set = new Set(
        (values ?? []).filter((v) => /\s/.test(v.trim())).map((v) => v.trim().split(/\s+/)[0]!.toLowerCase()),
      );
      leading.set(id, set);
    }
    return set;
  };
}

/** `short` is `full` with some vowels left out: same first letter, same consonants in order ("custmrs", "customers"). */
function isVowelDropped(short: string, full: string): boolean {
  if (short.length >= full.length || short[0] !== full[0]) return false;
  const consonants = (w: string) => w.slice(1).replace(/[aeiou]/g, '');
  return consonants(short) === consonants(full) && lettersInOrder(short, full);
}

/** Values known by their shape (an order ID), on each source that has the dimension: no profile lookup. */
function valuesByShape(catalog: Catalog): (phrase: string) => Extract<Reading, { kind: 'value' }>[] {
  const shaped = Object.entries(catalog.dimensions).flatMap(([dimension, d]) =>
    d.valuePattern
      ? Object.keys(d.columns).map((source) => ({
          dimension,
          source: source as Source,
          shape: new RegExp(d.valuePattern!),
        }))
      : [],
  );
  return (phrase) =>
    shaped
      .filter(({ shape }) => shape.test(phrase))
      .map(({ dimension, source }) => ({
        kind: 'value',
        dimension,
        source,
        values: [phrase],
        score: 1,
        match: 'exact',
        common: false,
      }));
}
