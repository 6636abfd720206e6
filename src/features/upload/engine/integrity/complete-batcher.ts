/**
 * Verification of single PUTs, gathered: the files whose bytes landed while earlier calls were
 * out (or within one tick) are verified with one `/uploads/complete-batch` call instead of one
 * `/uploads/complete` each.
 * With many small files that call was a third of the browser's requests (sign in batches,
 * PUT, complete) and most of the signer's.
 *
 * Each upload carries what COS answered to its PUT (ETag, CRC-64) when the browser could read
 * it; the signer then confirms the whole batch with one listing instead of a HEAD per file,
 * and still HEADs whatever the listing does not show with that size and ETag (docs/protocol.md).
 *
 * Each upload still gets exactly the answer `/uploads/complete` would give it: verified, or
 * its own refusal (`checksum-mismatch`, `object-missing`, …) as an UploadFailure. A passing
 * failure of one upload inside the batch (a 429 or 5xx result) is retried for that upload
 * alone through `/uploads/complete`; a failure of the whole call is retried as a whole by
 * `callSigner` first.
 */
import { MAX_FILES_PER_BATCH, type CompleteResponse } from '../../../../../protocol/schemas';
import { STATUS_OF } from '../../../../../protocol/error-codes';
import { raceAbort } from '../failures/abort';
import type { EngineContext } from '../engine-context';
import type { TimerHandle } from '../env';
import { callSigner, type SignerRetryInfo } from '../failures/signer-call';
import { errorParams, UploadFailure } from '../failures/upload-failure';

/** One single PUT to verify: our own CRC-64 and, when COS's answer to the PUT was read, its word. */
export interface CompleteItem {
  ticket: string;
  crc64: string;
  /** The PUT answer's `ETag`: the server finds the object with exactly it in one listing. */
  etag?: string;
  /** The PUT answer's `x-cos-hash-crc64ecma`, already compared with `crc64` (verify-upload.ts). */
  cosCrc64?: string;
}

export interface CompleteBatcher {
  /** The upload's verification, sent together with the others waiting. */
  complete(
    item: CompleteItem,
    signal: AbortSignal,
    onRetry?: (info: SignerRetryInfo) => void,
  ): Promise<CompleteResponse>;
  dispose(): void;
}

interface Waiter {
  item: CompleteItem;
  signal: AbortSignal;
  onRetry?: (info: SignerRetryInfo) => void;
  resolve(res: CompleteResponse): void;
  reject(error: unknown): void;
}

/**
 * Calls in flight at once. Uploads finishing meanwhile wait for one to return and go together
 * in the next (as Nagle's algorithm does with small writes), so the batches grow with the
 * load by themselves; two, so one slow call does not hold up every other file.
 */
const MAX_CALLS_IN_FLIGHT = 2;

export function createCompleteBatcher(ctx: EngineContext, life: AbortSignal): CompleteBatcher {
  let waiting: Waiter[] = [];
  let timer: TimerHandle | null = null;
  let inFlight = 0;

  /** One upload on its own, as before batching (its passing failure, retried). */
  function completeAlone(w: Waiter): void {
    callSigner(
      ctx,
      w.signal,
      (signal) => ctx.signer.complete({ ...w.item }, { signal }),
      w.onRetry,
    ).then(w.resolve, w.reject);
  }

  async function send(batch: Waiter[]): Promise<void> {
    let res;
    try {
      res = await callSigner(
        ctx,
        life,
        (signal) =>
          ctx.signer.completeBatch({ uploads: batch.map((w) => ({ ...w.item })) }, { signal }),
        (info) => {
          for (const w of batch) w.onRetry?.(info);
        },
      );
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    batch.forEach((w, i) => {
      const result = res.results[i];
      if (!result) {
        w.reject(new UploadFailure({ code: 'signer-unavailable', detail: 'no result' }));
      } else if (result.ok) {
        const { ok: _, ...answer } = result;
        w.resolve({ serverTime: res.serverTime, ...answer });
      } else {
        const status = STATUS_OF[result.error.code];
        if (status === 429 || status >= 500) {
          completeAlone(w);
          return;
        }
        w.reject(
          new UploadFailure({
            code: result.error.code,
            status,
            detail: result.error.message,
            params: errorParams(result.error.details),
          }),
        );
      }
    });
  }

  function flush(): void {
    timer = null;
    // Uploads whose run went away meanwhile are not verified for nobody.
    waiting = waiting.filter((w) => !w.signal.aborted);
    while (waiting.length > 0 && inFlight < MAX_CALLS_IN_FLIGHT && !life.aborted) {
      const batch = waiting.splice(0, MAX_FILES_PER_BATCH);
      inFlight++;
      void send(batch).finally(() => {
        inFlight--;
        flush();
      });
    }
  }

  return {
    complete(item, signal, onRetry) {
      const answer = new Promise<CompleteResponse>((resolve, reject) => {
        waiting.push({ item, signal, onRetry, resolve, reject });
      });
      if (timer === null && inFlight < MAX_CALLS_IN_FLIGHT) {
        timer = ctx.env.setTimeout(flush, ctx.options.signBatchDelayMs);
      }
      return raceAbort(answer, signal);
    },
    dispose() {
      if (timer !== null) ctx.env.clearTimeout(timer);
      timer = null;
      waiting = [];
    },
  };
}
