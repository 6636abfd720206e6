import type { AxiosInstance } from 'axios';
import { requestJson, type RequestOptions } from '../../../lib/api-client';
import { ROUTES } from '../../../../protocol/routes';
import { CompleteResponse, type CompleteRequest } from '../../../../protocol/schemas';

/**
 * Tell the signer the bytes are up. It completes a multipart upload, HEADs the object and
 * compares size and CRC64; a mismatch comes back as a SignerError (`size-mismatch`,
 * `checksum-mismatch`, `object-missing`) after the server removed the bad object.
 */
export function completeUpload(
  client: AxiosInstance,
  body: CompleteRequest,
  options: RequestOptions = {},
): Promise<CompleteResponse> {
  return requestJson(
    client,
    { method: 'POST', url: ROUTES.complete, data: body, signal: options.signal },
    CompleteResponse,
  );
}
