import { describe, expect, it } from 'vitest';
import { linkKeySet } from '../links/link-keys';
import { openToken, sealToken } from '../links/signed-token';
import { tamperMac } from './tamper-token';

describe('tamperMac', () => {
  it('always yields a tampered token, never a malformed one, whatever the MAC ends with', () => {
    const keys = linkKeySet([{ kid: 'k0', secret: 'x'.repeat(40) }]);
    let endingInAA = 0;
    for (let i = 0; i < 3000; i++) {
      const token = sealToken(keys, '', { i });
      if (token.endsWith('AA')) endingInAA++;
      expect(openToken(keys, '', tamperMac(token))).toEqual({ ok: false, reason: 'tampered' });
    }
    // The old forgery (last two characters replaced) was refused as malformed for these.
    expect(endingInAA).toBeGreaterThan(0);
  });
});
