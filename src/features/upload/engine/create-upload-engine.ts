/**
 * The upload engine: plain TypeScript, no React. The UI reads it through `subscribe` /
 * `getSnapshot` (useSyncExternalStore) and its typed events, and drives it with the commands
 * of `UploadEngine`. This file only wires the parts together; docs/architecture.md maps them.
 *
 * Life of a file (state/file-machine.ts): added (checked against the link's limits) → queued →
 * signed in a batch with other files, just in time (planning/) → its run sends the bytes, one
 * PUT or parallel parts, under one global cap on requests in flight (transfer/) → verifying:
 * the signer checks size and CRC64, which a worker computed meanwhile (integrity/) → done.
 * What a failed request leads to is decided by failures/retry-policy.ts.
 */
import type { LinkClosedCode } from '../../../../protocol/error-codes';
import type { LinkLimits } from '../../../../protocol/schemas';
import { EngineAbort } from './failures/abort';
import { toUploadError } from './failures/failure-codes';
import { watchLinkClosed } from './failures/watch-link-closed';
import { createEngineCommands } from './engine-commands';
import { createEngineContext, type LateParts } from './engine-context';
import { resolveEnv, type EngineEnv } from './env';
import { createFileEffects } from './file-effects';
import { createFileRunner } from './file-runner';
import { createCompleteBatcher } from './integrity/complete-batcher';
import { createDefaultHasher } from './integrity/crc64-hasher';
import { createHashQueue } from './integrity/hash-queue';
import type { Job } from './job';
import { createLinkClosing } from './link-closing';
import { createLinkUsage } from './link-usage';
import { resolveOptions, type EngineOptions } from './options';
import { createPlanAdopter } from './planning/plan-adopter';
import { createPlanner } from './planning/planner';
import { signerInSubmission } from './planning/signer-in-submission';
import type { Hasher } from './ports/hasher';
import type { ResumeStore } from './ports/resume-store';
import type { SignerApi } from './ports/signer';
import type { SubmissionPort } from './ports/submission';
import type { Transport } from './ports/transport';
import { createResumeCheck } from './resume/resume-check';
import { createResumeTracker, toUnfinished } from './resume/resume-tracker';
import { hasActiveUploads } from './state/has-active-uploads';
import { createStore } from './state/store';
import { createAxiosTransport } from './transfer/axios-transport';
import { createConnectivity } from './transfer/connectivity';
import { createFileRuns } from './transfer/file-runs';
import { createScheduler } from './transfer/scheduler';
import type { UploadEngine, UploadError } from './types';

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
  /**
   * The page's submission: every batch is signed into it (planning/signer-in-submission.ts).
   * Without it files are signed into the link's folder as they are.
   */
  submission?: SubmissionPort | null;
}

export interface UploadEngineExtras {
  /** True while closing the page would lose work (for a `beforeunload` warning). */
  hasActiveUploads(): boolean;
  /** Diagnostics: requests to COS in flight now and at most so far. */
  readonly requestsInFlight: { now: number; max: number };
}

/** The engine's state and surroundings: everything the working parts share. */
function createFoundation(input: CreateUploadEngineInput) {
  const options = resolveOptions(input.options);
  const env = resolveEnv(input.env);
  const scheduler = createScheduler(options.concurrency);
  const connectivity = createConnectivity(env.online$.isOnline());
  const store = createStore({ scheduleFlush: env.scheduleFlush, online: connectivity.online });
  const flags = { pausedAll: false, destroyed: false, linkClosed: null as UploadError | null };
  // Whichever signer call meets the link's end tells it here first (wired in createUploadEngine).
  const linkEnd = { close: (_code: LinkClosedCode, _error?: UploadError) => {} };
  const life = new AbortController();
  const resume = createResumeTracker({
    store: input.resume ?? null,
    now: () => env.now(),
    onPendingChanged: (pending) => {
      if (!flags.destroyed) {
        store.dispatch({ type: 'unfinished-changed', unfinished: pending.map(toUnfinished) });
      }
    },
  });
  const late = {} as LateParts;
  const ctx = createEngineContext({
    options,
    env,
    // Outermost: a closed link is learnt of from any call, the submission's included.
    signer: watchLinkClosed(
      input.submission ? signerInSubmission(input.signer, input.submission) : input.signer,
      (code, error) => linkEnd.close(code, toUploadError(error)),
    ),
    transport: input.transport ?? createAxiosTransport(),
    scheduler,
    connectivity,
    store,
    resume,
    storageOrigin: input.storageOrigin ?? null,
    life: life.signal,
    late,
  });
  return { options, env, scheduler, connectivity, store, flags, life, resume, late, ctx, linkEnd };
}

