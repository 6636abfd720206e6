import { createHash, randomBytes } from 'node:crypto';
import { RateLimiter } from '../limits/rate-limiter';
import type { StateStore } from '../state/state-store';

/**
 * Limits on guessing a link's password, shared by every signer instance through the bucket:
 * each wrong password leaves a small object `pw-fail/<linkId>/<time>.<address hash>`, and
 * before checking a password the signer lists the link's recent failures. Within
 * WINDOW_MS, an address gets PER_ADDRESS wrong tries and the link PER_LINK in all (so a
 * guesser with many addresses still meets a wall); beyond them the answer is 429 with
 * Retry-After until the oldest counted failure leaves the window. A per-instance token bucket
 * in front stops a burst of parallel tries from one address slipping past the listing before
 * its failures are written. Addresses are stored hashed (with the link id), never in clear.
 */
export const WINDOW_MS = 15 * 60_000;
export const PER_ADDRESS = 5;
export const PER_LINK = 100;
/** Stale failure objects removed per check (they are tiny; this keeps the folder short). */
const PRUNE_PER_CHECK = 20;

export type AttemptVerdict =
  /** `left`: wrong tries this address still has in the window, counting this one. */
  { ok: true; left: number } | { ok: false; retryAfterSeconds: number };

const dir = (linkId: string) => `pw-fail/${linkId}/`;

export class PasswordAttempts {
  private readonly local: RateLimiter;

  constructor(
    private readonly store: StateStore,
    private readonly now: () => number,
  ) {
    this.local = new RateLimiter({
      // Refills one try every half minute: enough for people reloading a page, and a burst of
      // parallel tries never exceeds what the bucket's count allows.
      ratePerSecond: 1 / 30,
      burst: PER_ADDRESS,
      now,
    });
  }

  private addressHash(linkId: string, address: string): string {
    return createHash('sha256')
      .update(`${linkId}\n${address}`, 'utf8')
      .digest()
      .subarray(0, 12)
      .toString('base64url');
  }

  /** May this address try a password on this link now? */
  async check(linkId: string, address: string): Promise<AttemptVerdict> {
    const mine = this.addressHash(linkId, address);
    const t = this.now();
    const recent: Array<{ at: number; who: string }> = [];
    const stale: string[] = [];
    for (const { name } of await this.store.list(dir(linkId))) {
      const dot = name.indexOf('.');
      const at = Number(name.slice(0, dot));
      if (dot <= 0 || !Number.isSafeInteger(at)) continue;
      if (at <= t - WINDOW_MS) stale.push(name);
      else recent.push({ at, who: name.slice(dot + 1).split('.')[0]! });
    }
    for (const name of stale.slice(0, PRUNE_PER_CHECK)) {
      void this.store.delete(dir(linkId) + name).catch(() => {});
    }
    const wait = (times: number[], limit: number) => {
      if (times.length < limit) return 0;
      // The failure that must leave the window before one more try is allowed.
      const sorted = times.sort((a, b) => b - a);
      return Math.max(1, Math.ceil((sorted[limit - 1]! + WINDOW_MS - t) / 1000));
    };
    const mineTimes = recent.filter((r) => r.who === mine).map((r) => r.at);
    const left = PER_ADDRESS - mineTimes.length;
    const retry = Math.max(
      wait(mineTimes, PER_ADDRESS),
      wait(
        recent.map((r) => r.at),
        PER_LINK,
      ),
    );
    if (retry > 0) return { ok: false, retryAfterSeconds: retry };
    const taken = this.local.take(`${linkId}\n${mine}`);
    return taken.ok
      ? { ok: true, left }
      : { ok: false, retryAfterSeconds: taken.retryAfterSeconds };
  }

  /** Counts a wrong password against the address and the link, on every instance. */
  async fail(linkId: string, address: string): Promise<void> {
    const name = `${String(this.now()).padStart(13, '0')}.${this.addressHash(linkId, address)}.${randomBytes(4).toString('hex')}`;
    await this.store.put(dir(linkId) + name, {}, { ifAbsent: true });
  }
}
