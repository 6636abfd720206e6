import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { blockReason } from './blocked-address';

/**
 * Notification targets as the owner writes them (`--notify`, the admin API, NOTIFY_DEFAULT):
 *
 *   https://hooks.example.com/portal                        generic JSON webhook, signed
 *   wecom:https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…   WeCom group robot
 *   dingtalk:https://oapi.dingtalk.com/robot/send?access_token=…#SEC…   DingTalk robot (+ signing secret)
 *   feishu:https://open.feishu.cn/open-apis/bot/v2/hook/…[#secret]   Feishu / Lark custom bot
 *   slack:https://hooks.slack.com/services/…                Slack incoming webhook
 *   mailto:owner@example.com                                email
 *
 * Targets carry secrets (robot keys, signing secrets), so they live in the bucket's state
 * prefix only, never in a link token, a log line or an error message: what people see is
 * `displayTarget`, the host and the last characters of the key.
 */
export type NotifyTarget =
  | { kind: 'webhook'; url: string }
  | { kind: 'wecom'; url: string }
  | { kind: 'dingtalk'; url: string; secret: string | null }
  | { kind: 'feishu'; url: string; secret: string | null }
  | { kind: 'slack'; url: string }
  | { kind: 'email'; address: string };

export type TargetKind = NotifyTarget['kind'];

export const MAX_TARGET_LENGTH = 2048;
export const MAX_TARGETS_PER_LINK = 10;

export const TARGET_EXAMPLES =
  'https://hooks.example.com/portal, wecom:https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY, ' +
  'dingtalk:https://oapi.dingtalk.com/robot/send?access_token=TOKEN#SECRET, ' +
  'feishu:https://open.feishu.cn/open-apis/bot/v2/hook/ID, ' +
  'slack:https://hooks.slack.com/services/T000/B000/XXXX, mailto:owner@example.com';

export type ParsedTarget = { ok: true; target: NotifyTarget } | { ok: false; message: string };

export interface ParseTargetOptions {
  /** NOTIFY_ALLOW_PRIVATE=1: plain http and private or loopback hosts, for local testing. */
  allowPrivate: boolean;
}

const PRESETS = ['wecom', 'dingtalk', 'feishu', 'slack'] as const;
const EMAIL =
  /^[^\s@<>()",;:\\[\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$/;

/** Host names that always mean this machine or the local network. */
function isLocalName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return (
    h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal')
  );
}

/**
 * Checks an address the owner gave, without resolving it (that happens before every send):
 * scheme, no credentials, and no host that is private on its face.
 */
function checkUrl(
  raw: string,
  what: string,
  opts: ParseTargetOptions,
): { ok: true; url: URL } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: `the ${what} is not a valid URL` };
  }
  if (url.protocol !== 'https:' && !(opts.allowPrivate && url.protocol === 'http:')) {
    return {
      ok: false,
      message: `the ${what} must start with https:// (plain http only with NOTIFY_ALLOW_PRIVATE=1, for local testing)`,
    };
  }
  if (url.username || url.password) {
    return { ok: false, message: `the ${what} must not contain a user name or password` };
  }
  if (url.hash) return { ok: false, message: `the ${what} must not contain a "#" part` };
  if (!opts.allowPrivate) {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const reason = isIP(host) ? blockReason(host) : isLocalName(host) ? 'local' : null;
    if (reason) {
      return {
        ok: false,
        message: `the ${what} points to a ${reason} address; only public addresses are allowed (NOTIFY_ALLOW_PRIVATE=1 for local testing)`,
      };
    }
  }
  return { ok: true, url };
}

/** Parses one target. Error messages never repeat the text given (it may hold a key). */
export function parseTarget(spec: string, opts: ParseTargetOptions): ParsedTarget {
  const text = spec.trim();
  const fail = (message: string): ParsedTarget => ({
    ok: false,
    message: `Not a notification target: ${message}. Examples: ${TARGET_EXAMPLES}`,
  });
  if (text === '') return fail('it is empty');
  if (text.length > MAX_TARGET_LENGTH)
    return fail(`it is longer than ${MAX_TARGET_LENGTH} characters`);

  if (/^mailto:/i.test(text)) {
    const address = text.slice('mailto:'.length);
    if (!EMAIL.test(address))
      return fail('mailto: needs one email address, like mailto:owner@example.com');
    return { ok: true, target: { kind: 'email', address } };
  }

  const colon = text.indexOf(':');
  const scheme = text.slice(0, colon).toLowerCase();
  if (scheme === 'https' || scheme === 'http') {
    const checked = checkUrl(text, 'webhook address', opts);
    if (!checked.ok) return fail(checked.message);
    return { ok: true, target: { kind: 'webhook', url: checked.url.href } };
  }

  const preset = PRESETS.find((p) => p === scheme);
  if (!preset) {
    return fail(
      'it must be an https:// address or start with wecom:, dingtalk:, feishu:, slack: or mailto:',
    );
  }
  let rest = text.slice(colon + 1);
  let secret: string | null = null;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    if (preset !== 'dingtalk' && preset !== 'feishu') {
      return fail(`${preset}: addresses take no "#" part`);
    }
    secret = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
    if (!/^[\x21-\x7e]{8,200}$/.test(secret)) {
      return fail(`the ${preset} signing secret after "#" must be 8 to 200 visible characters`);
    }
  }
  const checked = checkUrl(rest, `${preset} robot address`, opts);
  if (!checked.ok) return fail(checked.message);
  const url = checked.url.href;
  switch (preset) {
    case 'dingtalk':
      return { ok: true, target: { kind: 'dingtalk', url, secret } };
    case 'feishu':
      return { ok: true, target: { kind: 'feishu', url, secret } };
    default:
      return { ok: true, target: { kind: preset, url } };
  }
}

/** The canonical text of a target (what is stored). */
export function formatTarget(target: NotifyTarget): string {
  switch (target.kind) {
    case 'webhook':
      return target.url;
    case 'email':
      return `mailto:${target.address}`;
    case 'dingtalk':
    case 'feishu':
      return `${target.kind}:${target.url}${target.secret ? `#${target.secret}` : ''}`;
    default:
      return `${target.kind}:${target.url}`;
  }
}

/**
 * A stable short id of a target (its delivery journal is named after it): the same target
 * given twice, on the link and in NOTIFY_DEFAULT, is one delivery. A hash, so the id says
 * nothing about the key.
 */
export function targetId(target: NotifyTarget): string {
  return createHash('sha256')
    .update(formatTarget(target), 'utf8')
    .digest()
    .subarray(0, 12)
    .toString('base64url');
}

/** The last few characters of a secret, the rest masked; short secrets are masked whole. */
function tail(secret: string): string {
  return secret.length >= 16 ? `…${secret.slice(-4)}` : '…';
}

/** A URL with its path and query (where robot keys live) masked: origin and a tail. */
function maskUrl(href: string): string {
  const url = new URL(href);
  const rest = url.pathname + url.search;
  return rest === '/' ? url.origin : `${url.origin}/${tail(rest)}`;
}

/** What admin views and logs show of a target: the host and a masked key, never the key. */
export function displayTarget(target: NotifyTarget): string {
  switch (target.kind) {
    case 'email':
      return `mailto:${target.address}`;
    case 'webhook':
      return maskUrl(target.url);
    case 'dingtalk':
    case 'feishu':
      return `${target.kind}:${maskUrl(target.url)}${target.secret ? ' (signed)' : ''}`;
    default:
      return `${target.kind}:${maskUrl(target.url)}`;
  }
}
