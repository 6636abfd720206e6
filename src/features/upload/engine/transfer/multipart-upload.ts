/**
 * A large file sent as parts: parts go in parallel (each worker takes the next part and waits
 * for a global slot), part URLs are signed in batches just before they are needed, a failed
 * part is retried on its own, and each part's ETag is kept for CompleteMultipartUpload.
 */
import type { CompletedPart } from '../../../../../protocol/schemas';
import { abortReason, EngineAbort, linkedController, throwIfAborted } from '../failures/abort';
import { reportProgress, type EngineContext, type RunScope } from '../engine-context';
import { needsFreshUrl } from './expiry';
import { toSignedUrl, type MultipartState } from '../job';
import { putWithRetries } from './put-with-retries';
import { callSigner } from '../failures/signer-call';
import { UploadFailure } from '../failures/upload-failure';

export type MultipartTransfer =
  | { kind: 'uploaded'; parts: CompletedPart[] }
  /** COS no longer knows the upload (NoSuchUpload): it has to start over. */
  | { kind: 'gone' };

class UploadGone extends Error {}

function partRange(state: MultipartState, size: number, partNumber: number) {
  const start = (partNumber - 1) * state.partSize;
  return { start, end: Math.min(size, start + state.partSize) };
}

export async function uploadMultipart(
  ctx: EngineContext,
  scope: RunScope,
): Promise<MultipartTransfer> {
  const { job } = scope;
  const state = job.multipart!;
  const size = job.file.size;
  const pending: number[] = [];
  for (let n = 1; n <= state.partCount; n++) if (!state.etags.has(n)) pending.push(n);
  let cursor = 0;

  // Siblings stop as soon as one part fails for good.
  const { controller, unlink } = linkedController(scope.signal);
  const local: RunScope = { ...scope, signal: controller.signal };

  const bytesOf = (n: number) => {
    const { start, end } = partRange(state, size, n);
    return end - start;
  };
  const usable = (n: number) => {
    const url = state.urls.get(n);
    return (
      url !== undefined &&
      !needsFreshUrl({
        expiresAtLocal: url.expiresAtLocal,
        lifetimeMs: url.lifetimeMs,
        now: ctx.env.now(),
        bytes: bytesOf(n),
        bytesPerSecond: ctx.throughput.perRequest,
        marginMs: ctx.options.expiryMarginMs,
      })
    );
  };

  /** How long the last URLs were valid when signed (the signer's TTL), once known. */
  let lastLifetimeMs: number | null = null;

  /**
   * How many parts to sign together with `n`. Signing ahead saves calls only while a URL
   * outlives the wait for its part's turn; URLs that barely cover one transfer (a signer with a
   * TTL of seconds, or a slow connection) are signed one part at a time, as each is needed.
   */
  const batchLimit = (n: number): number => {
    const perRequest = ctx.throughput.perRequest;
    if (lastLifetimeMs === null || !perRequest) return ctx.options.partSignBatch;
    const transferMs = (bytesOf(n) / perRequest) * 1000 * 1.5;
    const marginMs = Math.min(ctx.options.expiryMarginMs, lastLifetimeMs / 3);
    return lastLifetimeMs < 2 * (transferMs + marginMs) ? 1 : ctx.options.partSignBatch;
  };

  let signing: Promise<void> | null = null;
  async function signParts(parts: number[]) {
    const res = await callSigner(ctx, local.signal, (signal) =>
      ctx.signer.sign({ ticket: state.ticket, parts }, { signal }),
    );
    throwIfAborted(local.signal);
    const now = ctx.env.now();
    let soonest: number | null = null;
    for (const signed of res.parts ?? []) {
      ctx.checkSigned(signed.request, state.key);
      const url = toSignedUrl(signed.request, res.serverTime, now);
      state.urls.set(signed.partNumber, url);
      lastLifetimeMs = url.lifetimeMs;
      soonest = soonest === null ? url.expiresAtLocal : Math.min(soonest, url.expiresAtLocal);
    }
    if (parts.some((n) => !state.urls.has(n))) {
      throw new UploadFailure({ code: 'signer-unavailable', detail: 'part URLs missing' });
    }
    local.dispatch({ type: 'url-signed', id: job.id, urlExpiresAt: soonest });
  }

  /** Sign `n` (forced) together with the next parts that lack a usable URL. */
  async function renew(n: number, force: boolean) {
    for (;;) {
      if (signing) {
        await signing;
        if (!force && usable(n)) return;
      }
      if (!force && usable(n)) return;
      const batch = [n];
      const limit = batchLimit(n);
      for (let i = cursor; i < pending.length && batch.length < limit; i++) {
        const other = pending[i]!;
        if (other !== n && !usable(other)) batch.push(other);
      }
      batch.sort((a, b) => a - b);
      signing = signParts(batch).finally(() => {
        signing = null;
      });
      await signing;
      return;
    }
  }

  async function worker() {
    while (cursor < pending.length) {
      throwIfAborted(local.signal);
      const n = pending[cursor++]!;
      const { start, end } = partRange(state, size, n);
      const result = await putWithRetries(ctx, local, {
        phase: 'part',
        key: n,
        bytes: end - start,
        body: () => job.file.slice(start, end),
        current: () => state.urls.get(n) ?? null,
        renew: async () => {
          // The first call for a part signs a batch; a renewal after a failure forces a new URL.
          const hadUrl = state.urls.has(n);
          await renew(n, hadUrl && usable(n));
        },
      });
      throwIfAborted(local.signal);
      if (result.kind === 'verify') throw new UploadGone();
      const etag = result.response.headers.etag;
      if (!etag) {
        throw new UploadFailure({
          code: 'etag-unreadable',
          status: result.response.status,
          detail: 'COS answered without a readable ETag: add ETag to the bucket CORS ExposeHeader',
        });
      }
      state.etags.set(n, etag);
      ctx.partAcked(job);
      state.urls.delete(n);
      local.inflight.delete(n);
      job.ackedBytes += end - start;
      reportProgress(ctx, local, true);
    }
  }

  let firstError: unknown = null;
  const workers = Array.from({ length: Math.min(ctx.options.concurrency, pending.length) }, () =>
    worker().catch((error: unknown) => {
      if (firstError === null) {
        firstError = error;
        controller.abort(new EngineAbort('restart'));
      }
    }),
  );
  try {
    await Promise.all(workers);
  } finally {
    unlink();
  }
  if (scope.signal.aborted) throw abortReason(scope.signal);
  if (firstError instanceof UploadGone) {
    for (const key of [...scope.inflight.keys()]) scope.inflight.delete(key);
    return { kind: 'gone' };
  }
  if (firstError !== null) throw firstError;

  const parts: CompletedPart[] = [...state.etags.entries()]
    .sort(([a], [b]) => a - b)
    .map(([partNumber, etag]) => ({ partNumber, etag }));
  return { kind: 'uploaded', parts };
}
