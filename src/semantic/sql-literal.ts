import { AppError } from '../errors.js';

/**
 * SQL literals for filter values. Values come from the data profile or a person's words (through the LLM), so they
 * are always rendered as escaped literals, never spliced as text: a quote is doubled, NUL is rejected, numbers must
 * be finite and dates must be real YYYY-MM-DD dates.
 */
export function stringLiteral(value: string): string {
  if (value.includes('\u0000'))
    throw new AppError('PLAN_INVALID', 'A filter value contains a NUL character.');
  return `'${value.replaceAll("'", "''")}'`;
}

export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new AppError('PLAN_INVALID', 'A filter value is not a finite number.');
  return String(value);
}

export function dateLiteral(value: string): string {
  if (!isIsoDate(value)) throw new AppError('PLAN_INVALID', `"${value}" is not a date (YYYY-MM-DD).`);
  return `DATE '${value}'`;
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Identifiers we emit are catalog ids (validated by the catalog schema); quoting keeps reserved words safe. */
export function quoteIdent(name: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(name))
    throw new AppError('PLAN_INVALID', `"${name}" is not a valid column name.`);
  return `"${name}"`;
}

export function booleanLiteral(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const s = String(value).trim().toLowerCase();
  if (['true', '1', 'yes', 'y', 't'].includes(s)) return 'TRUE';
  if (['false', '0', 'no', 'n', 'f'].includes(s)) return 'FALSE';
  throw new AppError('PLAN_INVALID', `"${String(value)}" is not a yes/no value.`);
}
