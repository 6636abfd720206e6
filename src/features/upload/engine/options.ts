/**
 * Engine options: declared defaults merged with what the caller gives, validated once at
 * creation so a bad configuration fails at start with a readable message, not mid-upload.
 */
import { z } from 'zod/mini';
import { MAX_FILES_PER_BATCH, MAX_PARTS_PER_SIGN } from '../../../../protocol/schemas';
import { DEFAULT_RETRY_CONFIG, type RetryConfig } from './failures/retry-policy';

/** How many bytes of small files one signing batch may carry beyond `signAhead` (see below). */
const SIGN_AHEAD_BYTES = 64 * 1024 * 1024;

/** A whole number in [min, max]. */
const intIn = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));

const RetryOptionsSchema = z.partial(
  z.object({
    delaysMs: z.array(z.int().check(z.nonnegative())).check(z.minLength(1)),
    maxRetries: intIn(0, 100),
    jitter: z.number().check(z.minimum(0), z.maximum(1)),
    maxRetryAfterMs: z.int().check(z.nonnegative()),
    maxResignsInRow: intIn(0, 10),
    maxReuploads: intIn(0, 10),
  }),
);

const EngineOptionsSchema = z.object({
  /** Requests to COS in flight at once, single PUTs and parts together. */
  concurrency: z._default(intIn(1, 32), 6),
  /** Abort and retry a request that reports no progress for this long. */
  stallTimeoutMs: z._default(z.int().check(z.minimum(100)), 30_000),
  /**
   * Files signed ahead of the free slots. Signing is topped up when the signed-but-unfinished
   * files fall to `concurrency + signAhead / 2`, up to `concurrency + signAhead` (so batches
   * are not tiny, URLs do not wait long enough to expire, and slots never wait for a batch).
   */
  signAhead: z.optional(intIn(0, MAX_FILES_PER_BATCH)),
  /**
   * Small files are signed further ahead: a batch may grow past `signAhead`, up to 100 files,
   * while its bytes stay within this. A small file is sent in moments, so its URL risks no
   * expiry, and each signing call costs the signer a bucket write inside a submission. Default
   * 64 MiB; 0 when `signAhead` is given (then that alone is the rule).
   */
  signAheadBytes: z.optional(z.int().check(z.minimum(0))),
  /** Part URLs asked for in one /uploads/sign call (default 2 × concurrency, ≤ 100). */
  partSignBatch: z.optional(intIn(1, MAX_PARTS_PER_SIGN)),
  /** How long queued files are collected before a signing call (one tick by default). */
  signBatchDelayMs: z._default(intIn(0, 1000), 0),
  /**
   * How long a single PUT whose bytes landed may wait for others to be verified with it while
   * more files are still being signed or sent. Each verification call costs the signer about
   * two bucket requests whatever its size, so gathering 20 or more files keeps the server's
   * work under 0.1 requests per file; the last files of a drop never wait.
   */
  verifyBatchWaitMs: z._default(intIn(0, 10_000), 1500),
  /** Files hashed (CRC64) at the same time. */
  hashConcurrency: z._default(intIn(1, 8), 1),
  /** Minimum time between two progress updates of one file. */
  progressIntervalMs: z._default(intIn(0, 5000), 250),
  /** A URL must stay valid this long beyond the estimated transfer time, else re-sign first. */
  expiryMarginMs: z._default(z.int().check(z.minimum(0)), 15_000),
  /** Re-uploads after a checksum/size mismatch reported by the signer before `file-changed`. */
  maxMismatchReuploads: z._default(intIn(0, 5), 1),
  retry: z._default(RetryOptionsSchema, {}),
});

export type EngineOptions = z.input<typeof EngineOptionsSchema>;

export interface ResolvedOptions {
  concurrency: number;
  stallTimeoutMs: number;
  signAhead: number;
  signAheadBytes: number;
  partSignBatch: number;
  signBatchDelayMs: number;
  verifyBatchWaitMs: number;
  hashConcurrency: number;
  progressIntervalMs: number;
  expiryMarginMs: number;
  maxMismatchReuploads: number;
  retry: RetryConfig;
}

export class EngineConfigError extends Error {
  override readonly name = 'EngineConfigError';
  readonly code = 'invalid-engine-options';
}

export function resolveOptions(input: EngineOptions = {}): ResolvedOptions {
  const parsed = EngineOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(options)'}: ${issue.message}`)
      .join('; ');
    throw new EngineConfigError(`Invalid upload engine options: ${problems}`);
  }
  const o = parsed.data;
  return {
    concurrency: o.concurrency,
    stallTimeoutMs: o.stallTimeoutMs,
    signAhead: o.signAhead ?? Math.min(MAX_FILES_PER_BATCH, 4 * o.concurrency),
    signAheadBytes: o.signAheadBytes ?? (o.signAhead === undefined ? SIGN_AHEAD_BYTES : 0),
    partSignBatch: o.partSignBatch ?? Math.min(MAX_PARTS_PER_SIGN, 2 * o.concurrency),
    signBatchDelayMs: o.signBatchDelayMs,
    verifyBatchWaitMs: o.verifyBatchWaitMs,
    hashConcurrency: o.hashConcurrency,
    progressIntervalMs: o.progressIntervalMs,
    expiryMarginMs: o.expiryMarginMs,
    maxMismatchReuploads: o.maxMismatchReuploads,
    retry: { ...DEFAULT_RETRY_CONFIG, ...o.retry },
  };
}
