/**
 * A catalog label inside a sentence: "Revenue by category", "has the highest revenue by B2B". Plain words are
 * lower-cased; acronyms ("B2B", "AOV", "SKU") keep their capitals, since "by b2b" reads as a typo.
 */
export function inSentence(label: string): string {
  return label.replace(/[\p{L}\p{N}]+/gu, (word) =>
    (word.match(/\p{Lu}/gu)?.length ?? 0) >= 2 ? word : word.toLowerCase(),
  );
}
