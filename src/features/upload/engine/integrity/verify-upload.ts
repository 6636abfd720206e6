/**
 * The last step of every file: the signer completes (multipart), HEADs the object and compares
 * size and CRC64 with ours. Only its "verified" makes a file `done`. A mismatch means the
 * server has already removed the bad object, so the file is sent once more; a second mismatch
 * means the file itself is changing under us (`file-changed`).
 */
import type { CompletedPart } from '../../../../../protocol/schemas';
import { throwIfAborted } from '../failures/abort';
import type { EngineContext, RunScope } from '../engine-context';
import { callSigner, retryingAction, type SignerRetryInfo } from '../failures/signer-call';
import { isUploadFailure, UploadFailure } from '../failures/upload-failure';

export type VerifyOutcome =
  | { kind: 'done' }
  /** The server removed a bad object: send the file again. */
  | { kind: 'reupload'; reason: string }
  /** The multipart upload vanished before completion: start a new one. */
  | { kind: 'restart' };

export async function verifyUpload(
  ctx: EngineContext,
  scope: RunScope,
  input: { parts?: CompletedPart[]; cosCrc64: string | null },
): Promise<VerifyOutcome> {
  const { job } = scope;
  const plan = job.plan!;
  scope.send({ type: 'run-verifying' });

  const crc64 = await ctx.hashOf(job, scope.signal);
  throwIfAborted(scope.signal);
  // COS told us its CRC on the PUT: a difference is already certain, the signer will confirm
  // it (and delete the object) below. Kept for the failure's detail.
  const localMismatch =
    input.cosCrc64 !== null && input.cosCrc64 !== crc64
      ? `COS crc64 ${input.cosCrc64}, local ${crc64}`
      : null;

  const onRetry = (retry: SignerRetryInfo) =>
    scope.dispatch(retryingAction(job, retry, ctx.env.now()));
  try {
    const { parts } = input;
    // Single PUTs are verified together with the others of this tick; a multipart upload,
    // which COS must first assemble from its part list, on its own.
    const res = parts
      ? await callSigner(
          ctx,
          scope.signal,
          (signal) => ctx.signer.complete({ ticket: plan.ticket, crc64, parts }, { signal }),
          onRetry,
        )
      : await ctx.completeSingle({ ticket: plan.ticket, crc64 }, scope.signal, onRetry);
    throwIfAborted(scope.signal);
    if (!res.verified) {
      throw new UploadFailure({ code: 'checksum-mismatch', detail: localMismatch ?? undefined });
    }
    scope.send({ type: 'verified', key: res.key, etag: res.etag, crc64: res.crc64 ?? crc64 });
    return { kind: 'done' };
  } catch (error) {
    if (!isUploadFailure(error)) throw error;
    const { code } = error.error;
    if (code === 'checksum-mismatch' || code === 'size-mismatch' || code === 'object-missing') {
      if (job.mismatchReuploads < ctx.options.maxMismatchReuploads) {
        job.mismatchReuploads += 1;
        return { kind: 'reupload', reason: code };
      }
      throw new UploadFailure({
        ...error.error,
        code: code === 'object-missing' ? 'object-missing' : 'file-changed',
        detail: [code, localMismatch, error.error.detail].filter(Boolean).join('; '),
      });
    }
    if (code === 'upload-not-found' && plan.kind === 'multipart') return { kind: 'restart' };
    throw error;
  }
}
