/**
 * Pre-signed URLs expire by the signer's clock. Every signer answer carries `serverTime`, so a
 * URL's expiry on the local clock is `localNow + (expiresAt - serverTime)`: right even when
 * the person's clock is off by hours.
 */

export function toLocalExpiry(expiresAt: number, serverTime: number, localNow: number): number {
  return localNow + (expiresAt - serverTime);
}

/**
 * Should the URL be renewed before starting a request of `bytes`? Yes when what is left of it
 * does not cover the estimated transfer time (at the measured per-request speed, with 50 %
 * slack) plus a margin. COS interrupts a transfer whose URL expires mid-way, so starting one
 * that cannot finish only wastes bandwidth.
 *
 * The margin is at most a third of the URL's whole life: a signer that hands out URLs valid
 * for a few seconds would otherwise make every URL look stale the moment it arrives, and each
 * part would be signed a dozen times over.
 */
export function needsFreshUrl(params: {
  expiresAtLocal: number;
  now: number;
  bytes: number;
  bytesPerSecond: number | null;
  marginMs: number;
  /** How long the URL was valid when signed (expiresAt − serverTime), if known. */
  lifetimeMs?: number;
}): boolean {
  const remaining = params.expiresAtLocal - params.now;
  const transferMs =
    params.bytesPerSecond && params.bytesPerSecond > 0
      ? (params.bytes / params.bytesPerSecond) * 1000 * 1.5
      : 0;
  const margin =
    params.lifetimeMs !== undefined
      ? Math.min(params.marginMs, Math.max(0, params.lifetimeMs) / 3)
      : params.marginMs;
  return remaining < transferMs + margin;
}
