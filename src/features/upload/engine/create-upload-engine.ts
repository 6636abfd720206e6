/**
 * The upload engine: plain TypeScript, no React. The UI reads it through `subscribe` /
 * `getSnapshot` (useSyncExternalStore) and drives it with the commands of `UploadEngine`.
 *
 * Life of a file: addFiles (checked against the link's limits) → queued → signed in a batch
 * with other files, just in time → its run sends the bytes (one PUT or parallel parts), under
 * one global cap on requests in flight → verifying (the signer checks size and CRC64, which a
 * worker computed meanwhile) → done. Every rule about failures lives in retry-policy.ts.
 */
import type { SignerApi } from '../api/signer-api';
import { isSignerError } from '../../../lib/api-client';
import {
  MAX_FILES_PER_BATCH,
  type FileSpec,
  type LinkLimits,
  type ListPartsResponse,
  type UploadPlan,
} from '../../../../protocol/schemas';
import type { ErrorCode } from '../../../../protocol/error-codes';
import { EngineAbort, type EngineAbortKind, throwIfAborted } from './abort';
import { createAxiosTransport } from './axios-transport';
import { createCompleteBatcher } from './complete-batcher';
import { createDefaultHasher } from './crc64-hasher';
import type { EngineContext, RunScope } from './engine-context';
import { createConnectivity } from './connectivity';
import { resolveEnv, type EngineEnv, type TimerHandle } from './env';
import { sampleHash } from './file-fingerprint';
import { createPlanQueue } from './plan-queue';
import { checkFiles } from './file-checks';
import { createHashQueue } from './hash-queue';
import type { Hasher } from './hasher';
import { hasActiveUploads } from './has-active-uploads';
import { createJob, dropPlan, toSignedUrl, type Job, type JobPhase } from './job';
import { resolveOptions, type EngineOptions } from './options';
import { createThroughputEstimator } from './progress';
import { acknowledgedParts, fitsFile, planOf } from './resume-plan';
import { createResumeTracker, toUnfinished } from './resume-tracker';
import { runFile } from './run-file';
import { createScheduler, type Scheduler } from './scheduler';
import { signedRequestProblem } from './signed-request-check';
import { callSigner } from './signer-call';
import { createStore } from './store';
import type { Transport } from './transport';
import type {
  FileEntry,
  FileInput,
  FileStatus,
  ResumeRecord,
  ResumeStore,
  UploadEngine,
  UploadError,
} from './types';
import { errorParams, isUploadFailure, UploadFailure } from './upload-failure';

export interface CreateUploadEngineInput {
  signer: SignerApi;
  /** Default: axios over XHR. */
  transport?: Transport;
  /** Default: CRC64 in a Web Worker (in-process where workers are unavailable). */
  hasher?: Hasher;
  /** The link's limits, checked before anything is sent (the signer checks them again). */
  limits?: LinkLimits | null;
  /** What the link has used already (files/bytes), from the link info. */
  usage?: { files: number; bytes: number } | null;
  options?: EngineOptions;
  env?: Partial<EngineEnv>;
  /**
   * Origin of the bucket endpoint (PortalConfig.storageOrigin): signed URLs pointing anywhere
   * else are refused before any byte is sent. Without it only the other checks apply.
   */
  storageOrigin?: string | null;
  /**
   * Where unfinished multipart uploads are remembered for resume after a reload (one store per
   * link; ../resume has the IndexedDB one). Without it nothing is remembered.
   */
  resume?: ResumeStore | null;
}

export interface UploadEngineExtras {
  /** True while closing the page would lose work (for a `beforeunload` warning). */
  hasActiveUploads(): boolean;
  /** Diagnostics: requests to COS in flight now and at most so far. */
  readonly requestsInFlight: { now: number; max: number };
}

/** Signer codes that mean "this file may not be sent" rather than "sending it failed". */
const REJECT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'file-too-large',
  'file-type-not-allowed',
  'too-many-files',
  'quota-exceeded',
]);

