import { postEndpoint } from '../../../lib/api-client';
import { ROUTES } from '../../../../protocol/routes';
import { CreateUploadsResponse, type CreateUploadsRequest } from '../../../../protocol/schemas';

/** Ask the signer to plan up to 100 files: a pre-signed PUT or a multipart upload each. */
export const createUploads = postEndpoint<CreateUploadsRequest, typeof CreateUploadsResponse>(
  ROUTES.uploads,
  CreateUploadsResponse,
);
