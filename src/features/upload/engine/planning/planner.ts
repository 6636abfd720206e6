/**
 * Signing in batches, just in time. Files without a plan wait in a queue (plan-queue.ts); when
 * the files being signed or sent fall to a low-water mark, the next ones are signed together
 * in `/uploads` calls of up to 100. Each answer becomes a planning event for its file
 * (../state/file-machine.ts): planned, refused (a limit: rejected), or failed. A run that
 * needs a new plan for its file alone gets one from `planOne`.
 */
import { MAX_FILES_PER_BATCH } from '../../../../../protocol/schemas';
import { throwIfAborted } from '../failures/abort';
import { REJECT_CODES, toUploadError } from '../failures/failure-codes';
import { callSigner, retryingAction } from '../failures/signer-call';
import { errorParams, UploadFailure } from '../failures/upload-failure';
import type { EngineContext, RunScope } from '../engine-context';
import type { TimerHandle } from '../env';
import type { FileRunner } from '../file-runner';
import type { Job } from '../job';
import type { ResumeTracker } from '../resume/resume-tracker';
import type { Store } from '../state/store';
import type { UploadError } from '../types';
import { specOf } from './file-spec';
import type { PlanAdopter } from './plan-adopter';
import { createPlanQueue } from './plan-queue';

export interface Planner {
  /**
   * Queue a file without a plan for signing, unless an earlier page may have left an unfinished
   * upload of it: then that is checked first (`checkResume`; at once when there is no candidate).
   */
  admit(job: Job, urgent: boolean): void;
  /** Look for files to sign soon (after `signBatchDelayMs`). */
  schedule(): void;
  /** A new plan for this one file, for its run (after a vanished upload or a mismatch). */
  planOne(job: Job, scope: RunScope): Promise<void>;
  dispose(): void;
}

interface PlannerDeps {
  ctx: EngineContext;
  runner: FileRunner;
  store: Store;
  adopter: PlanAdopter;
  resume: ResumeTracker;
  checkResume(job: Job, urgent: boolean): Promise<void>;
  /** Nothing is signed while this holds (offline, pause-all, the engine gone). */
  halted(): boolean;
  life: AbortSignal;
}

/** One `/uploads` call for a batch of files, and what each answer means for its file. */
async function planBatch(deps: PlannerDeps, batch: Job[]) {
  const { ctx, runner, store, adopter } = deps;
  for (const job of batch) runner.send(job, { type: 'plan-started' });
  let res;
  try {
    res = await callSigner(
      ctx,
      deps.life,
      (signal) => ctx.signer.createUploads({ files: batch.map(specOf) }, { signal }),
      (retry) => {
        for (const job of batch) {
          if (!runner.isPlanning(job)) continue;
          store.dispatch(retryingAction(job, retry, ctx.env.now()));
        }
      },
    );
  } catch (error) {
    if (deps.life.aborted) return;
    const failure = toUploadError(error);
    for (const job of batch) runner.send(job, { type: 'refused', error: failure, reject: false });
    return;
  }
  if (deps.life.aborted) return;
  const results = new Map(res.results.map((r) => [r.clientId, r]));
  for (const job of batch) {
    const result = results.get(job.id);
    if (!runner.isPlanning(job)) {
      // Cancelled (or failed) while its plan was being made: leave no orphan upload.
      if (result?.ok && result.upload.kind === 'multipart') {
        ctx.abortOnServer(result.upload.ticket);
      }
      continue;
    }
    let refusal: UploadError | null;
    if (!result) {
      refusal = { code: 'signer-unavailable', detail: 'no plan for this file' };
    } else if (!result.ok) {
      const { code, message, details } = result.error;
      refusal = { code, detail: message, params: errorParams(details) };
    } else {
      refusal = adopter.problemOf(result.upload);
    }
    if (refusal) {
      const reject = result?.ok === false && REJECT_CODES.has(refusal.code);
      runner.send(job, { type: 'refused', error: refusal, reject });
      continue;
    }
    adopter.adopt(job, (result as Extract<typeof result, { ok: true }>).upload, res.serverTime);
    store.dispatch({ type: 'retry-cleared', id: job.id });
    runner.send(job, { type: 'planned' });
  }
}

export function createPlanner(deps: PlannerDeps): Planner {
  const { ctx, runner, adopter, resume } = deps;
  const { options, env } = ctx;
  const queue = createPlanQueue();
  let timer: TimerHandle | null = null;
  let disposed = false;

  const readyToPlan = (job: Job) => runner.stageOf(job) === 'to-sign';

  function run() {
    timer = null;
    if (disposed || deps.halted()) return;
    // Low-water mark: top up when half the files signed ahead are used, so each signing call
    // carries a useful batch, no URL waits long enough to expire, and the next batch is back
    // before the signed files run out. (Topping up only once every slot's file was sending
    // left slots idle for a signing round trip each time: measured with 1,000 small files,
    // about five requests in flight on average instead of six.)
    const pipeline = runner.pipeline;
    if (pipeline > options.concurrency + Math.ceil(options.signAhead / 2)) return;
    let room = options.concurrency + options.signAhead - pipeline;
    // Past that count, small files keep joining the batch while its bytes fit the budget
    // (`signAheadBytes`): one call signs a whole batch of them.
    let bytes = 0;
    const batch: Job[] = [];
    for (;;) {
      const job = queue.pop(readyToPlan);
      if (!job) break;
      const small =
        batch.length < MAX_FILES_PER_BATCH && bytes + job.file.size <= options.signAheadBytes;
      if (room <= 0 && !small) {
        queue.unpop(job);
        break;
      }
      batch.push(job);
      bytes += job.file.size;
      room--;
    }
    for (let i = 0; i < batch.length; i += MAX_FILES_PER_BATCH) {
      void planBatch(deps, batch.slice(i, i + MAX_FILES_PER_BATCH));
    }
  }

  const planner: Planner = {
    admit(job, urgent) {
      if (resume.enabled && !job.resumeChecked) {
        if (!resume.loaded || resume.candidates(job.file).length > 0) {
          void deps.checkResume(job, urgent);
          return;
        }
        job.resumeChecked = true;
      }
      queue.push(job, urgent);
    },

    schedule() {
      if (timer !== null || disposed) return;
      timer = env.setTimeout(run, options.signBatchDelayMs);
    },

    async planOne(job, scope) {
      const res = await callSigner(ctx, scope.signal, (signal) =>
        ctx.signer.createUploads({ files: [specOf(job)] }, { signal }),
      );
      const result = res.results.find((r) => r.clientId === job.id);
      if (scope.signal.aborted) {
        if (result?.ok && result.upload.kind === 'multipart') {
          ctx.abortOnServer(result.upload.ticket);
        }
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
      const problem = adopter.problemOf(result.upload);
      if (problem) throw new UploadFailure(problem);
      adopter.adopt(job, result.upload, res.serverTime);
    },

    dispose() {
      disposed = true;
      if (timer !== null) env.clearTimeout(timer);
      timer = null;
    },
  };
  return planner;
}
