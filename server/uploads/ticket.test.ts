import { describe, expect, it } from 'vitest';
import { Refusal } from '../refusal';
import { linkKeySet } from '../links/link-keys';
import { mintLinkToken, verifyLinkToken } from '../links/link-token';
import { createLinkClaims } from '../links/link-types';
import type { UploadTicket } from './ticket';
import { issueTicket, readTicket } from './ticket';

const keys = linkKeySet([{ kid: 'k1', secret: 's'.repeat(40) }]);
const NOW = 1_700_000_000_000;
const single: UploadTicket = {
  linkId: 'link-AAAAAAAAAAAAAAAA',
  key: 'uploads/link/abc-report.pdf',
  size: 1234,
  type: 'application/pdf',
  mode: 'single',
  metaFileName: '%E6%8A%A5%E5%91%8A.pdf',
  exp: NOW / 1000 + 60,
};
const { metaFileName: _omit, ...singleWithoutMeta } = single;
const multi: UploadTicket = {
  ...singleWithoutMeta,
  mode: 'multipart',
  size: 30 * 1024 * 1024,
  uploadId: 'upload-123',
  partSize: 8 * 1024 * 1024,
  partCount: 4,
};

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(Refusal);
    return (err as Refusal).code;
  }
  return 'no error';
}

describe('upload tickets', () => {
  it('round-trips single and multipart tickets', () => {
    const expect1 = { linkId: single.linkId, nowMs: NOW };
    expect(readTicket(keys, issueTicket(keys, single), expect1)).toEqual(single);
    expect(readTicket(keys, issueTicket(keys, multi), expect1)).toEqual(multi);
  });

  it('rejects tampering, foreign links, expiry and other keys', () => {
    const t = issueTicket(keys, single);
    const [kid, body, mac] = t.split('.') as [string, string, string];
    const bigger = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), s: 99 }),
    ).toString('base64url');
    const at = { linkId: single.linkId, nowMs: NOW };
    expect(codeOf(() => readTicket(keys, `${kid}.${bigger}.${mac}`, at))).toBe('ticket-invalid');
    expect(codeOf(() => readTicket(keys, t, { ...at, linkId: 'other-link-AAAAAAAA' }))).toBe(
      'ticket-invalid',
    );
    expect(codeOf(() => readTicket(keys, t, { ...at, nowMs: single.exp * 1000 }))).toBe(
      'ticket-invalid',
    );
    const foreign = linkKeySet([{ kid: 'k1', secret: 'o'.repeat(40) }]);
    expect(codeOf(() => readTicket(foreign, t, at))).toBe('ticket-invalid');
    expect(codeOf(() => readTicket(keys, 'garbage', at))).toBe('ticket-invalid');
  });

  it('cannot be confused with a link token', () => {
    const linkToken = mintLinkToken(keys, createLinkClaims({}, 'uploads/'));
    expect(codeOf(() => readTicket(keys, linkToken, { linkId: 'x', nowMs: NOW }))).toBe(
      'ticket-invalid',
    );
    const ticket = issueTicket(keys, single);
    expect(verifyLinkToken(keys, ticket, NOW)).toEqual({ ok: false, code: 'link-tampered' });
  });

  it('refuses to issue an inconsistent multipart ticket', () => {
    expect(() => issueTicket(keys, { ...single, mode: 'multipart' })).toThrow();
  });
});
