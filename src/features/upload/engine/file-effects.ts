/**
 * The effects the state machine asks for (state/file-machine.ts `Effect`), carried out on the
 * parts of the engine that do the work: runs, planning, hashing, resume records and the link's
 * usage. Each effect is a line or two; the decisions were made by `transition`.
 */
import { UPLOAD_GONE_CODES } from './failures/failure-codes';
import type { HashQueue } from './integrity/hash-queue';
import { dropPlan, type Job } from './job';
import type { LinkUsage } from './link-usage';
import type { Planner } from './planning/planner';
import type { ResumeTracker } from './resume/resume-tracker';
import type { Effect } from './state/file-machine';
import type { Store } from './state/store';
import type { FileRuns } from './transfer/file-runs';

export function createFileEffects(deps: {
  store: Store;
  runs: FileRuns;
  planner: Planner;
  hashes: HashQueue;
  resume: ResumeTracker;
  usage: LinkUsage;
  abortOnServer(ticket: string): void;
}): (job: Job, effect: Effect) => void {
  const { store, runs, planner, hashes, resume, usage } = deps;

  /** A Retry: counted again, counters reset, a fresh signature for whatever plan it keeps. */
  function prepareRetry(job: Job, keep: 'none' | 'single' | 'parts', rehash: boolean) {
    if (rehash) {
      hashes.reset(job);
      store.dispatch({ type: 'hashed', id: job.id, crc64: null });
    }
    job.mismatchReuploads = 0;
    job.restarts = 0;
    job.retries = 0;
    usage.count(job);
    if (keep === 'single') {
      job.single = null;
      job.ackedBytes = 0;
    } else if (keep === 'parts') {
      job.multipart?.urls.clear();
    } else {
      dropPlan(job);
      job.resumeChecked = false;
    }
  }

  return (job, effect) => {
    switch (effect.type) {
      case 'start-run':
        runs.start(job);
        return;
      case 'stop-run':
        runs.stop(job, effect.reason);
        return;
      case 'sign':
        planner.admit(job, effect.urgent);
        planner.schedule();
        return;
      case 'abort-upload':
        // Best effort: an aborted multipart upload stops occupying (and billing) storage.
        if (job.multipart) {
          deps.abortOnServer(job.multipart.ticket);
          dropPlan(job);
        }
        return;
      case 'forget-resume':
        resume.forgetFile(job);
        return;
      case 'forget-resume-if-gone':
        // Other failures keep the record: Retry (or a reload) continues the same upload.
        if (UPLOAD_GONE_CODES.has(effect.error.code)) resume.forgetFile(job);
        return;
      case 'stop-hash':
        hashes.cancel(job);
        return;
      case 'uncount':
        usage.uncount(job);
        return;
      case 'rollback-progress':
        if (!job.multipart) job.ackedBytes = 0;
        store.dispatch({ type: 'progress', id: job.id, bytesSent: job.ackedBytes, speed: 0 });
        return;
      case 'prepare-retry':
        prepareRetry(job, effect.keep, effect.rehash);
        return;
    }
  };
}
