import { createHmac, timingSafeEqual } from 'node:crypto';
import type { LinkKeySet } from './link-keys';

/**
 * `<kid>.<base64url(JSON)>.<base64url(HMAC-SHA-256)>`: the envelope shared by share-link
 * tokens and upload tickets. `domain` separates the two uses: links MAC `kid + '.' + payload`
 * (the documented link format); tickets prefix the input with `ticket.`, so a ticket can never
 * be replayed as a link or the other way round (a kid never contains a dot, and base64url
 * never does either, so the inputs cannot collide).
 */

/** 128-bit MACs keep tokens short; forging one still means guessing 2^128 values. */
const MAC_BYTES = 16;
/** Longer than any token we mint (claims are capped); refuse before doing any crypto. */
const MAX_TOKEN_LENGTH = 8192;
const B64URL = /^[A-Za-z0-9_-]+$/;

export type OpenedToken =
  { ok: true; kid: string; payload: unknown } | { ok: false; reason: 'malformed' | 'tampered' };

function mac(secret: string, domain: string, kid: string, payload: string): Buffer {
  const input = (domain ? `${domain}.` : '') + `${kid}.${payload}`;
  return createHmac('sha256', secret).update(input, 'utf8').digest().subarray(0, MAC_BYTES);
}

export function sealToken(keys: LinkKeySet, domain: string, payload: unknown): string {
  const { kid, secret } = keys.active;
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${kid}.${body}.${mac(secret, domain, kid, body).toString('base64url')}`;
}

export function openToken(keys: LinkKeySet, domain: string, token: string): OpenedToken {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
    return { ok: false, reason: 'malformed' };
  }
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [kid, body, sig] = parts as [string, string, string];
  if (!B64URL.test(kid) || !B64URL.test(body) || !B64URL.test(sig)) {
    return { ok: false, reason: 'malformed' };
  }
  const given = Buffer.from(sig, 'base64url');
  // Canonical encoding only: the last of the 22 characters of a 16-byte MAC carries four unused
  // bits, and a decoder that ignores them would accept sixteen spellings of one token.
  if (given.length !== MAC_BYTES || given.toString('base64url') !== sig) {
    return { ok: false, reason: 'malformed' };
  }
  const secret = keys.byKid.get(kid);
  // An unknown kid is treated like a bad MAC: either way the token was not made with our keys.
  if (secret === undefined) return { ok: false, reason: 'tampered' };
  if (!timingSafeEqual(given, mac(secret, domain, kid, body))) {
    return { ok: false, reason: 'tampered' };
  }
  const json = Buffer.from(body, 'base64url');
  if (json.toString('base64url') !== body) return { ok: false, reason: 'malformed' };
  let payload: unknown;
  try {
    payload = JSON.parse(json.toString('utf8'));
  } catch {
    // Only reachable with a key holder's help (the MAC matched), but never crash on it.
    return { ok: false, reason: 'malformed' };
  }
  return { ok: true, kid, payload };
}
