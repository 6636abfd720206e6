/**
 * The engine's commands (`UploadEngine`): adding files, and the person's pause, resume,
 * cancel and retry, one file or all. Each becomes an event for the file's state machine
 * (state/file-machine.ts), which decides whether it applies; the bulk commands are the same
 * events sent to every file.
 */
import type { LinkLimits } from '../../../../protocol/schemas';
import { REHASH_CODES } from './failures/failure-codes';
import type { FileRunner } from './file-runner';
import { checkFiles } from './file-checks';
import type { HashQueue } from './integrity/hash-queue';
import { createJob, type Job } from './job';
import type { LinkUsage } from './link-usage';
import { normalizeFolder } from './planning/file-spec';
import type { Planner } from './planning/planner';
import type { ResumeTracker } from './resume/resume-tracker';
import { newEntry } from './state/file-entry';
import type { RetryKeep } from './state/file-machine';
import type { Store } from './state/store';
import type { FileEntry, UploadEngine } from './types';

export type UploadCommands = Omit<
  UploadEngine,
  'subscribe' | 'getSnapshot' | 'subscribeEvents' | 'destroy'
>;

/** What a Retry keeps of the file's plan: a single PUT's key, or the parts COS holds. */
function keepOf(job: Job): RetryKeep {
  if (job.plan?.kind === 'single') return 'single';
  return job.multipart ? 'parts' : 'none';
}

interface CommandDeps {
  jobs: Map<string, Job>;
  runner: FileRunner;
  store: Store;
  planner: Planner;
  hashes: HashQueue;
  usage: LinkUsage;
  resume: ResumeTracker;
  limits: LinkLimits | null;
  now: () => number;
  /** Prefix of this engine's file ids (random per engine). */
  idPrefix: string;
  flags: { pausedAll: boolean; readonly destroyed: boolean };
  abortOnServer(ticket: string): void;
}

/** New files: checked against the link's limits, refused ones listed as rejected. */
function addFiles(
  deps: CommandDeps,
  nextId: () => string,
  inputs: Parameters<UploadEngine['addFiles']>[0],
) {
  const { jobs, store, planner, flags } = deps;
  if (flags.destroyed || inputs.length === 0) return;
  const candidates = inputs.map((input) => ({
    input,
    name: input.file.name,
    size: input.file.size,
    type: input.file.type,
  }));
  const at = deps.now();
  const entries: FileEntry[] = [];
  const accepted: Job[] = [];
  for (const { file: candidate, errors } of checkFiles(candidates, deps.limits, deps.usage.used)) {
    const { input } = candidate;
    const id = nextId();
    const job = createJob(id, input.file, normalizeFolder(input.relativePath), input.metadata);
    jobs.set(id, job);
    const refusal = errors[0];
    entries.push(
      newEntry({
        id,
        name: candidate.name,
        relativePath: job.relativePath,
        size: candidate.size,
        type: candidate.type,
        stage: refusal ? 'rejected' : flags.pausedAll ? 'held' : 'to-sign',
        error: refusal ? { code: refusal.code, params: refusal.params } : null,
        at,
      }),
    );
    if (refusal) continue;
    deps.usage.count(job);
    accepted.push(job);
  }
  store.dispatch({ type: 'files-added', entries });
  if (!flags.pausedAll) for (const job of accepted) planner.admit(job, false);
  for (const job of accepted) deps.hashes.start(job);
  planner.schedule();
}

export function createEngineCommands(deps: CommandDeps): UploadCommands {
  const { jobs, runner, store, planner, flags } = deps;
  let count = 0;
  const nextId = () => `${deps.idPrefix}-${(count++).toString(36)}`;

  const each = (act: (job: Job) => void) => {
    for (const job of jobs.values()) act(job);
  };
  const withJob = (id: string, act: (job: Job) => void) => {
    const job = jobs.get(id);
    if (job) act(job);
  };

  const pause = (job: Job) => runner.send(job, { type: 'pause' });
  const resume = (job: Job) => runner.send(job, { type: 'resume', planned: job.plan !== null });
  const cancel = (job: Job) => runner.send(job, { type: 'cancel' });
  const retry = (job: Job) => {
    const error = store.get(job.id)?.error;
    const rehash = !job.hash || (error != null && REHASH_CODES.has(error.code));
    runner.send(job, { type: 'retry', keep: keepOf(job), rehash });
  };

  return {
    addFiles: (inputs) => addFiles(deps, nextId, inputs),
    pause: (id) => withJob(id, pause),
    resume: (id) => withJob(id, resume),
    cancel: (id) => withJob(id, cancel),
    retry: (id) => {
      if (!flags.destroyed) withJob(id, retry);
    },
    pauseAll() {
      if (flags.destroyed) return;
      flags.pausedAll = true;
      store.dispatch({ type: 'paused-all-changed', pausedAll: true });
      each(pause);
    },
    resumeAll() {
      if (flags.destroyed) return;
      flags.pausedAll = false;
      store.dispatch({ type: 'paused-all-changed', pausedAll: false });
      each(resume);
      planner.schedule();
    },
    retryAllFailed() {
      if (flags.destroyed) return;
      each((job) => {
        if (runner.stageOf(job) === 'failed') retry(job);
      });
    },
    /** Everything unfinished; failed files stay (they are finished until retried). */
    cancelAll() {
      each((job) => {
        if (runner.stageOf(job) !== 'failed') cancel(job);
      });
    },
    forgetUnfinished() {
      if (flags.destroyed) return;
      for (const record of deps.resume.pending()) {
        deps.abortOnServer(record.ticket);
        deps.resume.forget(record.uploadId);
      }
    },
    clearFinished() {
      const ids = new Set<string>();
      each((job) => {
        const status = store.get(job.id)?.status;
        if (status === 'done' || status === 'rejected' || status === 'cancelled') ids.add(job.id);
      });
      if (ids.size === 0) return;
      for (const id of ids) jobs.delete(id);
      store.dispatch({ type: 'files-removed', ids });
    },
  };
}
