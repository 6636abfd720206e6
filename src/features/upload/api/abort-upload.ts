import type { AxiosInstance } from 'axios';
import type { RequestOptions } from '../../../lib/api-client';
import { ROUTES } from '../../../../protocol/routes';
import type { AbortRequest } from '../../../../protocol/schemas';

/** Abort a multipart upload so COS does not keep (and bill) its parts. Answers 204. */
export async function abortUpload(
  client: AxiosInstance,
  body: AbortRequest,
  options: RequestOptions = {},
): Promise<void> {
  await client.request({
    method: 'POST',
    url: ROUTES.abort,
    data: body,
    signal: options.signal,
  });
}
