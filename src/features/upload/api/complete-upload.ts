import type { AxiosInstance } from 'axios';
import { requestJson, type RequestOptions } from '../../../lib/api-client';
import { ROUTES } from '../../../../protocol/routes';
import {
  CompleteBatchResponse,
  CompleteResponse,
  type CompleteBatchRequest,
  type CompleteRequest,
} from '../../../../protocol/schemas';

/**
 * Tell the signer the bytes are up. It completes a multipart upload, finds the object (a HEAD,
 * or for single PUTs reported with COS's ETag and CRC64 one listing per batch) and compares
 * size and CRC64; a mismatch comes back as a SignerError (`size-mismatch`,
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

/** Several single uploads verified in one call; one result per upload, in order. */
export function completeUploads(
  client: AxiosInstance,
  body: CompleteBatchRequest,
  options: RequestOptions = {},
): Promise<CompleteBatchResponse> {
  return requestJson(
    client,
    { method: 'POST', url: ROUTES.completeBatch, data: body, signal: options.signal },
    CompleteBatchResponse,
  );
}
