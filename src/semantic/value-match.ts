/**
 * Matching a person's words against the values actually in the data, forgiving case, spacing, punctuation,
 * plurals and small typos: "kurtas" → kurta, "maharastra" → MAHARASHTRA, "tamilnadu" → TAMIL NADU.
 * Every data value that normalises to the same key is returned ("Hyderabad" and "HYDERABAD" are one city).
 */
export function normalizeKey(text: string): string {
  return keyOf(text, false);
}

/**
 * normalizeKey as one pass over the lowercased text (the same key as `.replaceAll('&', 'and')` and dropping every
 * character outside a–z and 0–9): the planner keys every value of the data profile, ~33,000 of them, at start-up,
 * and two regular-expression passes per value were most of that. `dropDigits` also drops 0–9 (city keys).
 */
function keyOf(text: string, dropDigits: boolean): string {
  const lower = text.toLowerCase();
  let out = '';
  let kept = 0; // lower[kept, i) is still to be copied
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (!dropDigits && c >= 48 && c <= 57)) continue;
    out += lower.slice(kept, i);
    if (c === 38) out += 'and';
    kept = i + 1;
  }
  return kept === 0 ? lower : out + lower.slice(kept);
}

/** Singular forms of a key: "kurtas" → kurta, "dresses" → dress, "sarees" → saree. */
export function singularKeys(key: string): string[] {
  const out = [key];
  if (key.length > 3 && key.endsWith('es')) out.push(key.slice(0, -2));
  if (key.length > 3 && key.endsWith('s')) out.push(key.slice(0, -1));
  if (key.length > 4 && key.endsWith('ies')) out.push(`${key.slice(0, -3)}y`);
  return out;
}

/** Levenshtein distance with an early exit once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Two letters swapped ("retrun", "catgeory") is the commonest typo, so it counts as one edit (optimal string
  // alignment), not two.
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, before[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** How many typos a word of this length may have and still match. */
export function allowedEdits(length: number): number {
  if (length >= 9) return 2;
  if (length >= 5) return 1;
  return 0;
}

export interface ValueMatch {
  /** Data values (exact spelling) the words matched. */
  values: string[];
  /**
   * 'exact' (same key), 'plural' (singular/plural), 'alias' (catalog alias), 'prefix' (the leading words of one
   * long name) or 'typo' (edit distance).
   */
  kind: 'exact' | 'plural' | 'alias' | 'prefix' | 'typo';
  distance: number;
}

/** An index of one dimension's values for fast exact lookups and, for small sets, typo matching. */
export class ValueIndex {
  /**
   * Each key's data values: most keys have one, held as itself (an array per key was most of the index's memory,
   * and so of start-up's garbage collection), several as a list in the data's order.
   */
  private readonly byKey = new Map<string, string | string[]>();
  private readonly aliases = new Map<string, string[]>();

  private readonly key: (text: string) => string;

  constructor(
    values: readonly string[],
    /** A word for one value, or for a family of them ("pending": Pending and Pending - Waiting for Pick Up). */
    aliases: Record<string, string | string[]> = {},
    /** Typo matching is only safe on small, distinctive value sets (categories, states), not 8,000 cities. */
    private readonly fuzzyLimit = 300,
    /** Cities carry postal codes in the raw file ("BENGALURU 560037"): their keys ignore digits. */
    options: { ignoreDigits?: boolean } = {},
  ) {
    const dropDigits = options.ignoreDigits === true;
    this.key = (t) => keyOf(t, dropDigits);
    for (const v of values) {
      const key = this.key(v);
      if (!key) continue;
      const held = this.byKey.get(key);
      if (held === undefined) this.byKey.set(key, v);
      else if (typeof held === 'string') {
        if (held !== v) this.byKey.set(key, [held, v]);
      } else if (!held.includes(v)) held.push(v);
    }
    for (const [alias, target] of Object.entries(aliases))
      this.aliases.set(this.key(alias), Array.isArray(target) ? target : [target]);
  }

  /** The values of a key, as a new array. */
  private valuesAt(key: string): string[] | undefined {
    const held = this.byKey.get(key);
    if (held === undefined) return undefined;
    return typeof held === 'string' ? [held] : [...held];
  }

  get size(): number {
    return this.byKey.size;
  }

