import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `Portal-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, one
 * `v1=` per configured WEBHOOK_SECRET (the first is the current one; the others are being
 * rotated out), so a receiver that knows any of them accepts the event during a rotation.
 * The timestamp is signed with the body: a receiver that refuses old `t` refuses replays.
 */
export const SIGNATURE_HEADER = 'Portal-Signature';
export const EVENT_ID_HEADER = 'Portal-Event-Id';
/** How far `t` may be from the receiver's clock; what docs/notifications.md recommends. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

function hmacHex(secret: string, t: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${t}.${rawBody}`, 'utf8').digest('hex');
}

export function signWebhook(secrets: readonly string[], rawBody: string, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  return [`t=${t}`, ...secrets.map((s) => `v1=${hmacHex(s, t, rawBody)}`)].join(',');
}

/**
 * What a receiver does (and what the tests use): any `v1` matching any of its secrets, with `t`
 * within the tolerance.
 */
export function verifyWebhook(
  header: string | null | undefined,
  rawBody: string,
  secrets: readonly string[],
  nowMs: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): boolean {
  if (!header) return false;
  let t: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === 't' && v && /^\d+$/.test(v)) t = Number(v);
    else if (k === 'v1' && v && /^[0-9a-f]{64}$/.test(v)) signatures.push(v);
  }
  if (t === null || Math.abs(nowMs / 1000 - t) > toleranceSeconds) return false;
  return secrets.some((secret) => {
    const expected = Buffer.from(hmacHex(secret, t, rawBody), 'hex');
    return signatures.some((s) => timingSafeEqual(expected, Buffer.from(s, 'hex')));
  });
}
