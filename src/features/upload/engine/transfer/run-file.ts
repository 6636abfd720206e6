/**
 * One run of one file, from a plan to `done` (or a thrown failure). Pausing, cancelling and
 * going away abort the run's signal; the engine then owns the file's state, so this code only
 * reports through `scope.dispatch`, which ignores a run that was aborted.
 */
import type { EngineContext, RunScope } from '../engine-context';
import { dropPlan } from '../job';
import { uploadMultipart } from './multipart-upload';
import { uploadSingle } from './single-upload';
import { UploadFailure } from '../failures/upload-failure';
import { verifyUpload } from '../integrity/verify-upload';

/** How many times a vanished multipart upload is started again before giving up. */
const MAX_RESTARTS = 1;

export async function runFile(ctx: EngineContext, scope: RunScope): Promise<void> {
  const { job } = scope;
  for (;;) {
    if (!job.plan) {
      scope.dispatch({ type: 'status', id: job.id, status: 'signing' });
      await ctx.planOne(job, scope);
    }
    const plan = job.plan!;
    let outcome;
    if (plan.kind === 'single') {
      const transfer = await uploadSingle(ctx, scope);
      outcome = await verifyUpload(ctx, scope, {
        cosCrc64: transfer.lostAck
          ? null
          : (transfer.response.headers['x-cos-hash-crc64ecma'] ?? null),
      });
    } else {
      const transfer = await uploadMultipart(ctx, scope);
      outcome =
        transfer.kind === 'gone'
          ? ({ kind: 'restart' } as const)
          : await verifyUpload(ctx, scope, { parts: transfer.parts, cosCrc64: null });
    }

    if (outcome.kind === 'done') return;
    if (outcome.kind === 'restart') {
      if (job.restarts >= MAX_RESTARTS) {
        throw new UploadFailure({
          code: 'upload-not-found',
          detail: 'the multipart upload disappeared from COS twice',
        });
      }
      job.restarts += 1;
      dropPlan(job);
    } else {
      // The signer deleted the bad object. A single PUT goes to the same key with a fresh URL;
      // a multipart upload is finished, so it needs a new one.
      ctx.rehash(job);
      if (plan.kind === 'single') {
        job.single = null;
        job.ackedBytes = 0;
      } else {
        dropPlan(job);
      }
    }
    ctx.setPhase(job, 'transfer');
    scope.dispatch({ type: 'progress', id: job.id, bytesSent: job.ackedBytes, speed: 0 });
    scope.dispatch({ type: 'status', id: job.id, status: 'queued' });
  }
}
