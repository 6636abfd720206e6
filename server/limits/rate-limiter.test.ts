import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows a burst, then the sustained rate, and says when to come back', () => {
    let clock = 0;
    const limiter = new RateLimiter({ ratePerSecond: 2, burst: 4, now: () => clock });
    for (let i = 0; i < 4; i++) expect(limiter.take('ip').ok).toBe(true);
    expect(limiter.take('ip')).toEqual({ ok: false, retryAfterSeconds: 1 });
    // Other keys have their own bucket.
    expect(limiter.take('other').ok).toBe(true);
    clock = 500; // one token back
    expect(limiter.take('ip').ok).toBe(true);
    expect(limiter.take('ip').ok).toBe(false);
    clock = 10_000; // refilled, but never beyond the burst
    for (let i = 0; i < 4; i++) expect(limiter.take('ip').ok).toBe(true);
    expect(limiter.take('ip').ok).toBe(false);
  });

  it('is not drained by a clock stepping back, and is off at rate 0', () => {
    let clock = 100_000;
    const limiter = new RateLimiter({ ratePerSecond: 1, burst: 2, now: () => clock });
    expect(limiter.take('k').ok).toBe(true);
    clock = 0;
    expect(limiter.take('k').ok).toBe(true);
    expect(limiter.take('k').ok).toBe(false);
    const off = new RateLimiter({ ratePerSecond: 0, burst: 0, now: () => 0 });
    for (let i = 0; i < 1000; i++) expect(off.take('k').ok).toBe(true);
  });

  it('forgets the least recently used keys beyond its size', () => {
    const limiter = new RateLimiter({ ratePerSecond: 1, burst: 1, now: () => 0, maxKeys: 2 });
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('b').ok).toBe(true);
    expect(limiter.take('c').ok).toBe(true);
    // 'a' was evicted: it starts with a full bucket again.
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('c').ok).toBe(false);
  });

  it('penalizes into debt, so failures push the next attempt further out', () => {
    let clock = 0;
    const limiter = new RateLimiter({ ratePerSecond: 1, burst: 5, now: () => clock });
    limiter.penalize('k', 8);
    expect(limiter.take('k')).toEqual({ ok: false, retryAfterSeconds: 4 });
    limiter.penalize('k', 100);
    expect(limiter.take('k')).toEqual({ ok: false, retryAfterSeconds: 6 });
    clock = 6000;
    expect(limiter.take('k').ok).toBe(true);
  });
});
