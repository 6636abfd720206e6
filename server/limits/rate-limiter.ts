/**
 * Token buckets in memory, one per key (a client address, a link id). A bucket holds up to
 * `burst` tokens and refills at `ratePerSecond`; each request takes one. Limits therefore hold
 * per signer instance: N instances behind a load balancer allow up to N times the rate (see
 * docs/security.md). The quotas that matter (files, bytes) are enforced in the bucket and do
 * not depend on this.
 */
export interface RateLimiterOptions {
  /** Sustained rate; 0 turns the limiter off. */
  ratePerSecond: number;
  burst: number;
  now: () => number;
  /** Buckets kept at most; the least recently used go first (a full bucket loses nothing). */
  maxKeys?: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly rate: number;
  private readonly burst: number;
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(options: RateLimiterOptions) {
    this.rate = options.ratePerSecond;
    this.burst = Math.max(1, options.burst);
    this.now = options.now;
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  get enabled(): boolean {
    return this.rate > 0;
  }

  /**
   * Takes `cost` tokens whether or not they are there (down to one burst in debt): for
   * failures that should slow the next attempts down, such as a wrong admin token.
   */
  penalize(key: string, cost: number): void {
    if (!this.enabled) return;
    const bucket = this.refill(key);
    bucket.tokens = Math.max(-this.burst, bucket.tokens - cost);
  }

  take(key: string, cost = 1): TakeResult {
    if (!this.enabled) return { ok: true };
    const bucket = this.refill(key);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { ok: true };
    }
    const missing = cost - bucket.tokens;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / this.rate)) };
  }

  private refill(key: string): { tokens: number; at: number } {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    // A clock that steps back (NTP, tests) must not drain the bucket.
    const elapsed = Math.max(0, now - bucket.at);
    bucket.tokens = Math.min(this.burst, bucket.tokens + (elapsed / 1000) * this.rate);
    bucket.at = Math.max(now, bucket.at);
    // Re-insert so the Map's order is least recently used first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    return bucket;
  }
}
