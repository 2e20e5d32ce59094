/**
 * Which date formats a column actually holds, decided from its distinct values. Public copies of the Amazon report
 * mix `04-30-22` and `04-12-2022` in one column, re-saved files use ISO dates, and a spreadsheet may write
 * `30/04/2022`. Hand-written rather than DuckDB's sniffer because the sniffer picks one format per column and
 * cannot tell MM-DD from DD-MM without looking at every value; here each shape (separator, year length, year
 * first) gets the reading that fits most of its values, so `04-12-2022` in a column that also holds `04-30-2022` is
 * 12 April, never 4 December.
 */
export interface DateFormat {
  /** How the format reads in a load note, e.g. "MM-DD-YY". */
  label: string;
  shape: string;
  parse: (raw: string) => string | null;
}

type Order = 'mdy' | 'dmy' | 'ymd';

const SEPARATORS = ['-', '/', '.'] as const;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isoIfValid(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/** Two-digit years are 20YY: the exports are from 2021–2022 (the original's MM-DD-YY). */
const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

function numericFormat(order: Order, sep: string, yearDigits: 2 | 4): DateFormat {
  const y = yearDigits === 4 ? 'YYYY' : 'YY';
  const parts = order === 'mdy' ? ['MM', 'DD', y] : order === 'dmy' ? ['DD', 'MM', y] : [y, 'MM', 'DD'];
  const e = sep === '.' ? '\\.' : sep;
  const yr = `(\\d{${yearDigits}})`;
  const pattern =
    order === 'ymd'
      ? new RegExp(`^${yr}${e}(\\d{1,2})${e}(\\d{1,2})$`)
      : new RegExp(`^(\\d{1,2})${e}(\\d{1,2})${e}${yr}$`);
  return {
    label: parts.join(sep),
    // MM-DD-YYYY and DD-MM-YYYY look alike: one shape, and the values decide between them.
    shape: `${order === 'ymd' ? 'ymd' : 'xxy'}${sep}${yearDigits}`,
    parse(raw) {
      const m = pattern.exec(raw);
      if (!m) return null;
      const [a, b, c] = [m[1]!, m[2]!, m[3]!];
      if (order === 'ymd') return isoIfValid(fullYear(a), Number(b), Number(c));
      if (order === 'mdy') return isoIfValid(fullYear(c), Number(a), Number(b));
      return isoIfValid(fullYear(c), Number(b), Number(a));
    },
  };
}

function monthNameFormat(sep: string, yearDigits: 2 | 4): DateFormat {
  const pattern = new RegExp(
    `^(\\d{1,2})${sep === '.' ? '\\.' : sep}([a-z]{3})[a-z]*${sep}(\\d{${yearDigits}})$`,
    'i',
  );
  return {
    label: `DD${sep}Mon${sep}${yearDigits === 4 ? 'YYYY' : 'YY'}`,
    shape: `dmon${sep}${yearDigits}`,
    parse(raw) {
      const m = pattern.exec(raw);
      if (!m) return null;
      const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
      return month ? isoIfValid(fullYear(m[3]!), month, Number(m[1])) : null;
    },
  };
}

/** Candidates in order of preference: the original export's MM-DD first, so a tie reads as it does. */
export const DATE_FORMATS: DateFormat[] = [
  ...SEPARATORS.flatMap((sep) =>
    ([2, 4] as const).flatMap((digits) => [
      numericFormat('mdy', sep, digits),
      numericFormat('dmy', sep, digits),
    ]),
  ),
  ...SEPARATORS.map((sep) => numericFormat('ymd', sep, 4)),
  ...(['-', ' '] as const).flatMap((sep) => ([2, 4] as const).map((d) => monthNameFormat(sep, d))),
];

/** A time of day after the date ("2022-04-30 00:00:00", "2022-04-30T10:15") is not part of the date. */
function datePart(raw: string): string {
  return raw.trim().replace(/[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i, '');
}

export interface DateColumnReading {
  /** Formats the column holds, most rows first, with the rows each one read. */
  formats: { label: string; rows: number }[];
  /** raw value → ISO date, for every value one of the column's formats reads. */
  parsed: Map<string, string>;
  /** Rows whose value none of the column's formats reads. */
  unreadableRows: number;
}

export function readDateColumn(values: { raw: string; rows: number }[]): DateColumnReading {
  const byShape = new Map<string, { format: DateFormat; rows: number }[]>();
  for (const format of DATE_FORMATS) {
    const rows = values.reduce((sum, v) => sum + (format.parse(datePart(v.raw)) ? v.rows : 0), 0);
    if (rows === 0) continue;
    byShape.set(format.shape, [...(byShape.get(format.shape) ?? []), { format, rows }]);
  }
  // Per shape, the reading that fits most rows (stable: the preferred one wins a tie).
  const chosen = [...byShape.values()].map((list) => list.reduce((a, b) => (b.rows > a.rows ? b : a)));
  const parsed = new Map<string, string>();
  let unreadableRows = 0;
  const used = new Map<string, number>();
  for (const v of values) {
    const part = datePart(v.raw);
    const hit = chosen.map((c) => ({ c, iso: c.format.parse(part) })).find((x) => x.iso !== null);
    if (!hit?.iso) {
      unreadableRows += v.rows;
      continue;
    }
    parsed.set(v.raw, hit.iso);
    used.set(hit.c.format.label, (used.get(hit.c.format.label) ?? 0) + v.rows);
  }
  const formats = [...used.entries()]
    .map(([label, rows]) => ({ label, rows }))
    .sort((a, b) => b.rows - a.rows);
  return { formats, parsed, unreadableRows };
}