  match(text: string, options: { fuzzy?: boolean } = {}): ValueMatch | undefined {
    const key = this.key(text);
    if (!key) return undefined;
    const exact = this.valuesAt(key);
    const aliasTargets = this.aliases.get(key);
    if (aliasTargets !== undefined) {
      // "bangalore" is the city spelled BENGALURU in most rows: the alias's values plus any literal spelling.
      // A target spelled as this source has it wins; a near spelling only stands in when none is ("xxxl" is 3XL in
      // the Amazon report and XXXL in the stock report, never XXL).
      const held = aliasTargets.flatMap((t) => this.valuesAt(this.key(t)) ?? []);
      const targets = held.length ? held : aliasTargets.flatMap((t) => this.fuzzy(this.key(t), true) ?? []);
      if (targets.length) return { values: unionOf(targets, exact ?? []), kind: 'alias', distance: 0 };
    }
    if (exact) return { values: exact, kind: 'exact', distance: 0 };
    for (const s of singularKeys(key).slice(1)) {
      const hit = this.valuesAt(s);
      if (hit) return { values: hit, kind: 'plural', distance: 0 };
    }
    // "kurta" against a data value "Kurtas" (or "KURTI" forms): try the data's singulars too.
    const dataPlural = this.dataPluralOf(key);
    if (dataPlural) return { values: dataPlural, kind: 'plural', distance: 0 };
    const prefixed = this.prefixOf(text, key);
    if (prefixed) return { values: prefixed, kind: 'prefix', distance: 0 };
    if (options.fuzzy === false || this.byKey.size > this.fuzzyLimit) return undefined;
    const best = this.fuzzy(key, false);
    if (!best) return undefined;
    return { values: best, kind: 'typo', distance: this.lastDistance };
  }

  /**
   * "amani concept trading" for AMANI CONCEPT TRADING LLC (KAPDA): several words that begin exactly one value.
   * A short key is too weak a clue, and two values sharing the start is a guess. One word counts only when it is
   * long (a name such as "mulberries", not "amani") and the value's whole first word.
   */
  private prefixOf(text: string, key: string): string[] | undefined {
    const oneWord = !/\s/.test(text.trim());
    if (key.length < 10) return undefined;
    // Sorted once, then a binary search: this runs for every unmatched phrase of a question.
    this.sortedKeys ??= [...this.byKey.keys()].sort();
    const keys = this.sortedKeys;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    const first = keys[lo];
    if (first === undefined || !first.startsWith(key) || keys[lo + 1]?.startsWith(key)) return undefined;
    const values = this.valuesAt(first);
    if (oneWord && !values?.every((v) => v.toLowerCase().startsWith(`${text.trim().toLowerCase()} `)))
      return undefined;
    return values;
  }

  private sortedKeys: string[] | undefined;

  /**
   * The values of the data key whose singular form (singularKeys) is `key`: "kurtas" for kurta, "dresses" for
   * dress, "bodies" for body. Looked up when asked rather than indexed up front (one more map over ~33,000 values
   * at every start); when several data keys qualify, the first in the data's order wins, as an index would have.
   */
  private dataPluralOf(key: string): string[] | undefined {
    const candidates = [`${key}es`, `${key}s`];
    if (key.endsWith('y')) candidates.push(`${key.slice(0, -1)}ies`);
    const present = candidates.filter((k) => this.byKey.has(k) && singularKeys(k).slice(1).includes(key));
    if (present.length === 0) return undefined;
    if (present.length === 1) return this.valuesAt(present[0]!);
    for (const k of this.byKey.keys()) if (present.includes(k)) return this.valuesAt(k);
    return undefined;
  }

  private lastDistance = 0;

  private fuzzy(key: string, lenient: boolean): string[] | undefined {
    const max = lenient ? Math.max(1, allowedEdits(key.length)) : allowedEdits(key.length);
    if (max === 0) return undefined;
    let best: string | undefined;
    let bestDistance = max + 1;
    let tie = false;
    const variants = singularKeys(key);
    for (const k of this.byKey.keys()) {
      for (const variant of variants) {
        const d = editDistance(variant, k, max);
        if (d < bestDistance) {
          bestDistance = d;
          best = k;
          tie = false;
        } else if (d === bestDistance && best !== k) tie = true;
      }
    }
    // Two values equally close ("bihar"/"bhar"?) is a guess, not a match.
    if (best === undefined || bestDistance > max || tie) return undefined;
    this.lastDistance = bestDistance;
    return this.valuesAt(best);
  }

  /** Closest values to a word, for "did you mean" options. */
  nearest(text: string, count = 3): string[] {
    const key = normalizeKey(text);
    if (!key) return [];
    return [...this.byKey.entries()]
      .map(([k, held]) => ({ v: typeof held === 'string' ? held : held[0]!, d: editDistance(key, k, 6) }))
      .filter((x) => x.d <= Math.max(2, Math.floor(key.length / 2)))
      .sort((a, b) => a.d - b.d)
      .slice(0, count)
      .map((x) => x.v);
  }
}

function unionOf(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
