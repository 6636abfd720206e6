/**
 * One PUT to COS (a whole file or one part) carried through to an answer the file can act on:
 * renews the URL before starting when it would not outlive the transfer, waits for a slot,
 * sends, and applies the retry policy to whatever went wrong. Progress of the request is
 * reported while it runs and rolled back when it fails, so the bar never shows bytes that
 * will be sent again.
 */
import { sleep, throwIfAborted } from '../failures/abort';
import { parseCosError } from './cos-error';
import { reportProgress, type EngineContext, type RunScope } from '../engine-context';
import { needsFreshUrl } from './expiry';
import type { SignedUrl } from '../job';
import { decideRetry, type Observation } from '../failures/retry-policy';
import { sendToCos, type CosOutcome } from './send-to-cos';
import type { TransportResponse } from '../ports/transport';
import { UploadFailure } from '../failures/upload-failure';

export interface PutTarget {
  phase: 'put' | 'part';
  /** Key of this request in the run's in-flight map (0 = single PUT, else part number). */
  key: number;
  bytes: number;
  body(): Blob;
  /** The URL to use now, or null if there is none yet. */
  current(): SignedUrl | null;
  /** Get a fresh URL from the signer (after which `current()` returns it). */
  renew(): Promise<void>;
}

export type PutResult =
  | { kind: 'ok'; response: TransportResponse }
  /** COS says the work may already be done (409 FileAlreadyExists, NoSuchUpload): verify. */
  | { kind: 'verify'; response: TransportResponse };

function isStale(ctx: EngineContext, url: SignedUrl, bytes: number): boolean {
  return needsFreshUrl({
    expiresAtLocal: url.expiresAtLocal,
    lifetimeMs: url.lifetimeMs,
    now: ctx.env.now(),
    bytes,
    bytesPerSecond: ctx.throughput.perRequest,
    marginMs: ctx.options.expiryMarginMs,
  });
}

function observe(response: TransportResponse): Observation {
  const cos = parseCosError(response.body, response.headers);
  return {
    kind: 'http',
    status: response.status,
    cosCode: cos.code,
    cosMessage: cos.message,
    retryAfter: response.headers['retry-after'] ?? null,
  };
}

function failureDetail(response: TransportResponse | null, observation: Observation): string {
  if (observation.kind !== 'http') return observation.kind;
  const parts = [`HTTP ${observation.status}`];
  if (observation.cosCode) parts.push(observation.cosCode);
  if (observation.cosMessage) parts.push(observation.cosMessage);
  return response ? parts.join(' ') : parts[0]!;
}

/**
 * The request itself, under one of the global slots; 'stale' when the URL aged past use while
 * waiting for the slot (the caller renews it first).
 */
async function sendInSlot(
  ctx: EngineContext,
  scope: RunScope,
  target: PutTarget,
  justRenewed: boolean,
): Promise<CosOutcome | 'stale'> {
  const release = await ctx.scheduler.acquire(scope.signal);
  try {
    // Each request starts in a task of its own. Free slots are granted in one go (six at
    // the start of a big file), and a Blob's slice and XHR send can each wait on the
    // browser process; six of them in one task made main-thread tasks of 120-310 ms.
    await new Promise<void>((resolve) => ctx.env.yieldTask(resolve));
    throwIfAborted(scope.signal);
    // Waiting for the slot took time: check again.
    const url = target.current()!;
    if (!justRenewed && isStale(ctx, url, target.bytes)) return 'stale';
    scope.send({ type: 'run-sending' });
    scope.dispatch({ type: 'retry-cleared', id: scope.job.id });
    scope.inflight.set(target.key, 0);
    return await sendToCos(ctx, scope.signal, {
      url: url.url,
      headers: url.headers,
      body: target.body(),
      onProgress: (loaded) => {
        if (scope.signal.aborted) return;
        scope.inflight.set(target.key, Math.min(loaded, target.bytes));
        reportProgress(ctx, scope);
      },
    });
  } finally {
    release();
  }
}

export async function putWithRetries(
  ctx: EngineContext,
  scope: RunScope,
  target: PutTarget,
): Promise<PutResult> {
  const { job } = scope;
  let failures = 0;
  let resignsInRow = 0;
  let reuploads = 0;
  let ackedAtLastFailure = job.ackedBytes;
  // A URL fetched since the last attempt is used as is: a signer that hands out URLs shorter
  // than our estimate must not make us sign in a loop.
  let justRenewed = false;

  const rollback = () => {
    scope.inflight.delete(target.key);
    reportProgress(ctx, scope, true);
  };

  for (;;) {
    throwIfAborted(scope.signal);
    if (!ctx.isOnline()) {
      scope.send({ type: 'run-offline' });
      await ctx.waitOnline(scope.signal);
    }

    // Renew before queueing for a slot when the URL cannot cover the transfer.
    const url = target.current();
    if (!url || (!justRenewed && isStale(ctx, url, target.bytes))) {
      await target.renew();
      justRenewed = true;
      if (!target.current()) {
        throw new UploadFailure({ code: 'signer-unavailable', detail: 'no URL signed' });
      }
    }

    const outcome = await sendInSlot(ctx, scope, target, justRenewed);
    if (outcome === 'stale') continue;
    justRenewed = false;

    if (outcome.kind === 'offline') {
      rollback();
      continue;
    }
    const response = outcome.kind === 'response' ? outcome.response : null;
    if (
      outcome.kind === 'response' &&
      response &&
      response.status >= 200 &&
      response.status < 300
    ) {
      ctx.throughput.record(target.bytes, outcome.durationMs);
      return { kind: 'ok', response };
    }

    rollback();
    const observation = outcome.kind === 'failed' ? outcome.observation : observe(response!);
    const decision = decideRetry(
      observation,
      {
        failures,
        progressed: job.ackedBytes > ackedAtLastFailure,
        resignsInRow,
        reuploads,
        phase: target.phase,
        now: ctx.env.now(),
        random: ctx.env.random(),
      },
      ctx.options.retry,
    );
    ackedAtLastFailure = job.ackedBytes;

    switch (decision.action) {
      case 'retry': {
        failures = decision.failures;
        job.retries += 1;
        scope.dispatch({
          type: 'retrying',
          id: job.id,
          attempts: job.retries,
          retrying: { code: decision.code, at: ctx.env.now() + decision.delayMs },
        });
        await sleep(ctx.env, decision.delayMs, scope.signal);
        break;
      }
      case 'resign':
        resignsInRow += 1;
        job.retries += 1;
        scope.dispatch({
          type: 'retrying',
          id: job.id,
          attempts: job.retries,
          retrying: { code: 'url-expired', at: ctx.env.now() },
        });
        await target.renew();
        justRenewed = true;
        break;
      case 'reupload':
        reuploads += 1;
        job.retries += 1;
        break;
      case 'verify':
        return { kind: 'verify', response: response! };
      case 'fail': {
        const cos = response ? parseCosError(response.body, response.headers) : null;
        throw new UploadFailure({
          code: decision.code,
          status: response?.status,
          detail: failureDetail(response, observation),
          requestId: cos?.requestId ?? undefined,
        });
      }
    }
  }
}
