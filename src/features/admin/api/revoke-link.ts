import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AxiosInstance } from 'axios';
import { ADMIN_ROUTES, AdminLinkResponse } from '../../../../protocol/admin';
import { requestJson } from '../../../lib/api-client';
import { ADMIN_LINKS_KEY } from './list-links';

export function revokeLink(client: AxiosInstance, id: string): Promise<AdminLinkResponse> {
  return requestJson(
    client,
    { method: 'POST', url: ADMIN_ROUTES.revoke(id), data: {} },
    AdminLinkResponse,
  );
}

export function useRevokeLink(client: AxiosInstance) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => revokeLink(client, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ADMIN_LINKS_KEY }),
  });
}
