import type { AxiosInstance } from 'axios';
import { requestJson, type RequestOptions } from '../../../lib/api-client';
import { ROUTES } from '../../../../protocol/routes';
import { CreateUploadsResponse, type CreateUploadsRequest } from '../../../../protocol/schemas';

/** Ask the signer to plan up to 100 files: a pre-signed PUT or a multipart upload each. */
export function createUploads(
  client: AxiosInstance,
  body: CreateUploadsRequest,
  options: RequestOptions = {},
): Promise<CreateUploadsResponse> {
  return requestJson(
    client,
    { method: 'POST', url: ROUTES.uploads, data: body, signal: options.signal },
    CreateUploadsResponse,
  );
}
