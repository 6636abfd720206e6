import type { NotifyEvent } from './notify-event';
import { summarize } from './notify-summary';

/**
 * The email: a subject, a plain-text part and an HTML part saying the same, in the link's
 * language. Every value is escaped for HTML; nothing is loaded from elsewhere (no images, no
 * styles sheets), so the message reads the same in any client and tracks nobody.
 */
export interface MailMessage {
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export function mailMessage(event: NotifyEvent): MailMessage {
  const s = summarize(event);
  const text = [
    s.headline,
    '',
    s.summary,
    '',
    ...s.lines.map(({ label, value }) => `${label}: ${value}`),
    ...(s.files.length ? ['', `${s.filesLabel}:`, ...s.files.map((f) => `  - ${f}`)] : []),
    ...(s.failed.length ? ['', `${s.failedLabel}:`, ...s.failed.map((f) => `  - ${f}`)] : []),
    '',
    `${s.openLabel}: ${s.url}`,
    '',
    '-- ',
    s.footer,
    '',
  ].join('\n');
  const list = (label: string, items: string[]) =>
    items.length
      ? `<h3>${escapeHtml(label)}</h3><ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`
      : '';
  const lang = event.language === 'zh-CN' ? 'zh-CN' : 'en';
  const html = [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(s.headline)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5">',
    `<h2>${escapeHtml(s.headline)}</h2>`,
    `<p>${escapeHtml(s.summary)}</p>`,
    s.lines.length
      ? `<table>${s.lines.map(({ label, value }) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('')}</table>`
      : '',
    list(s.filesLabel, s.files),
    list(s.failedLabel, s.failed),
    `<p><a href="${escapeHtml(s.url)}">${escapeHtml(s.openLabel)}</a></p>`,
    `<p style="color: #666; font-size: small">${escapeHtml(s.footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: s.headline, text, html };
}
