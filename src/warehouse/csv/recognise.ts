import { open } from 'node:fs/promises';

export type RecognisedKind = 'amazon_sales' | 'international_sales' | 'inventory' | 'price_list';

/** Header names normalised for matching and for raw column names: lower case, non-alphanumerics → '_'. */
export function normaliseHeaderName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Columns a header must contain to be recognised as each kind (normalised names). */
const SIGNATURES: { kind: RecognisedKind; required: string[]; anyOf?: string[] }[] = [
  {
    kind: 'amazon_sales',
    required: ['order_id', 'date', 'status', 'fulfilment', 'sku', 'category', 'qty', 'amount', 'ship_state'],
  },
  {
    kind: 'international_sales',
    required: ['date', 'months', 'customer', 'style', 'sku', 'pcs', 'rate', 'gross_amt'],
  },
  { kind: 'inventory', required: ['sku_code', 'design_no', 'stock', 'category', 'size'] },
  {
    kind: 'price_list',
    required: ['sku', 'style_id', 'catalog', 'category', 'mrp_old', 'amazon_mrp'],
    anyOf: ['tp', 'tp_1'],
  },
];

export function recogniseHeader(header: string[]): RecognisedKind | null {
  const names = new Set(header.map(normaliseHeaderName));
  for (const sig of SIGNATURES) {
    if (!sig.required.every((c) => names.has(c))) continue;
    if (sig.anyOf && !sig.anyOf.some((c) => names.has(c))) continue;
    return sig.kind;
  }
  return null;
}

/** Reads and parses the first line of a CSV file (RFC 4180 quoting). Empty array for an empty file. */
export async function readCsvHeader(path: string): Promise<string[]> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    let text = buffer.subarray(0, bytesRead).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return parseCsvLine(text);
  } finally {
    await handle.close();
  }
}

/** Parses one CSV record from the start of `text` (stops at the first unquoted line break). */
export function parseCsvLine(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += ch;
    } else if (ch === '"') inQuotes = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') break;
    else field += ch;
  }
  if (field !== '' || fields.length > 0) fields.push(field);
  return fields;
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

/** The month a price file is valid for, from its file name ("P  L March 2021.csv", "May-2022.csv"). */
export function validMonthFromFileName(fileName: string): string | null {
  const months = [
    'jan',
    'feb',
    'mar',
    'apr',
    'may',
    'jun',
    'jul',
    'aug',
    'sep',
    'oct',
    'nov',
    'dec',
  ] as const;
  const lower = fileName.toLowerCase();
  const match = /(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[^a-z0-9]*((?:19|20)\d{2})/.exec(
    lower,
  );
  if (!match) return null;
  const month = months.indexOf(match[1] as (typeof months)[number]) + 1;
  return `${match[2]}-${String(month).padStart(2, '0')}-01`;
}
