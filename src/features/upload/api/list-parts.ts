import { postEndpoint } from '../../../lib/api-client';
import { ROUTES } from '../../../../protocol/routes';
import { ListPartsResponse } from '../../../../protocol/schemas';

/** The parts COS already holds for a multipart upload (server-side ListParts), for resuming. */
export const listParts = postEndpoint<{ ticket: string }, typeof ListPartsResponse>(
  ROUTES.parts,
  ListPartsResponse,
);
