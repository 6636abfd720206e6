import { describe, expect, it } from 'vitest';
import { encodeMetadataValue, metadataFromHost } from './metadata-from-host';

describe('metadataFromHost', () => {
  it('keeps visible ASCII and percent-encodes the rest, reversibly', () => {
    const value = 'Grant #12: 张三 & 100% done\r\n';
    const encoded = encodeMetadataValue(value);
    expect(encoded).toMatch(/^[\x21-\x7e]+$/);
    expect(decodeURIComponent(encoded)).toBe(value);
    expect(encodeMetadataValue('a\uD800b')).toBe('a%EF%BF%BDb');
    expect(metadataFromHost({ 'form-id': 'g-12', note: 'a b' })).toEqual({
      ok: true,
      metadata: { 'form-id': 'g-12', note: 'a%20b' },
    });
    expect(metadataFromHost({})).toEqual({ ok: true, metadata: {} });
  });

  it('refuses what the signer would refuse, with a reason', () => {
    const cases: unknown[] = [
      null,
      'ticket=1',
      ['a'],
      { Ticket: '1' },
      { 'ticket id': '1' },
      { filename: 'x' },
      { ticket: 1 },
      { ticket: '' },
      Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])),
      { big: '张'.repeat(120) }, // 120 × 9 encoded bytes > 1 KB
    ];
    for (const input of cases) {
      const result = metadataFromHost(input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.message.length).toBeGreaterThan(5);
    }
  });
});
