/**
 * Verification of single PUTs, gathered: files whose bytes landed are verified together with
 * one `/uploads/complete-batch` call instead of one `/uploads/complete` each. Each call costs
 * the signer about two bucket requests whatever its size (one listing, one ledger object), so
 * a file waits for others while more are still being signed or sent, up to
 * `verifyBatchWaitMs` or a full batch; the last files of a drop (nothing else coming) go at
 * once. With many small files this keeps the server's work per file at a few hundredths of a
 * request, and the browser's calls few.
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
  /** When it joined (env clock). */
  since: number;
  signal: AbortSignal;
  onRetry?: (info: SignerRetryInfo) => void;
  resolve(res: CompleteResponse): void;
  reject(error: unknown): void;
}

/**
 * Calls in flight at once. Uploads finishing meanwhile wait for one to return and go together
 * in the next (as Nagle's algorithm does with small writes); two, so one slow call does not
 * hold up every other file.
 */
const MAX_CALLS_IN_FLIGHT = 2;

export function createCompleteBatcher(
  ctx: EngineContext,
  life: AbortSignal,
  /** Files are still being signed or sent: more will land soon. */
  moreComing: () => boolean,
): CompleteBatcher {
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

  /** When the waiting files should go: now (0), or in how many ms. */
  function dueIn(): number {
    if (waiting.length >= MAX_FILES_PER_BATCH || !moreComing()) return 0;
    return Math.max(0, waiting[0]!.since + ctx.options.verifyBatchWaitMs - ctx.env.now());
  }

  function arm(): void {
    if (timer !== null) ctx.env.clearTimeout(timer);
    timer = null;
    if (waiting.length === 0 || inFlight >= MAX_CALLS_IN_FLIGHT || life.aborted) return;
    // At least one tick, so the files landing together go together.
    timer = ctx.env.setTimeout(flush, Math.max(ctx.options.signBatchDelayMs, dueIn()));
  }

  function flush(): void {
    timer = null;
    // Uploads whose run went away meanwhile are not verified for nobody.
    waiting = waiting.filter((w) => !w.signal.aborted);
    while (waiting.length > 0 && inFlight < MAX_CALLS_IN_FLIGHT && !life.aborted && !dueIn()) {
      const batch = waiting.splice(0, MAX_FILES_PER_BATCH);
      inFlight++;
      void send(batch).finally(() => {
        inFlight--;
        flush();
      });
    }
    arm();
  }

  return {
    complete(item, signal, onRetry) {
      const answer = new Promise<CompleteResponse>((resolve, reject) => {
        waiting.push({ item, since: ctx.env.now(), signal, onRetry, resolve, reject });
      });
      // This file may complete a batch or be the last one coming: the timer is set anew.
      arm();
      return raceAbort(answer, signal);
    },
    dispose() {
      if (timer !== null) ctx.env.clearTimeout(timer);
      timer = null;
      waiting = [];
    },
  };
}
