import type { FileEntry } from '../engine/types';

/**
 * Column names are identifiers for whoever processes the file, not words for the page: they
 * stay the same in every language so scripts can rely on them.
 */
const HEADER = ['name', 'folder', 'size_bytes', 'key', 'crc64', 'finished_at'];

/**
 * A cell as RFC 4180 wants it. File names come from strangers: a name such as
 * "=HYPERLINK(…)" would run as a formula when the owner opens the list in a spreadsheet, so
 * text that starts like a formula is prefixed with an apostrophe (OWASP's CSV-injection advice).
 */
function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The files that arrived and were verified, one line each, with the key COS stores them under. */
export function uploadedKeysCsv(files: readonly FileEntry[]): string {
  const lines = [HEADER.join(',')];
  for (const entry of files) {
    if (entry.status !== 'done' || entry.key === null) continue;
    lines.push(
      [
        entry.name,
        entry.relativePath,
        entry.size,
        entry.key,
        entry.crc64,
        entry.finishedAt === null ? null : new Date(entry.finishedAt).toISOString(),
      ]
        .map(cell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
