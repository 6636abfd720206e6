import type { FieldValue } from '../../protocol/submissions';
import { DETAIL_NAMES } from '../../protocol/submissions';
import type { SubmissionEntry } from './submission-views';

/**
 * Every submission of a link as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet
 * programs read Chinese names right): one row per file, verified or failed, with the
 * submission's details repeated; a submission without files gets one row of its own. Values
 * come from strangers, so a cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * tab, CR) is prefixed with `'` (OWASP's CSV injection advice).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

export function submissionsCsv(
  entries: readonly SubmissionEntry[],
  fieldLabels: readonly string[],
): string {
  // The link's fields first (in its order), then any other label found in a submission.
  const labels = [...fieldLabels];
  for (const e of entries) {
    for (const label of Object.keys(e.receipt.fields))
      if (!labels.includes(label)) labels.push(label);
  }
  const header = [
    'submission',
    'state',
    'started_at',
    'closed_at',
    'closed_by',
    ...DETAIL_NAMES,
    ...labels.map((l) => `field: ${l}`),
    'terms_hash',
    'terms_accepted_at',
    'file_status',
    'file_name',
    'file_key',
    'size',
    'content_type',
    'crc64',
    'verified_at',
    'failure',
  ];
  const rows: string[][] = [header.map(csvCell)];
  for (const e of entries) {
    const r = e.receipt;
    const fieldCells = labels.map((l) => csvCell(r.fields[l] as FieldValue | undefined));
    const lead = [
      csvCell(r.id),
      csvCell(r.state),
      csvCell(iso(r.startedAt)),
      csvCell(iso(r.closedAt)),
      csvCell(r.closedBy),
      ...DETAIL_NAMES.map((d) => csvCell(r.uploader[d])),
      ...fieldCells,
      csvCell(r.terms?.hash),
      csvCell(r.terms ? iso(r.terms.acceptedAt) : ''),
    ];
    const files = [
      ...r.files.map((f) => [
        'verified',
        f.name,
        f.key,
        String(f.size),
        f.contentType,
        f.crc64 ?? '',
        iso(f.verifiedAt),
        '',
      ]),
      ...r.failed.map((f) => [
        'failed',
        f.name,
        f.key,
        String(f.size),
        f.contentType,
        '',
        '',
        f.reason,
      ]),
    ];
    if (files.length === 0) rows.push([...lead, ...Array(8).fill('')]);
    for (const f of files) rows.push([...lead, ...f.map((v) => csvCell(v))]);
  }
  return `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
}
