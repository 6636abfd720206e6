import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  it('reuses a value until it expires, shares concurrent loads and never caches failures', async () => {
    let clock = 0;
    const cache = new TtlCache<number>(1000, () => clock);
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((r) => setTimeout(r, 5));
      return loads;
    };
    expect(await Promise.all([cache.get('k', load), cache.get('k', load)])).toEqual([1, 1]);
    clock = 999;
    expect(await cache.get('k', load)).toBe(1);
    clock = 1000;
    expect(await cache.get('k', load)).toBe(2);
    await expect(cache.get('bad', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('bad', async () => 7)).toBe(7);
  });

  it('gives values their own lifetime and drops the oldest entries beyond its size', async () => {
    let clock = 0;
    const cache = new TtlCache<string | null>(100, () => clock, 2);
    const ttlFor = (v: string | null) => (v ? 10_000 : 100);
    await cache.get('a', async () => 'yes', ttlFor);
    await cache.get('b', async () => null, ttlFor);
    clock = 500;
    expect(await cache.get('a', async () => 'reloaded', ttlFor)).toBe('yes');
    expect(await cache.get('b', async () => 'now', ttlFor)).toBe('now');
    await cache.get('c', async () => 'c', ttlFor);
    // 'a' was the least recently stored: gone.
    expect(await cache.get('a', async () => 'fresh', ttlFor)).toBe('fresh');
  });
});
