/** Header names normalised for matching and for raw column names: lower case, non-alphanumerics → '_'. */
export function normaliseHeaderName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Raw column names for a header: normalised, unique, never empty. */
export function rawColumnNames(header: string[]): string[] {
  const seen = new Set<string>();
  return header.map((h, i) => {
    let name = normaliseHeaderName(h) || `col_${i}`;
    if (/^[0-9]/.test(name)) name = `c_${name}`;
    while (seen.has(name)) name = `${name}_${i}`;
    seen.add(name);
    return name;
  });
}
