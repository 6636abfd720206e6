/**
 * The last step of every file: the signer completes (multipart) and checks the object in COS
 * (size, and our CRC-64 against COS's); only its "verified" makes a file `done`. A single PUT
 * also reports what COS answered to it, ETag and `x-cos-hash-crc64ecma`, which we compare with
 * our own CRC-64 first: the signer binds its verification to exactly that object (one listing
 * shows it with the declared size and that ETag) instead of a HEAD per file, and a CRC that
 * differs sends it to a HEAD that refuses and deletes the object. We never mark a file verified
 * while a CRC-64 COS gave us differs from ours, whatever the answer.
 *
 * A mismatch means the server has already removed the bad object, so the file is sent once
 * more; a second mismatch means the file itself is changing under us (`file-changed`).
 */
import type { CompletedPart, CompleteResponse } from '../../../../../protocol/schemas';
import { throwIfAborted } from '../failures/abort';
import type { EngineContext, RunScope } from '../engine-context';
import { callSigner, retryingAction, type SignerRetryInfo } from '../failures/signer-call';
import { isUploadFailure, UploadFailure } from '../failures/upload-failure';
import type { CompleteItem } from './complete-batcher';

/** What COS answered to a single PUT, as far as its CORS rule lets the browser read it. */
export interface PutAnswer {
  etag: string | null;
  crc64: string | null;
}

/** The PUT answer's headers as the signer accepts them; anything malformed is left out. */
export function putAnswerOf(headers: Record<string, string>): PutAnswer {
  const etag = headers['etag']?.trim() ?? '';
  const crc64 = headers['x-cos-hash-crc64ecma']?.trim() ?? '';
  return {
    etag: etag.length > 0 && etag.length <= 128 ? etag : null,
    crc64: /^\d{1,20}$/.test(crc64) ? crc64 : null,
  };
}

function completeItem(ticket: string, crc64: string, put: PutAnswer | null): CompleteItem {
  return {
    ticket,
    crc64,
    ...(put?.etag ? { etag: put.etag } : {}),
    ...(put?.crc64 ? { cosCrc64: put.crc64 } : {}),
  };
}

/** A CRC-64 COS gave us (on the PUT or through the signer) that is not ours, described. */
function crcDisagreement(
  crc64: string,
  put: PutAnswer | null,
  res: CompleteResponse | null,
): string | null {
  if (put?.crc64 && put.crc64 !== crc64) return `COS crc64 ${put.crc64}, local ${crc64}`;
  if (res?.crc64 && res.crc64 !== crc64) return `stored crc64 ${res.crc64}, local ${crc64}`;
  return null;
}

export type VerifyOutcome =
  | { kind: 'done' }
  /** The server removed a bad object: send the file again. */
  | { kind: 'reupload'; reason: string }
  /** The multipart upload vanished before completion: start a new one. */
  | { kind: 'restart' };

export async function verifyUpload(
  ctx: EngineContext,
  scope: RunScope,
  /** Multipart: the parts as sent. Single: COS's answer to the PUT (null: a lost answer). */
  input: { parts: CompletedPart[] } | { put: PutAnswer | null },
): Promise<VerifyOutcome> {
  const { job } = scope;
  const plan = job.plan!;
  scope.send({ type: 'run-verifying' });

  const crc64 = await ctx.hashOf(job, scope.signal);
  throwIfAborted(scope.signal);
  const put = 'put' in input ? input.put : null;
  // COS told us its CRC on the PUT: a difference is already certain, the signer will confirm
  // it (and delete the object) below. Kept for the failure's detail.
  const localMismatch = crcDisagreement(crc64, put, null);

  const onRetry = (retry: SignerRetryInfo) =>
    scope.dispatch(retryingAction(job, retry, ctx.env.now()));
  try {
    // Single PUTs are verified together with the others of this tick; a multipart upload,
    // which COS must first assemble from its part list, on its own.
    const res =
      'parts' in input
        ? await callSigner(
            ctx,
            scope.signal,
            (signal) =>
              ctx.signer.complete({ ticket: plan.ticket, crc64, parts: input.parts }, { signal }),
            onRetry,
          )
        : await ctx.completeSingle(completeItem(plan.ticket, crc64, put), scope.signal, onRetry);
    throwIfAborted(scope.signal);
    const disagreement = crcDisagreement(crc64, put, res);
    if (!res.verified || disagreement) {
      throw new UploadFailure({ code: 'checksum-mismatch', detail: disagreement ?? undefined });
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
        detail: [...new Set([code, localMismatch, error.error.detail])].filter(Boolean).join('; '),
      });
    }
    if (code === 'upload-not-found' && plan.kind === 'multipart') return { kind: 'restart' };
    throw error;
  }
}
