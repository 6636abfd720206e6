import type { CompleteBatchResult, CompleteRequest } from '../../protocol/schemas';
import type { Refusal } from '../refusal';
import type { LinkClaims } from '../links/link-types';
import type { UploadDeps } from './upload-deps';
import { completeUpload } from './upload-ops';

/**
 * POST /uploads/complete-batch: the uploads of one call verified (and counted) a few at a time,
 * each exactly as `/uploads/complete` would, so the portal needs one request for a tick's worth
 * of finished files instead of one each. One upload's refusal is its own result; a failure the
 * caller cannot name (a bug) fails the whole call, which the client simply repeats.
 */
const VERIFY_CONCURRENCY = 8;

export async function completeUploads(
  deps: UploadDeps,
  link: LinkClaims,
  uploads: readonly CompleteRequest[],
  /** The answer `/uploads/complete` would give for this error, or null to fail the call. */
  failureOf: (err: unknown) => Refusal | null,
): Promise<CompleteBatchResult[]> {
  const results: CompleteBatchResult[] = new Array(uploads.length);
  let next = 0;
  const worker = async () => {
    while (next < uploads.length) {
      const index = next++;
      try {
        results[index] = { ok: true, ...(await completeUpload(deps, link, uploads[index]!)) };
      } catch (err) {
        const failure = failureOf(err);
        if (!failure) throw err;
        results[index] = { ok: false, error: failure.toApiError() };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(VERIFY_CONCURRENCY, uploads.length) }, worker));
  return results;
}
