/**
 * The engine's signer port (../engine/ports/signer.ts) implemented over the page's axios
 * client: one request function per endpoint. The client turns every failure into its
 * `SignerError` (src/lib/api-client.ts), which has the shape the port asks for.
 */
import type { AxiosInstance } from 'axios';
import type { SignerError as ClientSignerError } from '../../../lib/api-client';
import type { SignerApi, SignerError } from '../engine/ports/signer';
import { createUploads } from './create-uploads';
import { signUpload } from './sign-upload';
import { completeUpload, completeUploads } from './complete-upload';
import { abortUpload } from './abort-upload';
import { listParts } from './list-parts';

/** Compile-time check, where the two meet: the client's errors are the port's errors. */
const _clientErrorsFitThePort: ClientSignerError extends SignerError ? true : never = true;

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
