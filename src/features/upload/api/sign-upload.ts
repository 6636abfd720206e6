import { postEndpoint } from '../../../lib/api-client';
import { ROUTES } from '../../../../protocol/routes';
import { SignResponse, type SignRequest } from '../../../../protocol/schemas';

/** A fresh URL for a single PUT (no `parts`), or URLs for the given parts of a multipart upload. */
export const signUpload = postEndpoint<SignRequest, typeof SignResponse>(ROUTES.sign, SignResponse);
