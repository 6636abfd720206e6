/**
 * Engine options: declared defaults merged with what the caller gives, validated once at
 * creation so a bad configuration fails at start with a readable message, not mid-upload.
 */
import { z } from 'zod';
import { MAX_FILES_PER_BATCH, MAX_PARTS_PER_SIGN } from '../../../../protocol/schemas';
import { DEFAULT_RETRY_CONFIG, type RetryConfig } from './retry-policy';

const RetryOptionsSchema = z
  .object({
    delaysMs: z.array(z.number().int().nonnegative()).min(1),
    maxRetries: z.number().int().min(0).max(100),
    jitter: z.number().min(0).max(1),
    maxRetryAfterMs: z.number().int().nonnegative(),
    maxResignsInRow: z.number().int().min(0).max(10),
    maxReuploads: z.number().int().min(0).max(10),
  })
  .partial();

const EngineOptionsSchema = z.object({
  /** Requests to COS in flight at once, single PUTs and parts together. */
  concurrency: z.number().int().min(1).max(32).default(6),
  /** Abort and retry a request that reports no progress for this long. */
  stallTimeoutMs: z.number().int().min(100).default(30_000),
  /**
   * Files signed ahead of the free slots. Signing is topped up when the signed-but-unfinished
   * files fall to `concurrency`, up to `concurrency + signAhead` (so batches are not tiny and
   * URLs do not wait long enough to expire).
   */
  signAhead: z.number().int().min(0).max(MAX_FILES_PER_BATCH).optional(),
  /** Part URLs asked for in one /uploads/sign call (default 2 × concurrency, ≤ 100). */
  partSignBatch: z.number().int().min(1).max(MAX_PARTS_PER_SIGN).optional(),
  /** How long queued files are collected before a signing call (one tick by default). */
  signBatchDelayMs: z.number().int().min(0).max(1000).default(0),
  /** Files hashed (CRC64) at the same time. */
  hashConcurrency: z.number().int().min(1).max(8).default(1),
  /** Minimum time between two progress updates of one file. */
  progressIntervalMs: z.number().int().min(0).max(5000).default(250),
  /** A URL must stay valid this long beyond the estimated transfer time, else re-sign first. */
  expiryMarginMs: z.number().int().min(0).default(15_000),
  /** Re-uploads after a checksum/size mismatch reported by the signer before `file-changed`. */
  maxMismatchReuploads: z.number().int().min(0).max(5).default(1),
  retry: RetryOptionsSchema.default({}),
});

export type EngineOptions = z.input<typeof EngineOptionsSchema>;

export interface ResolvedOptions {
  concurrency: number;
  stallTimeoutMs: number;
  signAhead: number;
  partSignBatch: number;
  signBatchDelayMs: number;
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
    partSignBatch: o.partSignBatch ?? Math.min(MAX_PARTS_PER_SIGN, 2 * o.concurrency),
    signBatchDelayMs: o.signBatchDelayMs,
    hashConcurrency: o.hashConcurrency,
    progressIntervalMs: o.progressIntervalMs,
    expiryMarginMs: o.expiryMarginMs,
    maxMismatchReuploads: o.maxMismatchReuploads,
    retry: { ...DEFAULT_RETRY_CONFIG, ...o.retry },
  };
}