/** The working parts around the per-file state machine, each given what it uses. */
function createParts(input: CreateUploadEngineInput, base: ReturnType<typeof createFoundation>) {
  const { options, env, connectivity, store, flags, life, resume, ctx } = base;
  const usage = createLinkUsage(input.usage ?? null, (used) =>
    store.dispatch({ type: 'usage-changed', usage: used }),
  );
  const hashes = createHashQueue({
    hasher: input.hasher ?? createDefaultHasher(),
    concurrency: options.hashConcurrency,
    onHashed: (job, crc64) => store.dispatch({ type: 'hashed', id: job.id, crc64 }),
    // A file we cannot read can neither be sent nor verified.
    onFailed: (job, failure) =>
      runner.send(job, {
        type: 'hash-failed',
        error: failure.error,
        bytesSent: job.multipart ? job.ackedBytes : 0,
      }),
  });
  const runner = createFileRunner({
    store,
    now: () => env.now(),
    perform: (job, effect) => perform(job, effect),
    onPipelineLeft: () => planner.schedule(),
    linkClosed: () => flags.linkClosed,
  });
  const now = () => env.now();
  const adopter = createPlanAdopter({
    store,
    resume,
    now,
    storageOrigin: input.storageOrigin ?? null,
  });
  const checkResume = createResumeCheck({
    ctx,
    runner,
    store,
    resume,
    adopter,
    hashOf: ctx.hashOf,
    life: life.signal,
  });
  const planner = createPlanner({
    ctx,
    runner,
    store,
    adopter,
    resume,
    checkResume,
    halted: () =>
      flags.destroyed || flags.linkClosed !== null || !connectivity.online || flags.pausedAll,
    life: life.signal,
  });
  const runs = createFileRuns({ ctx, runner, store });
  const abortOnServer = ctx.abortOnServer;
  const perform = createFileEffects({ store, runs, planner, hashes, resume, usage, abortOnServer });
  const completions = createCompleteBatcher(ctx, life.signal, () => runner.pipeline > 0);
  Object.assign(base.late, { hashes, planner, completions });
  return { usage, hashes, runner, planner, runs, completions };
}

export function createUploadEngine(
  input: CreateUploadEngineInput,
): UploadEngine & UploadEngineExtras {
  const base = createFoundation(input);
  const { env, scheduler, connectivity, store, flags, life, resume } = base;
  const { usage, hashes, runner, planner, runs, completions } = createParts(input, base);
  const jobs = new Map<string, Job>();
  const closeLink = createLinkClosing({ jobs, runner, store, flags });
  base.linkEnd.close = closeLink;

  const unsubscribeOnline = env.online$.subscribe((online) => {
    if (flags.destroyed || !connectivity.set(online)) return;
    store.dispatch({ type: 'online-changed', online });
    if (online) planner.schedule();
  });

  return {
    subscribe: (listener) => store.subscribe(listener),
    getSnapshot: () => store.getSnapshot(),
    subscribeEvents: (listener) => store.subscribeEvents(listener),
    ...createEngineCommands({
      jobs,
      runner,
      store,
      planner,
      hashes,
      usage,
      resume,
      flags,
      limits: input.limits ?? null,
      now: () => env.now(),
      idPrefix: Math.floor(env.random() * 36 ** 4).toString(36),
      abortOnServer: base.ctx.abortOnServer,
    }),
    closeLink: (code) => closeLink(code),
    destroy() {
      if (flags.destroyed) return;
      flags.destroyed = true;
      life.abort(new EngineAbort('destroy'));
      for (const job of jobs.values()) runs.stop(job, 'destroy');
      planner.dispose();
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
