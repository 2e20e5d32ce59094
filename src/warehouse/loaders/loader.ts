import type { HeaderMatch } from '../csv/signatures.js';

/**
 * `c('amount')` → the quoted file column holding the report's Amount field (whatever this copy calls it), or NULL
 * when the file has no such column (a public copy without SKU, a re-saved file).
 */
export function columnPicker(match: HeaderMatch, alias = 'r'): (field: string) => string {
  return (field) => {
    const raw = match.fields[field];
    return raw ? `${alias}."${raw.replace(/"/g, '""')}"` : 'CAST(NULL AS VARCHAR)';
  };
}
