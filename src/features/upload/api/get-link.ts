import type { AxiosInstance } from 'axios';
import { getJson, type RequestOptions } from '../../../lib/api-client';
import { ROUTES } from '../../../../protocol/routes';
import { LinkInfoResponse } from '../../../../protocol/schemas';

/**
 * Query key for the link's info. The token is part of the key so two links never share a
 * cache entry (the embed page may switch links without a reload).
 */
export function getLinkQueryKey(token: string) {
  return ['signer', 'link', token] as const;
}

/** The link's title, message, limits, expiry and usage. */
export function getLink(
  client: AxiosInstance,
  options: RequestOptions = {},
): Promise<LinkInfoResponse> {
  return getJson(client, ROUTES.link, LinkInfoResponse, options);
}