/** Failures after which a retry must hash the file again: its bytes may have changed. */
const REHASH_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'file-changed',
  'checksum-mismatch',
  'size-mismatch',
  'file-unreadable',
  'bad-digest',
]);

/** Failures after which a remembered multipart upload cannot be continued. */
const UPLOAD_GONE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'upload-not-found',
  'ticket-invalid',
  'link-expired',
  'link-revoked',
  'file-changed',
  'object-missing',
]);

/**
 * Stands in for the part list when asking the signer to verify an upload that ListParts no
 * longer knows: the signer reads parts only while the upload exists, and otherwise HEADs the
 * object under the ticket's key and compares size and CRC-64 (server/uploads/upload-ops.ts).
 */
const VANISHED_UPLOAD_PARTS = [{ partNumber: 1, etag: '"vanished"' }];

const PAUSABLE: ReadonlySet<FileStatus> = new Set<FileStatus>([
  'queued',
  'signing',
  'uploading',
  'paused',
]);

function toUploadError(error: unknown): UploadError {
  if (isUploadFailure(error)) return error.error;
  if (isSignerError(error)) {
    return { code: error.code, status: error.status || undefined, detail: error.message };
  }
  return {
    code: 'internal-error',
    detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  };
}

/** Folder path as the protocol wants it: no leading `./` or `/`. */
function normalizeFolder(path: string | undefined): string {
  return (path ?? '').replace(/^(\.\/|\/)+/, '');
}

function specOf(job: Job): FileSpec {
  const spec: FileSpec = {
    clientId: job.id,
    name: (job.file.name || 'unnamed').slice(0, 4096),
    size: job.file.size,
    // A browser never reports more, but one absurd value must not sink a batch of 100.
    type: job.file.type.length <= 255 ? job.file.type : '',
  };
  if (job.relativePath) spec.relativePath = job.relativePath.slice(0, 4096);
  if (job.metadata) spec.metadata = { ...job.metadata };
  return spec;
}

const inPipeline = (phase: JobPhase) => phase === 'planning' || phase === 'transfer';

