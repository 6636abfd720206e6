/**
 * Speed for the UI and for expiry estimates. An exponentially weighted moving average over
 * progress samples: smooth enough to read, quick enough to follow a changing network.
 */

export interface SpeedMeter {
  /** Feed the current byte count (may go down after a retry); returns bytes per second. */
  sample(bytes: number, now: number): number;
  readonly speed: number;
  reset(): void;
}

/** Time constant of the average: about the last few seconds matter. */
const TAU_MS = 3_000;
/** Ignore samples closer together than this; they carry more noise than signal. */
const MIN_INTERVAL_MS = 100;

export function createSpeedMeter(): SpeedMeter {
  let lastBytes: number | null = null;
  let lastAt = 0;
  let speed = 0;
  return {
    sample(bytes, now) {
      if (lastBytes === null || bytes < lastBytes) {
        // First sample, or a rollback after a failed request: start measuring afresh.
        lastBytes = bytes;
        lastAt = now;
        return speed;
      }
      const dt = now - lastAt;
      if (dt < MIN_INTERVAL_MS) return speed;
      const instant = ((bytes - lastBytes) * 1000) / dt;
      const weight = 1 - Math.exp(-dt / TAU_MS);
      speed = speed === 0 ? instant : speed + weight * (instant - speed);
      lastBytes = bytes;
      lastAt = now;
      return speed;
    },
    get speed() {
      return speed;
    },
    reset() {
      lastBytes = null;
      speed = 0;
    },
  };
}

/**
 * Throughput of one request, learnt from finished requests (bytes / duration), for "will this
 * URL outlive the transfer?". Per request rather than overall, because requests run side by
 * side and share the bandwidth.
 */
export interface ThroughputEstimator {
  record(bytes: number, durationMs: number): void;
  /** Bytes per second per request, or null before anything was measured. */
  readonly perRequest: number | null;
}

export function createThroughputEstimator(): ThroughputEstimator {
  let estimate: number | null = null;
  return {
    record(bytes, durationMs) {
      // Tiny requests measure latency, not bandwidth.
      if (bytes < 64 * 1024 || durationMs <= 0) return;
      const rate = (bytes * 1000) / durationMs;
      estimate = estimate === null ? rate : 0.7 * estimate + 0.3 * rate;
    },
    get perRequest() {
      return estimate;
    },
  };
}
