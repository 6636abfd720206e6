/**
 * What the upload routines (single, multipart, verify) get from the engine. Keeping this an
 * interface lets each routine live in its own small module and be read on its own.
 */
import type { CompleteResponse, SignedRequest } from '../../../../protocol/schemas';
import type { SignerApi } from './ports/signer';
import type { ResolvedEnv } from './env';
import { callSigner, type SignerRetryInfo } from './failures/signer-call';
import { UploadFailure } from './failures/upload-failure';
import type { CompleteBatcher, CompleteItem } from './integrity/complete-batcher';
import type { HashQueue } from './integrity/hash-queue';
import type { Job } from './job';
import type { ResolvedOptions } from './options';
import type { Planner } from './planning/planner';
import type { ResumeTracker } from './resume/resume-tracker';
import type { FileEvent } from './state/file-machine';
import type { EngineAction, Store } from './state/store';
import type { Transport } from './ports/transport';
import type { Connectivity } from './transfer/connectivity';
import { createThroughputEstimator, type ThroughputEstimator } from './transfer/progress';
import type { Scheduler } from './transfer/scheduler';
import { signedRequestProblem } from './transfer/signed-request-check';

export interface EngineContext {
  readonly options: ResolvedOptions;
  readonly env: ResolvedEnv;
  readonly signer: SignerApi;
  readonly transport: Transport;
  readonly scheduler: Scheduler;
  readonly throughput: ThroughputEstimator;
  isOnline(): boolean;
  /** Resolves once online (at once if online now); rejects if the signal aborts. */
  waitOnline(signal: AbortSignal): Promise<void>;
  /** Aborted with EngineAbort('offline') when the connection drops; renewed when it returns. */
  connectivitySignal(): AbortSignal;
  /** The file's CRC64; waits for the hasher (and moves the file to the front of its queue). */
  hashOf(job: Job, signal: AbortSignal): Promise<string>;
  /** Forget the CRC64 and compute it again (the file may have changed). */
  rehash(job: Job): void;
  /** Plan this one file now (after a mismatch or a vanished multipart upload). */
  planOne(job: Job, scope: RunScope): Promise<void>;
  /** Give up a multipart upload on the server, best effort (it stops occupying storage). */
  abortOnServer(ticket: string): void;
  /** COS acknowledged another part of the job's multipart upload (resume bookkeeping). */
  partAcked(job: Job): void;
  /** Verify a single PUT with the others of this tick (complete-batcher.ts). */
  completeSingle(
    item: CompleteItem,
    signal: AbortSignal,
    onRetry?: (info: SignerRetryInfo) => void,
  ): Promise<CompleteResponse>;
  /** Throws `url-rejected` when a signed request must not be sent (signed-request-check.ts). */
  checkSigned(request: SignedRequest, key: string): void;
}

/** One run of one file: everything it reports is dropped once its signal aborted. */
export interface RunScope {
  readonly job: Job;
  readonly signal: AbortSignal;
  /** Request key (0 for a single PUT, the part number otherwise) → bytes sent so far. */
  readonly inflight: Map<number, number>;
  /** Data for the file's entry (progress, URL expiry…). */
  dispatch(action: EngineAction): void;
  /** Where the run is now, for the file's state machine (state/file-machine.ts). */
  send(event: FileEvent): void;
}

/** Push the file's progress (acknowledged + in flight) to the store, throttled per file. */
export function reportProgress(ctx: EngineContext, scope: RunScope, force = false): void {
  const { job } = scope;
  const now = ctx.env.now();
  if (!force && now - job.lastProgressAt < ctx.options.progressIntervalMs) return;
  job.lastProgressAt = now;
  let bytes = job.ackedBytes;
  for (const loaded of scope.inflight.values()) bytes += loaded;
  bytes = Math.min(bytes, job.file.size);
  const speed = job.speed.sample(bytes, now);
  scope.dispatch({
    type: 'progress',
    id: job.id,
    bytesSent: bytes,
    speed,
    partsDone: job.multipart ? job.multipart.etags.size : undefined,
  });
}

/** Parts of the engine made after the context, which it reaches once they exist. */
export interface LateParts {
  hashes: HashQueue;
  planner: Planner;
  completions: CompleteBatcher;
}

export function createEngineContext(deps: {
  options: ResolvedOptions;
  env: ResolvedEnv;
  signer: SignerApi;
  transport: Transport;
  scheduler: Scheduler;
  connectivity: Connectivity;
  store: Store;
  resume: ResumeTracker;
  storageOrigin: string | null;
  /** The engine's life: aborted when it is destroyed. */
  life: AbortSignal;
  late: LateParts;
}): EngineContext {
  const { connectivity, store, late } = deps;
  const ctx: EngineContext = {
    options: deps.options,
    env: deps.env,
    signer: deps.signer,
    transport: deps.transport,
    scheduler: deps.scheduler,
    throughput: createThroughputEstimator(),
    isOnline: () => connectivity.online,
    waitOnline: (signal) => connectivity.wait(signal),
    connectivitySignal: () => connectivity.signal(),
    hashOf: (job, signal) => late.hashes.result(job, signal),
    rehash(job) {
      late.hashes.reset(job);
      store.dispatch({ type: 'hashed', id: job.id, crc64: null });
    },
    planOne: (job, scope) => late.planner.planOne(job, scope),
    abortOnServer(ticket) {
      const abort = (signal: AbortSignal) => deps.signer.abort({ ticket }, { signal });
      void callSigner(ctx, deps.life, abort).catch(() => {
        // Not fatal for the person: the bucket's lifecycle rule removes stale uploads.
      });
    },
    partAcked: (job) => deps.resume.progress(job),
    completeSingle: (item, signal, onRetry) => late.completions.complete(item, signal, onRetry),
    checkSigned(request, key) {
      const problem = signedRequestProblem(request, key, deps.storageOrigin);
      if (problem !== null) throw new UploadFailure({ code: 'url-rejected', detail: problem });
    },
  };
  return ctx;
}
