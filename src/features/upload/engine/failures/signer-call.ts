/**
 * A call to our signing server with the same retry policy as COS requests: transient failures
 * (unreachable, 5xx, rate-limited) back off; anything else becomes an UploadFailure carrying
 * the server's own code (e.g. `checksum-mismatch`), for the caller to act on. While offline
 * it waits instead of burning retries.
 */
import { abortReason, raceAbort, sleep, throwIfAborted } from './abort';
import type { EngineContext } from '../engine-context';
import type { Job } from '../job';
import type { EngineAction } from '../state/store';
import { asSignerError, isSignerError } from '../ports/signer';
import { decideRetry } from './retry-policy';
import { errorParams, UploadFailure } from './upload-failure';
import type { ErrorCode } from '../../../../../protocol/error-codes';

export interface SignerRetryInfo {
  code: ErrorCode;
  delayMs: number;
  failures: number;
}

/** What a file's row shows while a signer call for it waits to be tried again. */
export function retryingAction(
  job: Job,
  retry: SignerRetryInfo,
  now: number,
): Extract<EngineAction, { type: 'retrying' }> {
  return {
    type: 'retrying',
    id: job.id,
    attempts: job.retries,
    retrying: { code: retry.code, at: now + retry.delayMs },
  };
}

export async function callSigner<T>(
  ctx: EngineContext,
  signal: AbortSignal,
  call: (signal: AbortSignal) => Promise<T>,
  onRetry?: (info: SignerRetryInfo) => void,
): Promise<T> {
  let failures = 0;
  for (;;) {
    throwIfAborted(signal);
    await ctx.waitOnline(signal);
    try {
      return await raceAbort(call(signal), signal);
    } catch (caught) {
      if (signal.aborted) throw abortReason(signal);
      if (!isSignerError(caught) && !(caught instanceof Error)) throw caught;
      const error = asSignerError(caught);
      // Lost the connection mid-call: wait for it rather than count a failure.
      if (!ctx.isOnline()) continue;
      const retryAfter = error.details?.retryAfter;
      const decision = decideRetry(
        {
          kind: 'signer',
          // An abort we did not ask for (the browser dropped the request) is a network error.
          code: error.code === 'cancelled' ? 'signer-unavailable' : error.code,
          status: error.status,
          retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
        },
        {
          failures,
          progressed: false,
          resignsInRow: 0,
          reuploads: 0,
          phase: 'signer',
          now: ctx.env.now(),
          random: ctx.env.random(),
        },
        ctx.options.retry,
      );
      if (decision.action === 'retry') {
        failures = decision.failures;
        onRetry?.({ code: decision.code, delayMs: decision.delayMs, failures });
        await sleep(ctx.env, decision.delayMs, signal);
        continue;
      }
      const code = decision.action === 'fail' ? decision.code : error.code;
      throw new UploadFailure({
        code,
        status: error.status || undefined,
        detail: error.message,
        params: errorParams(error.details),
      });
    }
  }
}
