/**
 * The signer port of the upload engine, inside a submission: every batch of files is planned
 * with the page's submission token (opened with the first batch), and any call that finds the
 * submission closed tells the session, which then shows its receipt. The engine itself knows
 * nothing of submissions; this is the only place the two features meet.
 */
import type { SignerApi } from '../features/upload/api/signer-api';
import { isSignerError } from '../lib/api-client';

export interface SubmissionPort {
  /** The submission token for the next batch (undefined: plan without one). */
  token(signal?: AbortSignal): Promise<string | undefined>;
  /** A call answered `submission-closed`. */
  noticeClosed(): void;
}

export function withSubmission(signer: SignerApi, submission: SubmissionPort): SignerApi {
  const watch = <T>(call: Promise<T>): Promise<T> =>
    call.catch((error: unknown) => {
      if (isSignerError(error) && error.code === 'submission-closed') submission.noticeClosed();
      throw error;
    });
  return {
    async createUploads(body, options) {
      const token = await submission.token(options?.signal);
      return watch(
        signer.createUploads(token === undefined ? body : { ...body, submission: token }, options),
      );
    },
    sign: (body, options) => watch(signer.sign(body, options)),
    complete: (body, options) => watch(signer.complete(body, options)),
    async completeBatch(body, options) {
      const answer = await watch(signer.completeBatch(body, options));
      if (answer.results.some((r) => !r.ok && r.error.code === 'submission-closed')) {
        submission.noticeClosed();
      }
      return answer;
    },
    abort: (body, options) => watch(signer.abort(body, options)),
    listParts: (body, options) => watch(signer.listParts(body, options)),
  };
}
