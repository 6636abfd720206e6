/**
 * A token bucket on an explicit clock (ms): `rate` bytes per second flow in, up to `burst`.
 *
 * Tokens may go negative. A piece of data passes whenever the bucket is not in debt, and its
 * size is then taken in full; the next piece waits until the debt is paid. So a piece larger
 * than the burst still passes, and over any long stretch exactly `rate` bytes per second get
 * through, never more.
 *
 * The burst only absorbs late timers while data is waiting (a timer that fires 20 ms late
 * finds 20 ms of tokens and catches up). Capacity a link does not use while it is idle is lost,
 * as on a real link: `wake` is called when data arrives at an idle bucket and caps what it
 * saved up at `idleBurst`, so a connection that paused between two requests does not start the
 * next one with a head start.
 */
export class TokenBucket {
  private tokens = 0;
  private updatedAt: number;

  constructor(
    /** Bytes per second. */
    readonly rate: number,
    /** Most tokens the bucket holds while data waits, bytes. */
    readonly burst: number,
    now: number,
    /** Most tokens it keeps across an idle stretch, bytes. */
    readonly idleBurst = 0,
  ) {
    if (!(rate > 0)) throw new RangeError(`rate must be positive (got ${rate})`);
    if (!(burst >= 0) || !(idleBurst >= 0)) throw new RangeError('bursts must be ≥ 0');
    this.updatedAt = now;
  }

  private refill(now: number): void {
    if (now <= this.updatedAt) return;
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) * this.rate) / 1000);
    this.updatedAt = now;
  }

  /** Data arrived at an idle bucket: keep at most `idleBurst` of what it saved up. */
  wake(now: number): void {
    this.refill(now);
    this.tokens = Math.min(this.tokens, this.idleBurst);
  }

  /** Milliseconds until the bucket is out of debt (0: a piece may pass now). */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 0 ? 0 : (-this.tokens / this.rate) * 1000;
  }

  /** Lets `bytes` through (call only when `waitMs` is 0). */
  take(bytes: number, now: number): void {
    this.refill(now);
    this.tokens -= bytes;
  }

  /** Tokens now (negative: debt), for tests and diagnostics. */
  level(now: number): number {
    this.refill(now);
    return this.tokens;
  }
}
