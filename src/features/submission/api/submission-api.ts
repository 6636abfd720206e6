/**
 * The signer's submission endpoints (docs/protocol.md, "Submissions") as one interface, so the
 * session (../submission-session.ts) can be tested against an in-memory signer.
 */
import type { AxiosInstance } from 'axios';
import { requestJson, type RequestOptions } from '../../../lib/api-client';
import { ROUTES } from '../../../../protocol/routes';
import {
  OpenSubmissionResponse,
  SubmissionReceiptResponse,
  UnlockResponse,
  type OpenSubmissionRequest,
} from '../../../../protocol/submissions';

/** Every method rejects with a `SignerError` (src/lib/api-client.ts) on failure. */
export interface SubmissionApi {
  /** A short-lived proof of the link's password (401 `password-required` when wrong). */
  unlock(password: string, options?: RequestOptions): Promise<UnlockResponse>;
  open(body: OpenSubmissionRequest, options?: RequestOptions): Promise<OpenSubmissionResponse>;
  /** The receipt as it stands (closes the submission if it is past its idle time). */
  status(token: string, options?: RequestOptions): Promise<SubmissionReceiptResponse>;
  /** Closes the submission (repeating it is harmless) and returns the receipt. */
  finish(token: string, options?: RequestOptions): Promise<SubmissionReceiptResponse>;
}

export function createSubmissionApi(client: AxiosInstance): SubmissionApi {
  const post = <S extends Parameters<typeof requestJson>[2]>(
    url: string,
    data: unknown,
    schema: S,
    options: RequestOptions = {},
  ) => requestJson(client, { method: 'POST', url, data, signal: options.signal }, schema);
  return {
    unlock: (password, options) => post(ROUTES.unlock, { password }, UnlockResponse, options),
    open: (body, options) => post(ROUTES.submissions, body, OpenSubmissionResponse, options),
    status: (token, options) =>
      post(ROUTES.submissionStatus, { submission: token }, SubmissionReceiptResponse, options),
    finish: (token, options) =>
      post(ROUTES.submissionFinish, { submission: token }, SubmissionReceiptResponse, options),
  };
}