export function createUploadEngine(
  input: CreateUploadEngineInput,
): UploadEngine & UploadEngineExtras {
  const options = resolveOptions(input.options);
  const env = resolveEnv(input.env);
  const { signer } = input;
  const transport = input.transport ?? createAxiosTransport();
  const limits = input.limits ?? null;
  const scheduler: Scheduler = createScheduler(options.concurrency);
  const throughput = createThroughputEstimator();

  const connectivity = createConnectivity(env.online$.isOnline());
  let pausedAll = false;
  let destroyed = false;
  const store = createStore({ scheduleFlush: env.scheduleFlush, online: connectivity.online });
  const jobs = new Map<string, Job>();
  const life = new AbortController();
  const resume = createResumeTracker({
    store: input.resume ?? null,
    now: () => env.now(),
    onPendingChanged: (pending) => {
      if (!destroyed) {
        store.dispatch({ type: 'unfinished-changed', unfinished: pending.map(toUnfinished) });
      }
    },
  });

  /** Files/bytes counted against the link's limits: its usage plus what we accepted. */
  const used = { files: input.usage?.files ?? 0, bytes: input.usage?.bytes ?? 0 };
  const idPrefix = Math.floor(env.random() * 36 ** 4).toString(36);
  let nextId = 0;

  /** Files being signed or sending bytes: what "signing just in time" is measured against. */
  let pipeline = 0;
  let planTimer: TimerHandle | null = null;
  const planQueue = createPlanQueue();

  const hashes = createHashQueue({
    hasher: input.hasher ?? createDefaultHasher(),
    concurrency: options.hashConcurrency,
    onHashed: (job, crc64) => store.dispatch({ type: 'hashed', id: job.id, crc64 }),
    onFailed: (job, failure) => {
      // A run that waits in verification gets the failure itself; others stop now, since a
      // file we cannot read can neither be sent nor verified.
      if (job.phase !== 'finished' && job.phase !== 'verifying') {
        finishFailed(job, failure.error);
      }
    },
  });

  // ---- bookkeeping -------------------------------------------------------------------------

  function setPhase(job: Job, phase: JobPhase) {
    const before = inPipeline(job.phase);
    job.phase = phase;
    const after = inPipeline(phase);
    if (before && !after) {
      pipeline--;
      schedulePlanning();
    } else if (!before && after) {
      pipeline++;
    }
  }

  function count(job: Job) {
    if (job.counted) return;
    job.counted = true;
    used.files += 1;
    used.bytes += job.file.size;
  }

  function uncount(job: Job) {
    if (!job.counted) return;
    job.counted = false;
    used.files -= 1;
    used.bytes -= job.file.size;
  }

  function stopRun(job: Job, kind: EngineAbortKind) {
    if (!job.run) return;
    const { controller } = job.run;
    job.run = null;
    controller.abort(new EngineAbort(kind));
  }

  /** Why the signer's plan must not be used, as the file's error; null when it may. */
  function planProblem(plan: UploadPlan): UploadError | null {
    if (plan.kind !== 'single') return null;
    const problem = signedRequestProblem(plan.request, plan.key, input.storageOrigin ?? null);
    return problem === null ? null : { code: 'url-rejected', detail: problem };
  }

  /** The job's remembered upload is done with: drop its resume record. */
  function forgetResume(job: Job) {
    if (job.resumeId === null) return;
    resume.forget(job.resumeId);
    job.resumeId = null;
  }

  function finishFailed(job: Job, error: UploadError) {
    stopRun(job, 'cancel');
    setPhase(job, 'finished');
    // Other failures keep the record: Retry (or a reload) continues the same upload.
    if (UPLOAD_GONE_CODES.has(error.code)) forgetResume(job);
    store.dispatch({
      type: 'failed',
      id: job.id,
      error,
      at: env.now(),
      bytesSent: job.multipart ? job.ackedBytes : 0,
    });
  }

  function finishRejected(job: Job, error: UploadError) {
    stopRun(job, 'cancel');
    setPhase(job, 'finished');
    hashes.cancel(job);
    uncount(job);
    store.dispatch({ type: 'rejected', id: job.id, error, at: env.now() });
  }

  /**
   * Best effort: an aborted multipart upload stops occupying (and billing) storage, and a
   * submission leaves a cancelled file out of its receipt instead of listing it as failed.
   */
  function abortOnServer(ticket: string) {
    void callSigner(ctx, life.signal, (signal) => signer.abort({ ticket }, { signal })).catch(
      () => {
        // Not fatal for the person: the bucket's lifecycle rule removes stale uploads.
      },
    );
  }

  function applyPlan(job: Job, plan: UploadPlan, serverTime: number) {
    if (job.resumeId !== null && (plan.kind === 'single' || plan.uploadId !== job.resumeId)) {
      forgetResume(job);
    }
    job.plan = plan;
    job.planAborted = false;
    if (plan.kind === 'single') {
      job.single = toSignedUrl(plan.request, serverTime, env.now());
      job.multipart = null;
    } else {
      job.single = null;
      job.multipart = {
        ticket: plan.ticket,
        key: plan.key,
        uploadId: plan.uploadId,
        partSize: plan.partSize,
        partCount: plan.partCount,
        etags: new Map(),
        urls: new Map(),
      };
    }
    job.ackedBytes = 0;
    store.dispatch({
      type: 'planned',
      id: job.id,
      key: plan.key,
      mode: plan.kind,
      urlExpiresAt: job.single ? job.single.expiresAtLocal : null,
      parts: plan.kind === 'multipart' ? { done: 0, total: plan.partCount } : null,
    });
    if (job.multipart) {
      resume.remember(job);
      job.resumeId = job.multipart.uploadId;
    }
  }

  /** Continue an earlier page's upload: the plan it remembered, the parts COS holds. */
  function applyResumed(job: Job, record: ResumeRecord, listed: ListPartsResponse['parts']) {
    const plan = planOf(record);
    const { etags, bytes } = acknowledgedParts(record, job.file.size, listed);
    job.plan = plan;
    job.planAborted = false;
    job.single = null;
    job.multipart = {
      ticket: plan.ticket,
      key: plan.key,
      uploadId: plan.uploadId,
      partSize: plan.partSize,
      partCount: plan.partCount,
      etags,
      urls: new Map(),
    };
    job.ackedBytes = bytes;
    job.resumeId = plan.uploadId;
    store.dispatch({
      type: 'planned',
      id: job.id,
      key: plan.key,
      mode: 'multipart',
      urlExpiresAt: null,
      parts: { done: etags.size, total: plan.partCount },
    });
    store.dispatch({
      type: 'progress',
      id: job.id,
      bytesSent: bytes,
      speed: 0,
      partsDone: etags.size,
    });
    resume.progress(job);
  }

  // ---- connectivity ------------------------------------------------------------------------

  function setOnline(next: boolean) {
    if (destroyed || !connectivity.set(next)) return;
    store.dispatch({ type: 'online-changed', online: next });
    if (next) schedulePlanning();
  }

  const unsubscribeOnline = env.online$.subscribe(setOnline);

  // ---- context for the upload routines -----------------------------------------------------

  const ctx: EngineContext = {
    options,
    env,
    signer,
    transport,
    scheduler,
    throughput,
    getEntry: (id) => store.get(id),
    isOnline: () => connectivity.online,
    waitOnline: (signal) => connectivity.wait(signal),
    connectivitySignal: () => connectivity.signal(),
    hashOf: (job, signal) => hashes.result(job, signal),
    rehash(job) {
      hashes.reset(job);
      store.dispatch({ type: 'hashed', id: job.id, crc64: null });
    },
    async planOne(job: Job, scope: RunScope) {
      const res = await callSigner(ctx, scope.signal, (signal) =>
        signer.createUploads({ files: [specOf(job)] }, { signal }),
      );
      const result = res.results.find((r) => r.clientId === job.id);
      if (scope.signal.aborted) {
        if (result?.ok && result.upload.kind === 'multipart') abortOnServer(result.upload.ticket);
        throwIfAborted(scope.signal);
      }
      if (!result) {
        throw new UploadFailure({ code: 'signer-unavailable', detail: 'no plan for this file' });
      }
      if (!result.ok) {
        throw new UploadFailure({
          code: result.error.code,
          detail: result.error.message,
          params: errorParams(result.error.details),
        });
      }
      const problem = planProblem(result.upload);
      if (problem) throw new UploadFailure(problem);
      applyPlan(job, result.upload, res.serverTime);
    },
    setPhase: (job, phase) => setPhase(job, phase),
    partAcked: (job) => resume.progress(job),
    completeSingle: (item, signal, onRetry) => completions.complete(item, signal, onRetry),
    checkSigned(request, key) {
      const problem = signedRequestProblem(request, key, input.storageOrigin ?? null);
      if (problem !== null) throw new UploadFailure({ code: 'url-rejected', detail: problem });
    },
  };

  const completions = createCompleteBatcher(ctx, life.signal);

  // ---- runs --------------------------------------------------------------------------------

  function startRun(job: Job) {
    const controller = new AbortController();
    const runId = ++job.runSeq;
    const scope: RunScope = {
      job,
      signal: controller.signal,
      inflight: new Map(),
      dispatch: (action) => {
        if (!controller.signal.aborted) store.dispatch(action);
      },
    };
    job.run = { id: runId, controller, scope };
    setPhase(job, 'transfer');
    runFile(ctx, scope).then(
      () => {
        if (job.run?.id !== runId) return;
        job.run = null;
        setPhase(job, 'finished');
        forgetResume(job);
      },
      (error: unknown) => {
        if (job.run?.id !== runId) return;
        job.run = null;
        if (controller.signal.aborted) return;
        finishFailed(job, toUploadError(error));
      },
    );
  }

  // ---- planning (signing in batches, just in time) -----------------------------------------

  function enqueue(job: Job, urgent: boolean) {
    planQueue.push(job, urgent);
  }

  /**
   * A file without a plan goes to signing, unless an earlier page may have left an unfinished
   * upload of it: then it is checked first (asynchronously; without candidates at once).
   */
  function admit(job: Job, urgent: boolean) {
    if (resume.enabled && !job.resumeChecked) {
      if (!resume.loaded || resume.candidates(job.file).length > 0) {
        void checkResume(job, urgent);
        return;
      }
      job.resumeChecked = true;
    }
    enqueue(job, urgent);
  }

  /** The unfinished upload of an earlier page this file continues, if any (claimed). */
  async function findResumable(job: Job): Promise<ResumeRecord | null> {
    await resume.ready;
    const candidates = resume.candidates(job.file);
    if (candidates.length === 0) return null;
    let sample: string;
    try {
      sample = await sampleHash(job.file);
    } catch {
      return null; // unreadable: the normal path reports it
    }
    for (const record of resume.candidates(job.file)) {
      if (record.fingerprint.sample !== sample) continue;
      if (!fitsFile(record, job.file)) {
        resume.forget(record.uploadId);
        continue;
      }
      resume.claim(record);
      return record;
    }
    return null;
  }

  /**
   * The earlier upload is gone from COS: completed (the page went away while the signer was
   * verifying) or aborted. The signer decides from the object under the ticket's key, so a
   * file that already landed is not sent a second time.
   */
  async function settleVanished(job: Job, record: ResumeRecord): Promise<boolean> {
    try {
      const crc64 = await hashes.result(job, life.signal);
      const res = await callSigner(ctx, life.signal, (signal) =>
        signer.complete({ ticket: record.ticket, crc64, parts: VANISHED_UPLOAD_PARTS }, { signal }),
      );
      if (!res.verified || job.phase !== 'planning') return false;
      job.plan = planOf(record);
      setPhase(job, 'finished');
      store.dispatch({
        type: 'planned',
        id: job.id,
        key: res.key,
        mode: 'multipart',
        urlExpiresAt: null,
        parts: { done: record.partCount, total: record.partCount },
      });
      store.dispatch({
        type: 'done',
        id: job.id,
        key: res.key,
        etag: res.etag,
        crc64: res.crc64 ?? crc64,
        at: env.now(),
      });
      return true;
    } catch {
      // Not there (or not ours to verify now): a new upload it is.
      return false;
    }
  }

  async function checkResume(job: Job, urgent: boolean) {
    job.resumeChecked = true;
    setPhase(job, 'planning');
    store.dispatch({ type: 'status', id: job.id, status: 'signing' });
    const record = await findResumable(job);
    let listed: ListPartsResponse | null = null;
    if (record && !destroyed) {
      try {
        listed = await callSigner(
          ctx,
          life.signal,
          (signal) => signer.listParts({ ticket: record.ticket }, { signal }),
          (retry) =>
            store.dispatch({
              type: 'retrying',
              id: job.id,
              attempts: job.retries,
              retrying: { code: retry.code, at: env.now() + retry.delayMs },
            }),
        );
      } catch (error) {
        if (destroyed) return;
        const code = toUploadError(error).code;
        if (code === 'upload-not-found') {
          const settled = job.phase === 'planning' && (await settleVanished(job, record));
          resume.forget(record.uploadId);
          if (settled || destroyed) return;
        } else if (code === 'ticket-invalid' || code === 'invalid-request') {
          resume.forget(record.uploadId);
        } else {
          // Possibly passing (signer away, link closed): keep it for later and let the normal
          // path meet the same trouble and report it.
          resume.release(record);
        }
      }
    }
    if (destroyed) return;
    store.dispatch({ type: 'retry-cleared', id: job.id });
    if (job.phase !== 'planning') {
      // Cancelled meanwhile: the person does not want this file, nor its old upload.
      if (record && listed) {
        abortOnServer(record.ticket);
        resume.forget(record.uploadId);
      }
      return;
    }
    const paused = store.get(job.id)?.status === 'paused';
    if (record && listed) {
      applyResumed(job, record, listed.parts);
      if (paused) {
        setPhase(job, 'planned');
        return;
      }
      store.dispatch({ type: 'status', id: job.id, status: 'queued' });
      startRun(job);
      return;
    }
    setPhase(job, 'waiting');
    if (paused) return; // resuming it enqueues it
    store.dispatch({ type: 'status', id: job.id, status: 'queued' });
    enqueue(job, urgent);
    schedulePlanning();
  }

  const readyToPlan = (job: Job) =>
    job.phase === 'waiting' && store.get(job.id)?.status === 'queued';

  function schedulePlanning() {
    if (planTimer !== null || destroyed) return;
    planTimer = env.setTimeout(runPlanning, options.signBatchDelayMs);
  }

  function runPlanning() {
    planTimer = null;
    if (destroyed || !connectivity.online || pausedAll) return;
    // Low-water mark: top up when half the files signed ahead are used, so each signing call
    // carries a useful batch, no URL waits long enough to expire, and the next batch is back
    // before the signed files run out. (Topping up only once every slot's file was sending
    // left slots idle for a signing round trip each time: measured with 1,000 small files,
    // about five requests in flight on average instead of six.)
    if (pipeline > options.concurrency + Math.ceil(options.signAhead / 2)) return;
    let room = options.concurrency + options.signAhead - pipeline;
    const batch: Job[] = [];
    while (room > 0) {
      const job = planQueue.pop(readyToPlan);
      if (!job) break;
      batch.push(job);
      room--;
    }
    for (let i = 0; i < batch.length; i += MAX_FILES_PER_BATCH) {
      void planBatch(batch.slice(i, i + MAX_FILES_PER_BATCH));
    }
  }

  async function planBatch(batch: Job[]) {
    for (const job of batch) {
      setPhase(job, 'planning');
      store.dispatch({ type: 'status', id: job.id, status: 'signing' });
    }
    let res;
    try {
      res = await callSigner(
        ctx,
        life.signal,
        (signal) => signer.createUploads({ files: batch.map(specOf) }, { signal }),
        (retry) => {
          for (const job of batch) {
            if (job.phase !== 'planning') continue;
            store.dispatch({
              type: 'retrying',
              id: job.id,
              attempts: job.retries,
              retrying: { code: retry.code, at: env.now() + retry.delayMs },
            });
          }
        },
      );
    } catch (error) {
      if (destroyed) return;
      const failure = toUploadError(error);
      for (const job of batch) if (job.phase === 'planning') finishFailed(job, failure);
      return;
    }
    if (destroyed) return;
    const results = new Map(res.results.map((r) => [r.clientId, r]));
    for (const job of batch) {
      const result = results.get(job.id);
      if (job.phase !== 'planning') {
        // Cancelled (or failed) while its plan was being made: leave no orphan upload.
        if (result?.ok && result.upload.kind === 'multipart') abortOnServer(result.upload.ticket);
        continue;
      }
      if (!result) {
        finishFailed(job, { code: 'signer-unavailable', detail: 'no plan for this file' });
        continue;
      }
      if (!result.ok) {
        const error: UploadError = {
          code: result.error.code,
          detail: result.error.message,
          params: errorParams(result.error.details),
        };
        if (REJECT_CODES.has(result.error.code)) finishRejected(job, error);
        else finishFailed(job, error);
        continue;
      }
      const problem = planProblem(result.upload);
      if (problem) {
        finishFailed(job, problem);
        continue;
      }
      applyPlan(job, result.upload, res.serverTime);
      store.dispatch({ type: 'retry-cleared', id: job.id });
      if (store.get(job.id)?.status === 'paused') {
        setPhase(job, 'planned');
        continue;
      }
      store.dispatch({ type: 'status', id: job.id, status: 'queued' });
      startRun(job);
    }
  }

  // ---- commands ----------------------------------------------------------------------------

  function pauseJob(job: Job, by: 'user' | 'all') {
    const entry = store.get(job.id);
    if (!entry || !PAUSABLE.has(entry.status)) return;
    if (entry.status === 'paused' && !job.run && job.pausedBy) return;
    job.pausedBy = by;
    if (job.run) {
      stopRun(job, 'pause');
      setPhase(job, job.plan ? 'planned' : 'waiting');
    }
    if (!job.multipart) job.ackedBytes = 0;
    store.dispatch({ type: 'status', id: job.id, status: 'paused' });
    store.dispatch({ type: 'progress', id: job.id, bytesSent: job.ackedBytes, speed: 0 });
  }

  function resumeJob(job: Job) {
    const entry = store.get(job.id);
    // No run while paused means the person paused it; a paused file with a live run is only
    // waiting for the network and resumes by itself.
    if (!entry || entry.status !== 'paused' || job.run) return;
    job.pausedBy = null;
    switch (job.phase) {
      case 'planned':
        store.dispatch({ type: 'status', id: job.id, status: 'queued' });
        startRun(job);
        break;
      case 'planning':
        store.dispatch({ type: 'status', id: job.id, status: 'signing' });
        break;
      default:
        setPhase(job, 'waiting');
        store.dispatch({ type: 'status', id: job.id, status: 'queued' });
        admit(job, true);
        schedulePlanning();
    }
  }

  function cancelJob(job: Job) {
    const entry = store.get(job.id);
    // `verifying` is not cancellable: the bytes are in the bucket and the signer is already
    // deciding; a cancel now would misreport what happened.
    if (!entry || !(PAUSABLE.has(entry.status) || entry.status === 'failed')) return;
    stopRun(job, 'cancel');
    setPhase(job, 'finished');
    hashes.cancel(job);
    uncount(job);
    job.pausedBy = null;
    if (job.multipart && !job.planAborted) {
      job.planAborted = true;
      abortOnServer(job.multipart.ticket);
    } else if (job.plan?.kind === 'single') {
      // Nothing to remove in COS, but a submission would otherwise list it as failed.
      abortOnServer(job.plan.ticket);
    }
    forgetResume(job);
    store.dispatch({ type: 'cancelled', id: job.id, at: env.now(), bytesSent: 0 });
  }

  function retryJob(job: Job) {
    const entry = store.get(job.id);
    if (!entry || (entry.status !== 'failed' && entry.status !== 'cancelled')) return;
    if (!job.hash || (entry.error && REHASH_CODES.has(entry.error.code))) {
      hashes.reset(job);
      store.dispatch({ type: 'hashed', id: job.id, crc64: null });
    }
    job.mismatchReuploads = 0;
    job.restarts = 0;
    job.retries = 0;
    job.pausedBy = null;
    count(job);
    // A fresh signature always; a live multipart upload keeps the parts COS already holds.
    let keepPlan = false;
    if (job.plan?.kind === 'single') {
      job.single = null;
      job.ackedBytes = 0;
      keepPlan = true;
    } else if (job.multipart && !job.planAborted) {
      job.multipart.urls.clear();
      keepPlan = true;
    } else {
      dropPlan(job);
    }
    store.dispatch({
      type: 'reset',
      id: job.id,
      status: 'queued',
      keepPlan: keepPlan && job.multipart !== null,
    });
    if (keepPlan) {
      startRun(job);
    } else {
      setPhase(job, 'waiting');
      job.resumeChecked = false;
      admit(job, true);
      schedulePlanning();
    }
  }

  return {
    subscribe: (listener) => store.subscribe(listener),
    getSnapshot: () => store.getSnapshot(),

    addFiles(inputs: readonly FileInput[]) {
      if (destroyed || inputs.length === 0) return;
      const candidates = inputs.map((fileInput) => ({
        input: fileInput,
        name: fileInput.file.name,
        size: fileInput.file.size,
        type: fileInput.file.type,
      }));
      const checks = checkFiles(candidates, limits, used);
      const now = env.now();
      const entries: FileEntry[] = [];
      const accepted: Job[] = [];
      for (const { file: candidate, errors } of checks) {
        const id = `${idPrefix}-${(nextId++).toString(36)}`;
        const job = createJob(
          id,
          candidate.input.file,
          normalizeFolder(candidate.input.relativePath),
          candidate.input.metadata,
        );
        jobs.set(id, job);
        const refusal = errors[0];
        entries.push({
          id,
          name: candidate.name,
          relativePath: job.relativePath,
          size: candidate.size,
          type: candidate.type,
          status: refusal ? 'rejected' : pausedAll ? 'paused' : 'queued',
          bytesSent: 0,
          speed: 0,
          urlExpiresAt: null,
          key: null,
          crc64: null,
          etag: null,
          error: refusal ? { code: refusal.code, params: refusal.params } : null,
          attempts: 0,
          mode: null,
          addedAt: now,
          finishedAt: refusal ? now : null,
          progress: 0,
          retrying: null,
          parts: null,
        });
        if (refusal) {
          job.phase = 'finished';
          continue;
        }
        count(job);
        if (pausedAll) job.pausedBy = 'all';
        accepted.push(job);
      }
      store.dispatch({ type: 'files-added', entries });
      if (!pausedAll) for (const job of accepted) admit(job, false);
      for (const job of accepted) hashes.start(job);
      schedulePlanning();
    },

    pause(id) {
      const job = jobs.get(id);
      if (job) pauseJob(job, 'user');
    },
    resume(id) {
      const job = jobs.get(id);
      if (job) resumeJob(job);
    },
    cancel(id) {
      const job = jobs.get(id);
      if (job) cancelJob(job);
    },
    retry(id) {
      const job = jobs.get(id);
      if (job && !destroyed) retryJob(job);
    },

    pauseAll() {
      if (destroyed) return;
      pausedAll = true;
      store.dispatch({ type: 'paused-all-changed', pausedAll: true });
      for (const job of jobs.values()) pauseJob(job, 'all');
    },
    resumeAll() {
      if (destroyed) return;
      pausedAll = false;
      store.dispatch({ type: 'paused-all-changed', pausedAll: false });
      for (const job of jobs.values()) resumeJob(job);
      schedulePlanning();
    },
    retryAllFailed() {
      if (destroyed) return;
      for (const job of jobs.values()) {
        if (store.get(job.id)?.status === 'failed') retryJob(job);
      }
    },
    cancelAll() {
      for (const job of jobs.values()) {
        const status = store.get(job.id)?.status;
        if (status && PAUSABLE.has(status)) cancelJob(job);
      }
    },
    forgetUnfinished() {
      if (destroyed) return;
      for (const record of resume.pending()) {
        abortOnServer(record.ticket);
        resume.forget(record.uploadId);
      }
    },
    clearFinished() {
      const ids = new Set<string>();
      for (const job of jobs.values()) {
        const status = store.get(job.id)?.status;
        if (status === 'done' || status === 'rejected' || status === 'cancelled') ids.add(job.id);
      }
      if (ids.size === 0) return;
      for (const id of ids) jobs.delete(id);
      store.dispatch({ type: 'files-removed', ids });
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      life.abort(new EngineAbort('destroy'));
      for (const job of jobs.values()) stopRun(job, 'destroy');
      if (planTimer !== null) env.clearTimeout(planTimer);
      planTimer = null;
      unsubscribeOnline();
      hashes.dispose();
      completions.dispose();
      resume.dispose();
      store.close();
    },

    hasActiveUploads: () => hasActiveUploads(store.getSnapshot()),
    get requestsInFlight() {
      return { now: scheduler.inFlight, max: scheduler.maxInFlight };
    },
  };
}
