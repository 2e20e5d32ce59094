import { SOURCE_DEFINITIONS, type SourceName } from '../sources/source-definitions.js';
import { normaliseHeaderName } from './header-names.js';

/** A report the app recognises: one per data source definition. */
export type RecognisedKind = SourceName;

/**
 * One column a report can have. `field` is the column's name in the original export, normalised; `aliases` are
 * the names other public copies and re-saves use for it ("Quantity" for Qty, "Order No" for Order ID). Names match
 * ignoring case, spaces and punctuation, so "ship-state", "Ship State" and "ship_state" are one column.
 */
export interface SignatureField {
  field: string;
  /** The clean column it fills (defaults to `field`); NULL in the clean table when the file lacks the column. */
  clean?: string;
  aliases?: string[];
  required?: boolean;
}

/**
 * A report is recognised by its core columns (all `required`, and one of each `oneOf` group); every other field
 * is optional. Another public copy of the Amazon report drops Style, SKU, ASIN and promotion-ids and adds empty
 * New and PendingS columns: it is still the order report, with those clean columns NULL and a note in the load
 * report. Each source's signature lives in its definition (src/warehouse/sources/<name>.ts).
 */
export interface Signature {
  kind: RecognisedKind;
  fields: SignatureField[];
  oneOf?: string[][];
}

/** The signatures of every source definition (read when called: the definitions import the loaders). */
export function signatures(): Signature[] {
  return SOURCE_DEFINITIONS.map((d) => ({ kind: d.name, ...d.signature }));
}

/** How a header matched a signature. */
export interface HeaderMatch {
  kind: RecognisedKind;
  /** field → the file's raw column name (normalised, as in rawColumnNames) for every field the file has. */
  fields: Record<string, string>;
  /** Clean columns the file has no column for (loaded as NULL). */
  missingColumns: string[];
  /** Header names the report does not use (e.g. New, PendingS), excluding `index` and unlabelled columns. */
  unusedColumns: string[];
  /** file header name → field, where the file names a column differently from the original export. */
  renamed: Record<string, string>;
}

/** Spaces, punctuation and underscores do not tell names apart: "OrderID" and "Order ID" are one column. */
const matchKey = (name: string) => normaliseHeaderName(name).replace(/_/g, '');

export function matchHeader(header: string[], rawColumns: string[]): HeaderMatch | null {
  const keys = header.map(matchKey);
  const candidates: { match: HeaderMatch; share: number }[] = [];
  for (const sig of signatures()) {
    const fields: Record<string, string> = {};
    const renamed: Record<string, string> = {};
    const used = new Set<number>();
    for (const f of sig.fields) {
      const names = [f.field, ...(f.aliases ?? [])].map(matchKey);
      const at = names.map((n) => keys.findIndex((k, i) => k === n && !used.has(i))).find((i) => i >= 0);
      if (at === undefined) continue;
      used.add(at);
      fields[f.field] = rawColumns[at]!;
      if (matchKey(f.field) !== keys[at]) renamed[header[at]!.trim()] = f.field;
    }
    if (!sig.fields.every((f) => !f.required || f.field in fields)) continue;
    if (sig.oneOf && !sig.oneOf.every((group) => group.some((g) => g in fields))) continue;
    const grouped = new Set(sig.oneOf?.flat() ?? []);
    const missingColumns = [
      ...new Set(
        sig.fields
          .filter((f) => !(f.field in fields) && !grouped.has(f.field))
          .map((f) => f.clean ?? f.field),
      ),
    ];
    const unusedColumns = header
      .filter((h, i) => !used.has(i) && rawColumns[i] !== 'index' && !/^unnamed/i.test(h.trim()))
      .map((h) => h.trim())
      .filter((h) => h !== '');
    candidates.push({
      match: { kind: sig.kind, fields, missingColumns, unusedColumns, renamed },
      share: Object.keys(fields).length / sig.fields.length,
    });
  }
  // A header that fits two reports is the one whose columns it covers best.
  candidates.sort((a, b) => b.share - a.share);
  return candidates[0]?.match ?? null;
}
