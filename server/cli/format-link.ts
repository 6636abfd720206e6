import type { AdminLink } from '../../protocol/admin';
import type { LinkSubmissionSettings } from '../../protocol/submissions';

/** Human-readable output of the link CLI. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${n} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

const date = (ms: number | null) =>
  ms === null ? 'never' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function linkStatus(link: AdminLink, nowMs: number): 'revoked' | 'expired' | 'open' {
  if (link.revoked) return 'revoked';
  if (link.expiresAt !== null && nowMs >= link.expiresAt) return 'expired';
  return 'open';
}

function used(link: AdminLink): string {
  const files =
    link.limits.maxFiles === null
      ? `${link.usage.files}`
      : `${link.usage.files}/${link.limits.maxFiles}`;
  const bytes =
    link.limits.maxTotalBytes === null
      ? formatBytes(link.usage.bytes)
      : `${formatBytes(link.usage.bytes)}/${formatBytes(link.limits.maxTotalBytes)}`;
  return `${files} files, ${bytes}`;
}

export function formatLinkTable(links: readonly AdminLink[], nowMs: number): string {
  if (links.length === 0)
    return 'No links yet. Create one with: npm run link -- create --title "…"';
  const rows = links.map((l) => [
    l.id,
    linkStatus(l, nowMs),
    date(l.expiresAt),
    used(l),
    l.title || '(no title)',
  ]);
  const header = ['ID', 'STATE', 'EXPIRES', 'USED', 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function formatLinkDetails(link: AdminLink, nowMs: number): string {
  const limits = link.limits;
  const lines = [
    `Link ${link.id} (${linkStatus(link, nowMs)})`,
    `  Title:        ${link.title || '(none)'}`,
    ...(link.message ? [`  Message:      ${link.message}`] : []),
    `  Created:      ${date(link.createdAt)}`,
    `  Expires:      ${date(link.expiresAt)}`,
    `  Max file:     ${limits.maxFileSize === null ? 'no limit' : formatBytes(limits.maxFileSize)}`,
    `  Max total:    ${limits.maxTotalBytes === null ? 'no limit' : formatBytes(limits.maxTotalBytes)}`,
    `  Max files:    ${limits.maxFiles === null ? 'no limit' : limits.maxFiles}`,
    `  Types:        ${limits.allowedTypes.length ? limits.allowedTypes.join(', ') : 'any'}`,
    `  Embeddable:   ${link.embedOrigins.length ? link.embedOrigins.join(', ') : 'nowhere'}`,
    `  Key prefix:   ${link.keyPrefix}`,
    `  Used:         ${used(link)} (verified)`,
    ...(link.inFlight
      ? [`  In flight:    ${link.inFlight.files} files, ${formatBytes(link.inFlight.bytes)}`]
      : []),
    ...(link.revoked
      ? [
          `  Revoked:      ${date(link.revoked.at)}${link.revoked.reason ? ` (${link.revoked.reason})` : ''}`,
        ]
      : []),
    `  Upload URL:   ${link.url ?? '(minted with an older key; not shown)'}`,
    ...(link.submission ? submissionLines(link.submission) : []),
  ];
  return lines.join('\n');
}

/** What the link asks before anything is sent (never the password, only that there is one). */
function submissionLines(s: LinkSubmissionSettings): string[] {
  const field = (f: LinkSubmissionSettings['fields'][number]) =>
    `${f.label} (${f.type}${f.required ? ', required' : ''}${f.options ? `: ${f.options.join(' | ')}` : ''})`;
  const terms = s.terms
    ? `${s.terms.text.length > 60 ? `${s.terms.text.slice(0, 57)}...` : s.terms.text} (sha256 ${s.terms.hash.slice(0, 12)}…)`
    : 'none';
  return [
    `  Asks:         ${s.details.length ? s.details.join(', ') : 'no details'}`,
    ...s.fields.map((f, i) => `  ${i === 0 ? 'Fields:      ' : '             '} ${field(f)}`),
    `  Password:     ${s.password ? 'yes (scrypt hash in the registry)' : 'no'}`,
    `  Terms:        ${terms.replace(/\s+/g, ' ')}`,
    `  Folders:      ${s.folderTemplate ?? '{submission}/ (default)'}`,
  ];
}
