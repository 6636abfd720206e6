import type { LinkKeySet } from './link-keys';
import type { LinkClaims } from './link-types';
import { claimsFromWire, claimsToWire, LinkClaimsSchema } from './link-types';
import { openToken, sealToken } from './signed-token';

/**
 * Share-link capability tokens: `<kid>.<base64url(claims)>.<base64url(HMAC-SHA-256)>`, URL-safe
 * (base64url and dots only), so they can sit in `/u/<token>` as they are.
 */

export type VerifyLinkResult =
  | { ok: true; link: LinkClaims }
  | { ok: false; code: 'link-malformed' | 'link-tampered' | 'link-expired' };

export function mintLinkToken(keys: LinkKeySet, claims: LinkClaims): string {
  return sealToken(keys, '', claimsToWire(LinkClaimsSchema.parse(claims)));
}

type Opened =
  (VerifyLinkResult & { ok: true }) | { ok: false; code: 'link-malformed' | 'link-tampered' };

function openLinkToken(keys: LinkKeySet, token: string): Opened {
  const opened = openToken(keys, '', token);
  if (!opened.ok) {
    return { ok: false, code: opened.reason === 'tampered' ? 'link-tampered' : 'link-malformed' };
  }
  const link = claimsFromWire(opened.payload);
  return link ? { ok: true, link } : { ok: false, code: 'link-malformed' };
}

function checkExpiry(link: LinkClaims, nowMs: number): VerifyLinkResult {
  return link.exp !== null && nowMs >= link.exp * 1000
    ? { ok: false, code: 'link-expired' }
    : { ok: true, link };
}

export function verifyLinkToken(keys: LinkKeySet, token: string, nowMs: number): VerifyLinkResult {
  const opened = openLinkToken(keys, token);
  return opened.ok ? checkExpiry(opened.link, nowMs) : opened;
}

/**
 * verifyLinkToken for a server that sees the same few tokens on every call: a token that
 * verified once is remembered (its claims are immutable and the key set is fixed for the
 * process), so a busy link costs a map lookup instead of an HMAC and a parse. Expiry is still
 * checked on every call; failures are not remembered.
 */
export function createLinkTokenVerifier(
  keys: LinkKeySet,
  capacity = 1024,
): (token: string, nowMs: number) => VerifyLinkResult {
  const verified = new Map<string, LinkClaims>();
  return (token, nowMs) => {
    let link = verified.get(token);
    if (!link) {
      const opened = openLinkToken(keys, token);
      if (!opened.ok) return opened;
      // Shared by every later request with this token: nobody may change it.
      link = Object.freeze({
        ...opened.link,
        allowedTypes: Object.freeze([...opened.link.allowedTypes]) as string[],
        embedOrigins: Object.freeze([...opened.link.embedOrigins]) as string[],
      });
      // Oldest first: a flood of distinct valid tokens only evicts, it never grows the map.
      if (verified.size >= capacity) verified.delete(verified.keys().next().value!);
      verified.set(token, link);
    }
    return checkExpiry(link, nowMs);
  };
}
