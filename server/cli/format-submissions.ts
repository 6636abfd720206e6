import type { AdminSubmission } from '../../protocol/submissions';
import { formatBytes } from './format-link';
import { formatTable } from './format-table';

/** `npm run link -- submissions <link>`: who sent what, newest first. */
const date = (ms: number | null) =>
  ms === null ? '-' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The sender in one short cell: name and email when asked, else whatever was asked. */
export function senderOf(s: AdminSubmission): string {
  const u = s.uploader;
  const who = [u.name, u.email ? `<${u.email}>` : undefined].filter(Boolean).join(' ');
  // Terminal output: control characters from a stranger's details never reach the screen.
  // eslint-disable-next-line no-control-regex
  return (who || u.organisation || u.phone || '-').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

export function formatSubmissionTable(subs: readonly AdminSubmission[], title: string): string {
  if (subs.length === 0) return `No submissions yet for "${title || '(no title)'}".`;
  const rows = subs.map((s) => [
    s.id,
    s.state === 'open' && s.inFlight > 0 ? `open (${s.inFlight} in flight)` : s.state,
    date(s.startedAt),
    String(s.files) + (s.failed ? ` (+${s.failed} failed)` : ''),
    formatBytes(s.totalBytes),
    senderOf(s),
  ]);
  return formatTable(['SUBMISSION', 'STATE', 'STARTED', 'FILES', 'TOTAL', 'FROM'], rows);
}
