import { open } from 'node:fs/promises';

import { normaliseHeaderName, rawColumnNames } from './header-names.js';
import { matchHeader, type RecognisedKind } from './signatures.js';

export { normaliseHeaderName, rawColumnNames };
export type { RecognisedKind };

/** Which report a header is (see signatures.ts), or null. */
export function recogniseHeader(header: string[]): RecognisedKind | null {
  return matchHeader(header, rawColumnNames(header))?.kind ?? null;
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

/**
 * True when the file was cut off mid-line: it does not end with a line break and its last line has fewer fields
 * than the header. (The real exports have no final newline, but their last line is complete.) Outside quotes a
 * cut-off line only looks short, so the CSV reader rejects one line and the rest of the missing file goes unseen.
 */
export async function endsMidLine(path: string, headerFields: number, sizeBytes: number): Promise<boolean> {
  if (sizeBytes === 0) return false;
  const handle = await open(path, 'r');
  try {
    const length = Math.min(64 * 1024, sizeBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, sizeBytes - length);
    const text = buffer.toString('utf8');
    if (text.endsWith('\n') || text.endsWith('\r')) return false;
    const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    if (lastBreak < 0 && length === sizeBytes) return false; // a header with no rows
    const lastLine = text.slice(lastBreak + 1);
    return parseCsvLine(lastLine).length < headerFields;
  } finally {
    await handle.close();
  }
}
