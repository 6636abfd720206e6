/**
 * The signing endpoints the upload engine needs, as one interface. The engine takes this
 * interface (not axios) so its tests can plug in an in-memory signer that follows `protocol/`.
 */
import type { AxiosInstance } from 'axios';
import type { RequestOptions } from '../../../lib/api-client';
import type {
  AbortRequest,
  CompleteBatchRequest,
  CompleteBatchResponse,
  CompleteRequest,
  CompleteResponse,
  CreateUploadsRequest,
  CreateUploadsResponse,
  ListPartsResponse,
  SignRequest,
  SignResponse,
} from '../../../../protocol/schemas';
import { createUploads } from './create-uploads';
import { signUpload } from './sign-upload';
import { completeUpload, completeUploads } from './complete-upload';
import { abortUpload } from './abort-upload';
import { listParts } from './list-parts';

/** Every method rejects with a `SignerError` (see src/lib/api-client.ts) on failure. */
export interface SignerApi {
  createUploads(
    body: CreateUploadsRequest,
    options?: RequestOptions,
  ): Promise<CreateUploadsResponse>;
  sign(body: SignRequest, options?: RequestOptions): Promise<SignResponse>;
  complete(body: CompleteRequest, options?: RequestOptions): Promise<CompleteResponse>;
  completeBatch(
    body: CompleteBatchRequest,
    options?: RequestOptions,
  ): Promise<CompleteBatchResponse>;
  abort(body: AbortRequest, options?: RequestOptions): Promise<void>;
  listParts(body: { ticket: string }, options?: RequestOptions): Promise<ListPartsResponse>;
}

export function createSignerApi(client: AxiosInstance): SignerApi {
  return {
    createUploads: (body, options) => createUploads(client, body, options),
    sign: (body, options) => signUpload(client, body, options),
    complete: (body, options) => completeUpload(client, body, options),
    completeBatch: (body, options) => completeUploads(client, body, options),
    abort: (body, options) => abortUpload(client, body, options),
    listParts: (body, options) => listParts(client, body, options),
  };
}
