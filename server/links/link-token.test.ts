import { describe, expect, it } from 'vitest';
import { linkKeySet } from './link-keys';
import { createLinkTokenVerifier, mintLinkToken, verifyLinkToken } from './link-token';
import type { LinkClaims } from './link-types';
import { createLinkClaims, describeLink } from './link-types';

const K1 = { kid: 'k1', secret: 'one-'.repeat(10) };
const K2 = { kid: 'k2', secret: 'two-'.repeat(10) };
const NOW = 1_700_000_000_000;

const claims: LinkClaims = createLinkClaims(
  {
    title: 'Scans for 报告',
    message: 'Drop them here',
    expiresInSeconds: 3600,
    maxFileSize: 10 * 1024 * 1024,
    maxTotalBytes: 100 * 1024 * 1024,
    maxFiles: 20,
    allowedTypes: ['image/*', '.pdf'],
    embedOrigins: ['https://intranet.example.com'],
  },
  'uploads/',
  NOW,
);

function flip(s: string, at: number): string {
  const c = s[at] === 'A' ? 'B' : 'A';
  return s.slice(0, at) + c + s.slice(at + 1);
}

describe('link tokens', () => {
  it('round-trips claims and is URL-safe', () => {
    const keys = linkKeySet([K1]);
    const token = mintLinkToken(keys, claims);
    expect(token).toMatch(/^k1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(encodeURIComponent(token)).toBe(token);
    expect(verifyLinkToken(keys, token, NOW)).toEqual({ ok: true, link: claims });
    expect(claims.prefix).toBe(`uploads/${claims.id}/`);
    expect(Buffer.from(claims.id, 'base64url').length).toBeGreaterThanOrEqual(12);
  });

  it('gives every link a fresh random id', () => {
    const ids = new Set(Array.from({ length: 50 }, () => createLinkClaims({}, 'u/').id));
    expect(ids.size).toBe(50);
  });

  it('rejects a tampered payload', () => {
    const keys = linkKeySet([K1]);
    const [kid, body, mac] = mintLinkToken(keys, claims).split('.') as [string, string, string];
    const widened = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), s: 1e12 }),
    ).toString('base64url');
    expect(verifyLinkToken(keys, `${kid}.${widened}.${mac}`, NOW)).toEqual({
      ok: false,
      code: 'link-tampered',
    });
    expect(verifyLinkToken(keys, `${kid}.${flip(body, 5)}.${mac}`, NOW)).toEqual({
      ok: false,
      code: 'link-tampered',
    });
  });

  it('rejects a tampered MAC and a foreign key', () => {
    const keys = linkKeySet([K1]);
    const token = mintLinkToken(keys, claims);
    expect(verifyLinkToken(keys, flip(token, token.length - 3), NOW)).toMatchObject({
      code: 'link-tampered',
    });
    // Same kid, different secret (another deployment).
    const other = mintLinkToken(linkKeySet([{ kid: 'k1', secret: 'z'.repeat(40) }]), claims);
    expect(verifyLinkToken(keys, other, NOW)).toMatchObject({ code: 'link-tampered' });
  });

  it('treats an unknown kid as tampered', () => {
    const token = mintLinkToken(linkKeySet([K2]), claims);
    expect(verifyLinkToken(linkKeySet([K1]), token, NOW)).toEqual({
      ok: false,
      code: 'link-tampered',
    });
    // Swapping the kid label on a genuine token does not help either.
    const relabelled = token.replace(/^k2\./, 'k1.');
    expect(verifyLinkToken(linkKeySet([K1, K2]), relabelled, NOW)).toMatchObject({
      code: 'link-tampered',
    });
  });

  it('accepts one spelling of a token only (no spare bits in the last character)', () => {
    const keys = linkKeySet([K1]);
    const token = mintLinkToken(keys, claims);
    expect(verifyLinkToken(keys, token, NOW).ok).toBe(true);
    // The 16-byte MAC's last character holds 2 data bits and 4 spare ones: its 15 other
    // spellings decode to the same bytes and must still be refused.
    const last = token.at(-1)!;
    const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const index = ALPHABET.indexOf(last);
    const siblings = Array.from(
      { length: 16 },
      (_, spare) => ALPHABET[(index & ~15) | spare]!,
    ).filter((c) => c !== last);
    expect(siblings).toHaveLength(15);
    for (const c of siblings) {
      expect(verifyLinkToken(keys, token.slice(0, -1) + c, NOW)).toEqual({
        ok: false,
        code: 'link-malformed',
      });
    }
  });

  it('rejects malformed tokens', () => {
    const keys = linkKeySet([K1]);
    for (const bad of [
      '',
      'abc',
      'a.b',
      'a.b.c.d',
      'k1.$$$.abc',
      'k1.e30.short',
      'x'.repeat(9000),
    ]) {
      expect(verifyLinkToken(keys, bad, NOW)).toEqual({ ok: false, code: 'link-malformed' });
    }
  });

  it('expires at the claimed second', () => {
    const keys = linkKeySet([K1]);
    const token = mintLinkToken(keys, claims);
    const expMs = claims.exp! * 1000;
    expect(verifyLinkToken(keys, token, expMs - 1).ok).toBe(true);
    expect(verifyLinkToken(keys, token, expMs)).toEqual({ ok: false, code: 'link-expired' });
    const forever = mintLinkToken(keys, createLinkClaims({}, 'uploads/'));
    expect(verifyLinkToken(keys, forever, Number.MAX_SAFE_INTEGER).ok).toBe(true);
  });

  it('remembers a verified token but still checks its expiry, and never remembers a bad one', () => {
    const keys = linkKeySet([K1]);
    const verify = createLinkTokenVerifier(keys, 2);
    const token = mintLinkToken(keys, claims);
    const expMs = claims.exp! * 1000;
    const first = verify(token, NOW);
    const again = verify(token, NOW);
    expect(first.ok && again.ok && first.link === again.link).toBe(true);
    expect(
      first.ok && Object.isFrozen(first.link) && Object.isFrozen(first.link.allowedTypes),
    ).toBe(true);
    expect(verify(token, expMs)).toEqual({ ok: false, code: 'link-expired' });
    const tampered = flip(token, token.length - 3);
    expect(verify(tampered, NOW)).toEqual({ ok: false, code: 'link-tampered' });
    expect(verify(tampered, NOW)).toEqual({ ok: false, code: 'link-tampered' });
    // Bounded: more distinct tokens than room evict the oldest, which then verifies afresh.
    const others = [1, 2].map((i) =>
      mintLinkToken(keys, createLinkClaims({ title: `t${i}` }, 'uploads/', NOW)),
    );
    for (const other of others) expect(verify(other, NOW).ok).toBe(true);
    const later = verify(token, NOW);
    expect(
      later.ok && first.ok && later.link !== first.link && later.link.id === first.link.id,
    ).toBe(true);
  });

  it('rotates keys: mints with the first, verifies with all', () => {
    const before = linkKeySet([K1]);
    const after = linkKeySet([K2, K1]);
    const old = mintLinkToken(before, claims);
    const fresh = mintLinkToken(after, claims);
    expect(fresh.startsWith('k2.')).toBe(true);
    expect(verifyLinkToken(after, old, NOW).ok).toBe(true);
    expect(verifyLinkToken(after, fresh, NOW).ok).toBe(true);
    // Once the old key is retired its tokens stop working.
    expect(verifyLinkToken(linkKeySet([K2]), old, NOW)).toMatchObject({ code: 'link-tampered' });
  });

  it('refuses to mint invalid claims', () => {
    const keys = linkKeySet([K1]);
    expect(() => mintLinkToken(keys, { ...claims, prefix: '../x/' })).toThrow();
    expect(() =>
      mintLinkToken(keys, { ...claims, embedOrigins: ['https://a.com/path'] }),
    ).toThrow();
    expect(() => mintLinkToken(keys, { ...claims, allowedTypes: ['text/html; x'] })).toThrow();
    expect(() =>
      createLinkClaims({ embedOrigins: ["https://a.com; script-src 'unsafe-inline'"] }, 'u/'),
    ).toThrow();
  });

  it('describes a link without its key prefix', () => {
    const info = describeLink(claims, { multipartThreshold: 64 });
    expect(info).toEqual({
      id: claims.id,
      title: 'Scans for 报告',
      message: 'Drop them here',
      expiresAt: claims.exp! * 1000,
      limits: {
        maxFileSize: 10 * 1024 * 1024,
        maxTotalBytes: 100 * 1024 * 1024,
        maxFiles: 20,
        allowedTypes: ['image/*', '.pdf'],
      },
      usage: null,
      multipartThreshold: 64,
      embedOrigins: ['https://intranet.example.com'],
    });
    expect(JSON.stringify(info)).not.toContain('uploads/');
  });
});
