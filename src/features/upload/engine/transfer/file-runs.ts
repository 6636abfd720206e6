/**
 * Starting and stopping a file's run (run-file.ts). A run reports through its scope, which
 * drops everything once the run was stopped, so a stopped run can never move a file that a
 * newer run (or the person) has moved on. A run that ends in a throw fails its file.
 */
import { EngineAbort, type EngineAbortKind } from '../failures/abort';
import { toUploadError } from '../failures/failure-codes';
import type { EngineContext, RunScope } from '../engine-context';
import type { FileRunner } from '../file-runner';
import type { Job } from '../job';
import type { Store } from '../state/store';
import { runFile } from './run-file';

export interface FileRuns {
  start(job: Job): void;
  /** Abort the job's run, if any, with `kind` as the reason. */
  stop(job: Job, kind: EngineAbortKind): void;
}

export function createFileRuns(deps: {
  ctx: EngineContext;
  runner: FileRunner;
  store: Store;
}): FileRuns {
  const { ctx, runner, store } = deps;
  return {
    start(job) {
      const controller = new AbortController();
      const runId = ++job.runSeq;
      const live = () => !controller.signal.aborted;
      const scope: RunScope = {
        job,
        signal: controller.signal,
        inflight: new Map(),
        dispatch: (action) => {
          if (live()) store.dispatch(action);
        },
        send: (event) => {
          if (live()) runner.send(job, event);
        },
      };
      job.run = { id: runId, controller, scope };
      runFile(ctx, scope).then(
        () => {
          if (job.run?.id === runId) job.run = null;
        },
        (error: unknown) => {
          if (job.run?.id !== runId) return;
          job.run = null;
          if (controller.signal.aborted) return;
          const failure = toUploadError(error);
          const bytesSent = job.multipart ? job.ackedBytes : 0;
          runner.send(job, { type: 'failed', error: failure, bytesSent });
        },
      );
    },
    stop(job, kind) {
      if (!job.run) return;
      const { controller } = job.run;
      job.run = null;
      controller.abort(new EngineAbort(kind));
    },
  };
}
