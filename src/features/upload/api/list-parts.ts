import type { AxiosInstance } from 'axios';
import { requestJson, type RequestOptions } from '../../../lib/api-client';
import { ROUTES } from '../../../../protocol/routes';
import { ListPartsResponse } from '../../../../protocol/schemas';

/** The parts COS already holds for a multipart upload (server-side ListParts), for resuming. */
export function listParts(
  client: AxiosInstance,
  body: { ticket: string },
  options: RequestOptions = {},
): Promise<ListPartsResponse> {
  return requestJson(
    client,
    { method: 'POST', url: ROUTES.parts, data: body, signal: options.signal },
    ListPartsResponse,
  );
}
