/**
 * A file sent with one pre-signed PUT. The URL is signed with `x-cos-forbid-overwrite: true`,
 * so a retry whose first attempt did land answers 409 FileAlreadyExists: that is a lost
 * acknowledgement, settled by verification, not a failure.
 */
import type { SinglePlan } from '../../../../../protocol/schemas';
import type { EngineContext, RunScope } from '../engine-context';
import { toSignedUrl } from '../job';
import { putWithRetries } from './put-with-retries';
import { callSigner } from '../failures/signer-call';
import type { TransportResponse } from '../ports/transport';
import { UploadFailure } from '../failures/upload-failure';

export interface SingleTransfer {
  response: TransportResponse;
  /** COS answered 409/412: the object is probably there already. */
  lostAck: boolean;
}

/** Ask the signer for a fresh URL for the same object key. */
export async function renewSingleUrl(ctx: EngineContext, scope: RunScope, plan: SinglePlan) {
  const { job } = scope;
  const res = await callSigner(ctx, scope.signal, (signal) =>
    ctx.signer.sign({ ticket: plan.ticket }, { signal }),
  );
  if (!res.request) {
    throw new UploadFailure({ code: 'signer-unavailable', detail: 'sign answer without request' });
  }
  ctx.checkSigned(res.request, plan.key);
  job.single = toSignedUrl(res.request, res.serverTime, ctx.env.now());
  scope.dispatch({ type: 'url-signed', id: job.id, urlExpiresAt: job.single.expiresAtLocal });
}

export async function uploadSingle(ctx: EngineContext, scope: RunScope): Promise<SingleTransfer> {
  const { job } = scope;
  const plan = job.plan as SinglePlan;
  const result = await putWithRetries(ctx, scope, {
    phase: 'put',
    key: 0,
    bytes: job.file.size,
    body: () => job.file,
    current: () => job.single,
    renew: () => renewSingleUrl(ctx, scope, plan),
  });
  job.ackedBytes = job.file.size;
  scope.inflight.delete(0);
  return { response: result.response, lostAck: result.kind === 'verify' };
}
