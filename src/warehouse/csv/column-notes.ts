import type { HeaderMatch } from './signatures.js';

/** What the load report says about a file's columns: renamed ones it understood, absent ones, unused ones. */
export function columnNotes(match: HeaderMatch): string[] {
  const notes: string[] = [];
  const renamed = Object.entries(match.renamed);
  if (renamed.length)
    notes.push(`Columns read under another name: ${renamed.map(([h, f]) => `"${h}" as ${f}`).join(', ')}.`);
  if (match.missingColumns.length)
    notes.push(
      `This file has no column for ${match.missingColumns.join(', ')}: loaded as NULL, and questions that need ${
        match.missingColumns.length === 1 ? 'it' : 'them'
      } are told so.`,
    );
  if (match.unusedColumns.length)
    notes.push(
      `Columns not used (not part of the report): ${match.unusedColumns.map((c) => `"${c}"`).join(', ')}.`,
    );
  return notes;
}
