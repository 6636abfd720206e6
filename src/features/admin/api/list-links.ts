import { useQuery } from '@tanstack/react-query';
import type { AxiosInstance } from 'axios';
import { ADMIN_ROUTES, AdminLinksResponse } from '../../../../protocol/admin';
import { getJson, type RequestOptions } from '../../../lib/api-client';

/** No token in the key: the admin token is kept out of every cache (the view clears it on lock). */
export const ADMIN_LINKS_KEY = ['admin', 'links'] as const;

export function listLinks(
  client: AxiosInstance,
  options: RequestOptions = {},
): Promise<AdminLinksResponse> {
  return getJson(client, ADMIN_ROUTES.links, AdminLinksResponse, options);
}

export function useAdminLinks(client: AxiosInstance) {
  return useQuery({
    queryKey: ADMIN_LINKS_KEY,
    queryFn: ({ signal }) => listLinks(client, { signal }),
    staleTime: 10_000,
  });
}
