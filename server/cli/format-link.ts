import { formatByteSymbol } from '../../protocol/byte-size';
import { humanDurationParts } from '../../protocol/human-duration';
import type { AdminLink } from '../../protocol/admin';
import type { LinkSubmissionSettings } from '../../protocol/submissions';
import { formatTable } from './format-table';

/**
 * Human-readable output of the link CLI, in the units and roundings of the portal itself
 * (protocol/byte-size.ts, protocol/human-duration.ts): "100 kB", "in 3 days".
 */
export const formatBytes = formatByteSymbol;

/** "1 file", "2 files": English plural rules (one for exactly 1, else other). */
export function plural(count: number, one: string, other = `${one}s`): string {
  return `${count} ${count === 1 ? one : other}`;
}

/** A span in words: "3 days", "2 days, 23 hours" (as the page says it), "5 hours, 3 minutes". */
export function inWords(ms: number): string {
  const parts = humanDurationParts(ms);
  if (parts) {
    return [plural(parts.days, 'day'), ...(parts.hours ? [plural(parts.hours, 'hour')] : [])].join(
      ', ',
    );
  }
  const minutes = Math.max(1, Math.round(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  return [
    ...(hours ? [plural(hours, 'hour')] : []),
    ...(minutes % 60 ? [plural(minutes % 60, 'minute')] : []),
  ].join(', ');
}

const date = (ms: number | null) =>
  ms === null ? 'never' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** "2026-01-13T11:59:00Z (in 3 days)", "… (1 day ago)". */
function expiry(ms: number | null, nowMs: number): string {
  if (ms === null) return 'never';
  return `${date(ms)} (${ms > nowMs ? `in ${inWords(ms - nowMs)}` : `${inWords(nowMs - ms)} ago`})`;
}

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
  // "2/5 files": the limit decides the noun.
  const noun = (link.limits.maxFiles ?? link.usage.files) === 1 ? 'file' : 'files';
  return `${files} ${noun}, ${bytes}`;
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
  return formatTable(['ID', 'STATE', 'EXPIRES', 'USED', 'TITLE'], rows);
}

export function formatLinkDetails(
  link: AdminLink,
  nowMs: number,
  /** Some of the objects counted in `link.unverified`, to name them. */
  unverified?: ReadonlyArray<{ key: string; size: number }>,
): string {
  const limits = link.limits;
  const lines = [
    `Link ${link.id} (${linkStatus(link, nowMs)})`,
    `  Title:        ${link.title || '(none)'}`,
    ...(link.message ? [`  Message:      ${link.message}`] : []),
    `  Created:      ${date(link.createdAt)}`,
    `  Expires:      ${expiry(link.expiresAt, nowMs)}`,
    `  Max file:     ${limits.maxFileSize === null ? 'no limit' : formatBytes(limits.maxFileSize)}`,
    `  Max total:    ${limits.maxTotalBytes === null ? 'no limit' : formatBytes(limits.maxTotalBytes)}`,
    `  Max files:    ${limits.maxFiles === null ? 'no limit' : limits.maxFiles}`,
    `  Types:        ${limits.allowedTypes.length ? limits.allowedTypes.join(', ') : 'any'}`,
    `  Embeddable:   ${link.embedOrigins.length ? link.embedOrigins.join(', ') : 'nowhere'}`,
    `  Key prefix:   ${link.keyPrefix}`,
    `  Used:         ${used(link)} (verified)`,
    ...(link.inFlight
      ? [
          `  In flight:    ${
            link.inFlight.files === 0
              ? 'none'
              : `${plural(link.inFlight.files, 'file')}, ${formatBytes(link.inFlight.bytes)}`
          }`,
        ]
      : []),
    ...(link.unverified === null
      ? ['  Not verified: unknown (the key may not list the upload folder, see docs/deploy.md)']
      : link.unverified.files > 0
        ? [
            `  Not verified: ${plural(link.unverified.files, 'file')}, ${formatBytes(link.unverified.bytes)} ` +
              'in the link’s folder that were never completed',
            ...(unverified ?? []).map((o) => `                ${o.key} (${formatBytes(o.size)})`),
            ...(unverified && unverified.length < link.unverified.files
              ? [`                … and ${link.unverified.files - unverified.length} more`]
              : []),
            '                (see them all, or remove them, with: npm run cos:cleanup)',
          ]
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
