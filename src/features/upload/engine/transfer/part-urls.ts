/**
 * URLs for the parts of one multipart upload, signed in batches just before they are needed:
 * a part is signed together with the next ones that lack a usable URL, one signing call at a
 * time, and one part at a time when URLs barely outlive a transfer.
 */
import { throwIfAborted } from '../failures/abort';
import { callSigner } from '../failures/signer-call';
import { UploadFailure } from '../failures/upload-failure';
import type { EngineContext, RunScope } from '../engine-context';
import { toSignedUrl, type MultipartState } from '../job';
import { needsFreshUrl } from './expiry';

export function partRange(state: MultipartState, size: number, partNumber: number) {
  const start = (partNumber - 1) * state.partSize;
  return { start, end: Math.min(size, start + state.partSize) };
}

export interface PartUrls {
  /** Part `n` has a URL that outlives its transfer. */
  usable(n: number): boolean;
  /** Sign `n` (again, if `force`) together with the next parts that lack a usable URL. */
  renew(n: number, force: boolean): Promise<void>;
}

export function createPartUrls(
  ctx: EngineContext,
  local: RunScope,
  state: MultipartState,
  size: number,
  queue: { readonly pending: readonly number[]; cursor(): number },
): PartUrls {
  const { job } = local;
  const { pending } = queue;
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
      for (let i = queue.cursor(); i < pending.length && batch.length < limit; i++) {
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

  return { usable, renew };
}
