/**
 * A large file sent as parts: parts go in parallel (each worker takes the next part and waits
 * for a global slot), part URLs are signed in batches just before they are needed
 * (part-urls.ts), a failed part is retried on its own (put-with-retries.ts), and each part's
 * ETag is kept for CompleteMultipartUpload.
 */
import type { CompletedPart } from '../../../../../protocol/schemas';
import { abortReason, EngineAbort, linkedController, throwIfAborted } from '../failures/abort';
import { reportProgress, type EngineContext, type RunScope } from '../engine-context';
import { createPartUrls, partRange } from './part-urls';
import { putWithRetries } from './put-with-retries';
import { UploadFailure } from '../failures/upload-failure';

export type MultipartTransfer =
  | { kind: 'uploaded'; parts: CompletedPart[] }
  /** COS no longer knows the upload (NoSuchUpload): it has to start over. */
  | { kind: 'gone' };

class UploadGone extends Error {}

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

  const urls = createPartUrls(ctx, local, state, size, {
    pending,
    cursor: () => cursor,
  });

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
          await urls.renew(n, hadUrl && urls.usable(n));
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
