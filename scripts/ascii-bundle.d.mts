/** See ascii-bundle.mjs: the bundle's text with every regular expression's non-ASCII characters as `\uXXXX`. */
export function asciiBundle(text: string): string;
