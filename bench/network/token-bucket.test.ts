import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('lets a piece through when not in debt, then makes the next wait for the debt', () => {
    const b = new TokenBucket(1000, 500, 0); // 1,000 B/s
    expect(b.waitMs(0)).toBe(0);
    b.take(250, 0);
    expect(b.waitMs(0)).toBeCloseTo(250, 9); // 250 bytes of debt at 1 B/ms
    expect(b.waitMs(100)).toBeCloseTo(150, 9);
    expect(b.waitMs(250)).toBe(0);
  });

  it('passes a piece larger than its burst, and the long-run rate is exactly the rate', () => {
    const b = new TokenBucket(1000, 10, 0);
    let now = 0;
    let passed = 0;
    // Pieces of 64 bytes, each as soon as allowed, for 10 s.
    while (now < 10_000) {
      const wait = b.waitMs(now);
      if (wait > 0) {
        now += wait;
        continue;
      }
      b.take(64, now);
      passed += 64;
    }
    // 10 s at 1,000 B/s, plus at most the one piece taken on credit.
    expect(passed).toBeGreaterThanOrEqual(10_000);
    expect(passed).toBeLessThanOrEqual(10_000 + 64);
  });

  it('saves up at most `burst` while data waits (late timers catch up, no more)', () => {
    const b = new TokenBucket(1000, 50, 0);
    b.take(100, 0); // 100 bytes of debt
    expect(b.level(1000)).toBe(50); // 1 s later: capped at the burst
  });

  it('keeps at most `idleBurst` across an idle stretch', () => {
    const b = new TokenBucket(1000, 50, 0, 16);
    b.wake(5000);
    expect(b.level(5000)).toBe(16);
    // Debt is never forgiven by waking.
    b.take(40, 5000);
    b.wake(5000);
    expect(b.level(5000)).toBe(-24);
  });

  it('starts empty: the first piece passes, nothing is saved up in advance', () => {
    const b = new TokenBucket(1000, 50, 0);
    expect(b.level(0)).toBe(0);
    expect(b.waitMs(0)).toBe(0);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new TokenBucket(0, 10, 0)).toThrow(RangeError);
    expect(() => new TokenBucket(Number.NaN, 10, 0)).toThrow(RangeError);
  });
});
