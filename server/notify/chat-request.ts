import { createHmac } from 'node:crypto';
import type { NotifyEvent } from './notify-event';
import type { NotifySummary } from './notify-summary';
import { summarize } from './notify-summary';
import type { NotifyTarget } from './notify-target';

/**
 * The chat presets: each service's documented message format, and its own signing.
 *
 * - WeCom group robot: `{"msgtype":"markdown","markdown":{"content":…}}`, content ≤ 4096 bytes.
 * - DingTalk custom robot: `{"msgtype":"markdown","markdown":{"title":…,"text":…}}`; with a
 *   secret, `timestamp` (ms) and `sign` = url-encoded base64 HMAC-SHA256(secret,
 *   "<timestamp>\n<secret>") are added to the URL's query.
 * - Feishu / Lark custom bot: `{"msg_type":"post","content":{"post":{"zh_cn"|"en_us":{title,
 *   content:[[{tag:"text"|"a",…}]]}}}}`; with a secret, `timestamp` (s, a string) and `sign` =
 *   base64 HMAC-SHA256 keyed with "<timestamp>\n<secret>" over an empty message, in the body.
 * - Slack incoming webhook: `{"text": fallback, "blocks": [{"type":"section","text":
 *   {"type":"mrkdwn",…}}]}`.
 *
 * Uploader and owner text is untrusted: in the markdown formats the characters that make links,
 * HTML or mentions (`[ ] < >`) are replaced by their full-width forms; Slack's mrkdwn gets the
 * escaping Slack documents (`& < >`); Feishu's post format takes plain text nodes.
 */
export interface ChatRequest {
  url: string;
  body: string;
}

const WECOM_MAX_BYTES = 4096;
const SLACK_SECTION_MAX = 3000;

/** Markdown-safe text for WeCom and DingTalk: no links, HTML or `<@user>` mentions. */
function mdText(text: string): string {
  return text.replace(/[[\]<>]/g, (c) => ({ '[': '［', ']': '］', '<': '＜', '>': '＞' })[c]!);
}

/** Slack mrkdwn escaping (&, <, >), per Slack's formatting reference. */
function slackText(text: string): string {
  return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function markdownLines(s: NotifySummary): string[] {
  const out = [`### ${mdText(s.headline)}`, mdText(s.summary), ''];
  for (const { label, value } of s.lines) out.push(`> **${mdText(label)}:** ${mdText(value)}`);
  if (s.files.length)
    out.push('', `**${mdText(s.filesLabel)}**`, ...s.files.map((f) => `- ${mdText(f)}`));
  if (s.failed.length)
    out.push('', `**${mdText(s.failedLabel)}**`, ...s.failed.map((f) => `- ${mdText(f)}`));
  return out;
}

function markdownLink(s: NotifySummary): string {
  return `[${mdText(s.openLabel)}](${s.url})`;
}

/** Cuts a UTF-8 text to at most `max` bytes on a character boundary. */
function clipBytes(text: string, max: number): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  let out = text;
  while (Buffer.byteLength(out, 'utf8') > max - 3) out = out.slice(0, -16);
  return `${out}…`;
}

export function wecomBody(event: NotifyEvent): {
  msgtype: 'markdown';
  markdown: { content: string };
} {
  const s = summarize(event);
  // The link and footer matter more than the tail of a long message: the rest is cut first.
  const foot = `\n\n${markdownLink(s)}\n<font color="comment">${mdText(s.footer)}</font>`;
  const content =
    clipBytes(markdownLines(s).join('\n').trimEnd(), WECOM_MAX_BYTES - Buffer.byteLength(foot)) +
    foot;
  return { msgtype: 'markdown' as const, markdown: { content } };
}

export function dingtalkBody(event: NotifyEvent): {
  msgtype: 'markdown';
  markdown: { title: string; text: string };
} {
  const s = summarize(event);
  const text = [...markdownLines(s), '', markdownLink(s), '', `###### ${mdText(s.footer)}`].join(
    '\n',
  );
  return { msgtype: 'markdown' as const, markdown: { title: mdText(s.headline), text } };
}

export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

export function feishuBody(event: NotifyEvent): Record<string, unknown> {
  const s = summarize(event);
  const text = (t: string) => [{ tag: 'text', text: t }];
  const content = [
    text(s.summary),
    ...s.lines.map(({ label, value }) => text(`${label}: ${value}`)),
    ...(s.files.length ? [text(`${s.filesLabel}:`), ...s.files.map((f) => text(`· ${f}`))] : []),
    ...(s.failed.length ? [text(`${s.failedLabel}:`), ...s.failed.map((f) => text(`· ${f}`))] : []),
    [{ tag: 'a', text: s.openLabel, href: s.url }],
    text(s.footer),
  ];
  const locale = event.language === 'zh-CN' ? 'zh_cn' : 'en_us';
  return { msg_type: 'post', content: { post: { [locale]: { title: s.headline, content } } } };
}

export function slackBody(event: NotifyEvent): { text: string; blocks: object[] } {
  const s = summarize(event);
  const lines = [`*${slackText(s.headline)}*`, slackText(s.summary)];
  for (const { label, value } of s.lines) lines.push(`*${slackText(label)}:* ${slackText(value)}`);
  if (s.files.length)
    lines.push(`*${slackText(s.filesLabel)}:*`, ...s.files.map((f) => `• ${slackText(f)}`));
  if (s.failed.length)
    lines.push(`*${slackText(s.failedLabel)}:*`, ...s.failed.map((f) => `• ${slackText(f)}`));
  let main = lines.join('\n');
  // A section holds 3000 characters; a long message loses whole lines, never the link.
  if (main.length > SLACK_SECTION_MAX) {
    main = `${main.slice(0, main.lastIndexOf('\n', SLACK_SECTION_MAX - 2))}\n…`;
  }
  const link = `<${slackText(s.url)}|${slackText(s.openLabel)}>`;
  return {
    // The notification text (and what clients without blocks show).
    text: `${s.headline}: ${s.summary}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: main } },
      { type: 'section', text: { type: 'mrkdwn', text: link } },
      { type: 'context', elements: [{ type: 'plain_text', text: s.footer }] },
    ],
  };
}

/** URL and body of one attempt to a chat target; signatures are made for `nowMs`. */
export function chatRequest(
  target: Extract<NotifyTarget, { kind: 'wecom' | 'dingtalk' | 'feishu' | 'slack' }>,
  event: NotifyEvent,
  nowMs: number,
): ChatRequest {
  switch (target.kind) {
    case 'wecom':
      return { url: target.url, body: JSON.stringify(wecomBody(event)) };
    case 'slack':
      return { url: target.url, body: JSON.stringify(slackBody(event)) };
    case 'dingtalk': {
      const url = new URL(target.url);
      if (target.secret) {
        url.searchParams.set('timestamp', String(nowMs));
        url.searchParams.set('sign', dingtalkSign(target.secret, nowMs));
      }
      return { url: url.href, body: JSON.stringify(dingtalkBody(event)) };
    }
    case 'feishu': {
      const body = feishuBody(event);
      if (target.secret) {
        const timestamp = Math.floor(nowMs / 1000);
        // Feishu documents the signed fields first; JSON order does not matter to it.
        return {
          url: target.url,
          body: JSON.stringify({
            timestamp: String(timestamp),
            sign: feishuSign(target.secret, timestamp),
            ...body,
          }),
        };
      }
      return { url: target.url, body: JSON.stringify(body) };
    }
  }
}
