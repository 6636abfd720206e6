/**
 * What to do after a request to COS (or to our signer) did not succeed: one pure function,
 * like tus-js-client's `shouldRetry`, so every class of answer is tested without timers.
 *
 * Response classes (docs: security.md §2.3):
 * - network error, timeout, stall, 5xx, 429, 408 → back off with jitter and retry; honour
 *   Retry-After; the counter resets once the file made acknowledged progress; give up after
 *   `maxRetries` failures in a row without progress.
 * - 403 AccessDenied "Request has expired" (and 400 ExpiredToken) → sign again and retry at
 *   once, a bounded number of times in a row.
 * - 409 FileAlreadyExists / 412 on a single PUT → the earlier attempt probably landed and only
 *   its answer was lost: verify through the signer instead of failing.
 * - 404 NoSuchUpload on a part → the multipart upload is gone (completed or aborted): verify.
 * - 400 BadDigest → the bytes changed in transit or on disk: send again once.
 * - anything else → fail with a stable code; never loop on a 4xx.
 */
import type { ErrorCode } from '../../../../../protocol/error-codes';

export type Observation =
  | { kind: 'network' }
  | { kind: 'timeout' }
  | { kind: 'stalled' }
  | {
      kind: 'http';
      status: number;
      cosCode: string | null;
      cosMessage: string | null;
      /** Raw Retry-After header (seconds or HTTP date), if readable. */
      retryAfter: string | null;
    }
  | { kind: 'signer'; code: ErrorCode; status: number; retryAfter: string | null };

export interface RetryContext {
  /** Failures in a row without progress before this one. */
  failures: number;
  /** True when the file made acknowledged progress since the previous failure. */
  progressed: boolean;
  /** Re-signs in a row for this request without a success in between. */
  resignsInRow: number;
  /** BadDigest re-sends already used for this request. */
  reuploads: number;
  /** 'put' = single PUT, 'part' = UploadPart, 'signer' = a call to our own server. */
  phase: 'put' | 'part' | 'signer';
  /** Local clock (ms), to read an HTTP-date Retry-After. */
  now: number;
  /** A number in [0, 1) for jitter; passed in to keep the function pure. */
  random: number;
}

export interface RetryConfig {
  /** Base delays in ms by failure number; the last one repeats. */
  delaysMs: readonly number[];
  /** Failures in a row without progress before giving up. */
  maxRetries: number;
  /** ±fraction of the delay, e.g. 0.2 → 80 %–120 %. */
  jitter: number;
  /** Ceiling for a server's Retry-After. */
  maxRetryAfterMs: number;
  /** Expired-signature re-signs in a row before failing with `url-expired`. */
  maxResignsInRow: number;
  /** BadDigest re-sends per request. */
  maxReuploads: number;
}

export const DEFAULT_RETRY_CONFIG: RetryConfig = {
  delaysMs: [1_000, 2_000, 4_000, 8_000, 15_000, 30_000],
  maxRetries: 8,
  jitter: 0.2,
  maxRetryAfterMs: 120_000,
  maxResignsInRow: 2,
  maxReuploads: 1,
};

export type RetryDecision =
  | {
      action: 'retry';
      delayMs: number;
      /** The failure count to carry into the next decision. */
      failures: number;
      /** What went wrong, for the entry's `retrying` hint and the final failure. */
      code: ErrorCode;
    }
  | { action: 'resign' }
  | { action: 'verify' }
  | { action: 'reupload' }
  | { action: 'fail'; code: ErrorCode };

/** Signer codes that describe a passing condition on our side of the wire. */
const TRANSIENT_SIGNER_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'signer-unavailable',
  'rate-limited',
  'internal-error',
  'storage-error',
]);

/** Retry-After in ms, from seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

function backoff(
  code: ErrorCode,
  retryAfter: string | null,
  ctx: RetryContext,
  config: RetryConfig,
): RetryDecision {
  const failures = (ctx.progressed ? 0 : ctx.failures) + 1;
  if (failures > config.maxRetries) return { action: 'fail', code };
  const serverDelay = parseRetryAfter(retryAfter, ctx.now);
  if (serverDelay !== null) {
    return {
      action: 'retry',
      delayMs: Math.min(serverDelay, config.maxRetryAfterMs),
      failures,
      code,
    };
  }
  const delays = config.delaysMs;
  const base = delays.length === 0 ? 0 : delays[Math.min(failures, delays.length) - 1]!;
  const factor = 1 - config.jitter + 2 * config.jitter * ctx.random;
  return { action: 'retry', delayMs: Math.round(base * factor), failures, code };
}

function decideHttp(
  obs: Extract<Observation, { kind: 'http' }>,
  ctx: RetryContext,
  config: RetryConfig,
): RetryDecision {
  const { status, cosCode } = obs;
  // Status 0 is what a browser reports for a CORS refusal or a dropped connection.
  if (status === 0) return backoff('network-error', null, ctx, config);
  if (status === 408) return backoff('timeout', obs.retryAfter, ctx, config);
  if (status === 429) return backoff('storage-unavailable', obs.retryAfter, ctx, config);
  if (status >= 500 && status !== 501 && status !== 505) {
    return backoff('storage-unavailable', obs.retryAfter, ctx, config);
  }

  const expired =
    (status === 403 && cosCode === 'AccessDenied' && /expired/i.test(obs.cosMessage ?? '')) ||
    (status === 400 && cosCode === 'ExpiredToken');
  if (expired) {
    return ctx.resignsInRow < config.maxResignsInRow
      ? { action: 'resign' }
      : { action: 'fail', code: 'url-expired' };
  }
  if (status === 403) {
    return cosCode === 'SignatureDoesNotMatch'
      ? { action: 'fail', code: 'signature-mismatch' }
      : { action: 'fail', code: 'access-denied' };
  }
  if (ctx.phase === 'put' && (cosCode === 'FileAlreadyExists' || status === 412)) {
    return { action: 'verify' };
  }
  if (ctx.phase === 'part' && cosCode === 'NoSuchUpload') return { action: 'verify' };
  if (cosCode === 'BadDigest') {
    return ctx.reuploads < config.maxReuploads
      ? { action: 'reupload' }
      : { action: 'fail', code: 'bad-digest' };
  }
  return { action: 'fail', code: 'storage-rejected' };
}

export function decideRetry(
  obs: Observation,
  ctx: RetryContext,
  config: RetryConfig = DEFAULT_RETRY_CONFIG,
): RetryDecision {
  switch (obs.kind) {
    case 'network':
      return backoff('network-error', null, ctx, config);
    case 'timeout':
      return backoff('timeout', null, ctx, config);
    case 'stalled':
      return backoff('stalled', null, ctx, config);
    case 'http':
      return decideHttp(obs, ctx, config);
    case 'signer':
      return TRANSIENT_SIGNER_CODES.has(obs.code)
        ? backoff(obs.code, obs.retryAfter, ctx, config)
        : { action: 'fail', code: obs.code };
  }
}
