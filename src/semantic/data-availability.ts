import { sourceDefinition } from '../warehouse/sources/source-definitions.js';
import type { LoadReport } from '../warehouse/types.js';
import { dimensionColumn, type Catalog } from './catalog.js';
import { SOURCES, type Plan, type Source } from './plan.js';

/**
 * What the load actually gave each report: loaded (with the columns its file lacked), or not loaded and why. The
 * answer path reads it so that a question about data that did not load gets "the order file did not load, because
 * …" and no number, never "No orders." with ₹0; and a question about SKUs on a copy of the report without a SKU
 * column is told the file has none.
 */
export type SourceAvailability =
  { loaded: true; files: string[]; missingColumns: string[] } | { loaded: false; reason: string };

export type DataAvailability = Record<Source, SourceAvailability>;

const NOUN = (source: Source) => sourceDefinition(source).noun;
const USUAL_FILE = (source: Source) => sourceDefinition(source).usualFile;
/** File names people give each report, to say "this file holds another report" instead of "no file". */
const NAME_HINT = (source: Source) => sourceDefinition(source).fileNameHint;

export function dataAvailability(report: LoadReport): DataAvailability {
  return Object.fromEntries(SOURCES.map((s) => [s, sourceAvailability(report, s)])) as DataAvailability;
}

function sourceAvailability(report: LoadReport, source: Source): SourceAvailability {
  const files = report.files.filter((f) => f.table === source);
  const loaded = files.filter((f) => f.rowsLoaded > 0 && !f.failed);
  if (loaded.length)
    return {
      loaded: true,
      files: loaded.map((f) => f.file),
      // A column counts as missing only when no loaded file for the table has it.
      missingColumns: (loaded[0]!.missingColumns ?? []).filter((c) =>
        loaded.every((f) => f.missingColumns?.includes(c)),
      ),
    };
  const failed = files.find((f) => f.failed);
  if (failed) return { loaded: false, reason: `"${failed.file}" could not be loaded: ${failed.failed}` };
  const empty = files.find((f) => f.recognisedAs);
  if (empty) return { loaded: false, reason: `"${empty.file}" has no data rows.` };
  const named = report.files.find((f) => f.table !== source && NAME_HINT(source).test(f.file));
  if (named?.recognisedAs)
    return {
      loaded: false,
      reason: `"${named.file}" holds ${sourceDefinition(named.recognisedAs).title}, not the ${NOUN(source)} report.`,
    };
  if (named)
    return {
      loaded: false,
      reason: named.notes.some((n) => /^Empty file/.test(n))
        ? `"${named.file}" is empty.`
        : `"${named.file}" was not recognised as the ${NOUN(source)} report: its header matches none of the known reports.`,
    };
  const note = files[0]?.notes[0];
  return {
    loaded: false,
    reason: note
      ? `${note}`
      : `There is no ${NOUN(source)} file (e.g. ${USUAL_FILE(source)}) in ${report.dataDir}.`,
  };
}

/**
 * Why a plan cannot be answered from this load, in words for the user (null: it can). A report that did not load
 * is named with the reason; a dimension or metric whose column the file lacks is named as missing.
 */
export function planUnavailable(plan: Plan, catalog: Catalog, availability: DataAvailability): string | null {
  const source = availability[plan.source];
  if (!source) return null;
  if (!source.loaded)
    return `I can't answer that: the ${NOUN(plan.source)} data did not load. ${source.reason} Add ${USUAL_FILE(plan.source)} to the data folder and reload.`;
  if (!source.missingColumns.length) return null;
  const lacking = (expr: string | undefined) =>
    columnsIn(expr).some((c) => source.missingColumns.includes(c));
  const dimensions = [...plan.groupBy, ...plan.filters.map((f) => f.dimension)];
  const missingDimension = dimensions.find((d) => lacking(dimensionColumn(catalog, d, plan.source)));
  const missingMetric = plan.metrics.find((m) => lacking(catalog.metrics[m]?.sql));
  const label = missingDimension
    ? (catalog.dimensions[missingDimension]?.label ?? missingDimension)
    : missingMetric
      ? (catalog.metrics[missingMetric]?.label ?? missingMetric)
      : null;
  if (!label) return null;
  const file = source.files.length === 1 ? `"${source.files[0]}"` : `the ${NOUN(plan.source)} files`;
  return `The ${NOUN(plan.source)} file ${file} has no ${label} column (this copy of the report leaves it out), so I can't answer that by ${label}. Questions that do not need it work as usual.`;
}

/** Identifiers in a trusted catalog SQL expression (column names; keywords never match a clean column). */
function columnsIn(expr: string | undefined): string[] {
  if (!expr) return [];
  return expr.replace(/'[^']*'/g, '').match(/[a-z_][a-z0-9_]*/gi) ?? [];
}

/** Tables an SQL text from the LLM reads that did not load, with the reason (null: all loaded). */
export function sqlUnavailable(sql: string, catalog: Catalog, availability: DataAvailability): string | null {
  for (const source of SOURCES) {
    const a = availability[source];
    const table = catalog.sources[source]?.table ?? source;
    if (a.loaded || !new RegExp(`\\b(${source}|${table})\\b`, 'i').test(sql)) continue;
    return `I can't answer that: the ${NOUN(source)} data did not load. ${a.reason}`;
  }
  return null;
}

/** The caveat every answer carries when the served load is not the current, checked one. */
export function loadCaveat(report: LoadReport): string | null {
  const status = report.status;
  if (!status || status.kind === 'current') return null;
  if (status.kind === 'degraded')
    return `Caveat: the data files did not pass the load checks and are used anyway (DATA_LOAD_POLICY=warn), so figures may be incomplete: ${status.problems.join(' ')}`;
  return `Caveat: these figures come from the last good load (${status.lastGoodAt.slice(0, 16).replace('T', ' ')} UTC); the current data files did not pass the load checks: ${status.problems.join(' ')}`;
}

/** One line per report for `schema`, App Home and /readyz: what loaded, from which file, or why not. */
export function describeAvailability(availability: DataAvailability): { source: Source; line: string }[] {
  return SOURCES.map((source) => {
    const a = availability[source];
    const noun = NOUN(source).charAt(0).toUpperCase() + NOUN(source).slice(1);
    if (!a.loaded) return { source, line: `${noun}: not loaded. ${a.reason}` };
    const missing = a.missingColumns.length ? ` (no ${a.missingColumns.join(', ')} column)` : '';
    return { source, line: `${noun}: loaded from ${a.files.map((f) => `"${f}"`).join(', ')}${missing}.` };
  });
}

/** What loaded, for the surfaces that show it (schema, App Home, /readyz): one line per report, and the caveat. */
export interface DataStatus {
  loaded: Record<Source, boolean>;
  lines: string[];
  /** 'current', 'degraded' (warn: a load that failed its checks) or 'last_good' (strict: the previous load). */
  load: 'current' | 'degraded' | 'last_good';
  caveat: string | null;
}

export function dataStatus(report: LoadReport): DataStatus {
  const availability = dataAvailability(report);
  return {
    loaded: Object.fromEntries(SOURCES.map((s) => [s, availability[s].loaded])) as Record<Source, boolean>,
    lines: describeAvailability(availability).map((d) => d.line),
    load: report.status?.kind ?? 'current',
    caveat: loadCaveat(report),
  };
}
