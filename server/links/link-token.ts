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

export function verifyLinkToken(keys: LinkKeySet, token: string, nowMs: number): VerifyLinkResult {
  const opened = openToken(keys, '', token);
  if (!opened.ok) {
    return { ok: false, code: opened.reason === 'tampered' ? 'link-tampered' : 'link-malformed' };
  }
  const link = claimsFromWire(opened.payload);
  if (!link) return { ok: false, code: 'link-malformed' };
  if (link.exp !== null && nowMs >= link.exp * 1000) return { ok: false, code: 'link-expired' };
  return { ok: true, link };
}
