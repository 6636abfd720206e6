/**
 * One run of one file, from a plan to `done` (or a thrown failure). Pausing, cancelling and
 * going away abort the run's signal; the file's state machine then decides, so this code only
 * reports through `scope.send` and `scope.dispatch`, which ignore a run that was aborted.
 *
 * What a verification that failed leads to is decided here: a vanished multipart upload is
 * started afresh once, a file COS holds wrong bytes of is sent again (../integrity/verify-upload.ts
 * counts how often).
 */
import type { EngineContext, RunScope } from '../engine-context';
import { dropPlan } from '../job';
import { uploadMultipart } from './multipart-upload';
import { uploadSingle } from './single-upload';
import { UploadFailure } from '../failures/upload-failure';
import { putAnswerOf, verifyUpload } from '../integrity/verify-upload';

/** How many times a vanished multipart upload is started again before giving up. */
const MAX_RESTARTS = 1;

export async function runFile(ctx: EngineContext, scope: RunScope): Promise<void> {
  const { job } = scope;
  for (;;) {
    if (!job.plan) {
      scope.send({ type: 'run-signing' });
      await ctx.planOne(job, scope);
    }
    const plan = job.plan!;
    let outcome;
    if (plan.kind === 'single') {
      const transfer = await uploadSingle(ctx, scope);
      // After a lost answer (409 on a repeat) COS said nothing about the stored object.
      outcome = await verifyUpload(ctx, scope, {
        put: transfer.lostAck ? null : putAnswerOf(transfer.response.headers),
      });
    } else {
      const transfer = await uploadMultipart(ctx, scope);
      outcome =
        transfer.kind === 'gone'
          ? ({ kind: 'restart' } as const)
          : await verifyUpload(ctx, scope, { parts: transfer.parts });
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
    scope.send({ type: 'run-waiting' });
    scope.dispatch({ type: 'progress', id: job.id, bytesSent: job.ackedBytes, speed: 0 });
  }
}
