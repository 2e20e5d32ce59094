/**
 * A catalog label inside a sentence: "Revenue by category", "has the highest revenue by B2B". Plain words are
 * lower-cased; acronyms ("B2B", "AOV", "SKU") keep their capitals, since "by b2b" reads as a typo.
 */
export function inSentence(label: string): string {
  return label.replace(/[\p{L}\p{N}]+/gu, (word) =>
    (word.match(/\p{Lu}/gu)?.length ?? 0) >= 2 ? word : word.toLowerCase(),
  );
}

/** "category" → "categories", "size" → "sizes", "SKU" → "SKUs". */
export function plural(noun: string): string {
  if (/[^aeiou]y$/i.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

/**
 * A label's plural inside a sentence, for notes like "Top 15 of 37 states": "Category" → "categories", "SKU" →
 * "SKUs". A catalog dimension's `plural` defaults to it; columns the catalog does not know (LLM SQL) use it too.
 */
export function pluralLabel(label: string): string {
  // Only a capital that starts a word in lower case goes: "SKU" and "B2B" keep theirs.
  return plural(/^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label);
}
