import { postEndpoint } from '../../../lib/api-client';
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
export const completeUpload = postEndpoint<CompleteRequest, typeof CompleteResponse>(
  ROUTES.complete,
  CompleteResponse,
);

/** Several single uploads verified in one call; one result per upload, in order. */
export const completeUploads = postEndpoint<CompleteBatchRequest, typeof CompleteBatchResponse>(
  ROUTES.completeBatch,
  CompleteBatchResponse,
);
