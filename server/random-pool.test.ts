import { describe, expect, it } from 'vitest';
import { pooledRandomBytes } from './random-pool';

describe('pooledRandomBytes', () => {
  it('hands out fresh bytes that never repeat and never share memory', () => {
    const seen = new Set<string>();
    // Several pool refills' worth (4 KiB each).
    for (let i = 0; i < 2000; i++) {
      const bytes = pooledRandomBytes(16);
      expect(bytes).toHaveLength(16);
      seen.add(Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''));
    }
    expect(seen.size).toBe(2000);
    const a = pooledRandomBytes(8);
    const copy = Uint8Array.from(a);
    pooledRandomBytes(4096); // forces a refill over the same pool
    expect(a).toEqual(copy);
  });

  it('refuses more than the pool holds', () => {
    expect(() => pooledRandomBytes(4097)).toThrow(RangeError);
  });
});
