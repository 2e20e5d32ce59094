/** SQL fragments shared by the loaders. Every cleaning rule lives here once, so each loader reads the same. */

export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Trimmed text, NULL when blank. */
export function text(col: string): string {
  return `NULLIF(TRIM(${col}), '')`;
}

/** Trimmed, inner whitespace collapsed, upper case (cities, customers). */
export function upperText(col: string): string {
  return `NULLIF(UPPER(REGEXP_REPLACE(TRIM(${col}), '\\s+', ' ', 'g')), '')`;
}

/** 'kurta' / 'KURTA SET' / 'western dress' → 'Kurta' / 'Kurta Set' / 'Western Dress'. */
export function titleCase(col: string): string {
  return `NULLIF(ARRAY_TO_STRING(LIST_TRANSFORM(STRING_SPLIT(LOWER(REGEXP_REPLACE(TRIM(${col}), '\\s+', ' ', 'g')), ' '), w -> UPPER(w[1]) || w[2:]), ' '), '')`;
}

/** A number with thousands separators allowed; blank, '#VALUE!', 'Nill' and other text → NULL. */
export function decimal(col: string): string {
  return `TRY_CAST(REPLACE(NULLIF(TRIM(${col}), ''), ',', '') AS DECIMAL(18,2))`;
}

export function double(col: string): string {
  return `TRY_CAST(REPLACE(NULLIF(TRIM(${col}), ''), ',', '') AS DOUBLE)`;
}

/** Whole numbers; '1.0' is accepted, '1.5' is not. */
export function integer(col: string): string {
  return `TRY_CAST(TRY_CAST(REPLACE(NULLIF(TRIM(${col}), ''), ',', '') AS DOUBLE) AS INTEGER)`;
}

/** True when the cell holds text that is not a number (e.g. '#VALUE!', 'Nill'): counted in load notes. */
export function isNonNumeric(col: string): string {
  return `(NULLIF(TRIM(${col}), '') IS NOT NULL AND ${double(col)} IS NULL)`;
}

/** The retailer writes dates as MM-DD-YY; ISO and MM-DD-YYYY are accepted too (generated or re-saved files). */
export function date(col: string): string {
  return `COALESCE(TRY_STRPTIME(TRIM(${col}), '%m-%d-%y'), TRY_STRPTIME(TRIM(${col}), '%m-%d-%Y'), TRY_STRPTIME(TRIM(${col}), '%Y-%m-%d'))::DATE`;
}

/** 'Jun-21' → 2021-06-01. */
export function monthLabel(col: string): string {
  return `COALESCE(TRY_STRPTIME(TRIM(${col}), '%b-%y'), TRY_STRPTIME(TRIM(${col}), '%b-%Y'))::DATE`;
}

/** 'True'/'False' (any case), 1/0, yes/no → BOOLEAN; anything else NULL. */
export function boolean(col: string): string {
  return `CASE LOWER(TRIM(${col})) WHEN 'true' THEN TRUE WHEN '1' THEN TRUE WHEN 'yes' THEN TRUE WHEN 'false' THEN FALSE WHEN '0' THEN FALSE WHEN 'no' THEN FALSE ELSE NULL END`;
}

/** Postal codes are identifiers, not numbers: '400081.0' → '400081'. */
export function postalCode(col: string): string {
  return `NULLIF(REGEXP_REPLACE(TRIM(${col}), '\\.0+$', ''), '')`;
}

/** True when every listed column is blank. */
export function allBlank(cols: string[]): string {
  return `(${cols.map((c) => `NULLIF(TRIM(${c}), '') IS NULL`).join(' AND ')})`;
}
