import type { NotifyEvent } from './notify-event';
import { fill, formatBytes, wordsFor } from './notify-words';

/**
 * The message a person reads, before any service's format: a headline, a one-line summary,
 * labelled lines (who, details, files) and the /admin link. Every value that came from an
 * uploader or an owner is plain text here; each format escapes it its own way.
 */
export interface NotifySummary {
  headline: string;
  summary: string;
  lines: Array<{ label: string; value: string }>;
  /** Up to MAX_LISTED file lines ("name (size)"), then "… and N more". */
  files: string[];
  failed: string[];
  filesLabel: string;
  failedLabel: string;
  openLabel: string;
  url: string;
  footer: string;
}

export const MAX_LISTED = 5;
const MAX_VALUE = 200;

/** One line of untrusted text: no line breaks or control characters, bounded length. */
export function oneLine(text: string, max = MAX_VALUE): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function who(uploader: Record<string, string>, anonymous: string): string {
  const name = uploader.name?.trim();
  const email = uploader.email?.trim();
  const org = uploader.organisation?.trim();
  const parts = [name && email ? `${name} <${email}>` : (name ?? email ?? ''), org ?? ''];
  const text = parts.filter(Boolean).join(', ');
  return text ? oneLine(text) : anonymous;
}

export function summarize(event: NotifyEvent): NotifySummary {
  const w = wordsFor(event.language);
  const { body } = event;
  const title = oneLine(body.link.title) || w.untitled;
  const common = {
    filesLabel: w.files,
    failedLabel: w.failed,
    openLabel: w.open,
    url: event.adminUrl,
    footer: fill(w.footer, { id: body.id }),
  };
  const submission = body.submission;
  if (body.type === 'test' || !submission) {
    return {
      headline: fill(w.testHeadline, { title }),
      summary: w.testSummary,
      lines: [],
      files: [],
      failed: [],
      ...common,
    };
  }
  const list = (items: string[]) =>
    items.length > MAX_LISTED
      ? [...items.slice(0, MAX_LISTED), fill(w.more, { count: items.length - MAX_LISTED })]
      : items;
  const fields = Object.entries(submission.fields).map(
    ([label, value]) => `${oneLine(label, 60)}: ${oneLine(String(value))}`,
  );
  const lines = [
    { label: w.from, value: who(submission.uploader, w.anonymous) },
    ...(fields.length ? [{ label: w.fields, value: oneLine(fields.join('; '), 400) }] : []),
    { label: w.submissionId, value: oneLine(submission.id, 80) },
  ];
  return {
    headline: fill(w.completedHeadline, { title }),
    summary: fill(w.completedSummary, {
      files: w.fileCount(submission.files.length),
      size: formatBytes(submission.totalBytes),
    }),
    lines,
    files: list(submission.files.map((f) => `${oneLine(f.name, 120)} (${formatBytes(f.size)})`)),
    failed: list(submission.failed.map((f) => oneLine(f.name, 120))),
    ...common,
  };
}
