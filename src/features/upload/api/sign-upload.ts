import type { AxiosInstance } from 'axios';
import { requestJson, type RequestOptions } from '../../../lib/api-client';
import { ROUTES } from '../../../../protocol/routes';
import { SignResponse, type SignRequest } from '../../../../protocol/schemas';

/** A fresh URL for a single PUT (no `parts`), or URLs for the given parts of a multipart upload. */
export function signUpload(
  client: AxiosInstance,
  body: SignRequest,
  options: RequestOptions = {},
): Promise<SignResponse> {
  return requestJson(
    client,
    { method: 'POST', url: ROUTES.sign, data: body, signal: options.signal },
    SignResponse,
  );
}
