/**
 * The signer port seen through a submission (../ports/submission.ts): every batch of files is
 * signed with the submission's token, asked for with the batch's own signal (so a cancelled
 * batch does not wait for a submission to open), and any call that finds the submission closed
 * tells it. A refusal to give a token (a gate not passed) fails the batch like a signer refusal.
 */
import { isSignerError, type SignerApi } from '../ports/signer';
import type { SubmissionPort } from '../ports/submission';

export function signerInSubmission(signer: SignerApi, submission: SubmissionPort): SignerApi {
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
