import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AxiosInstance } from 'axios';
import type { CreateLinkRequest } from '../../../../protocol/admin';
import { ADMIN_ROUTES, CreateLinkResponse } from '../../../../protocol/admin';
import { requestJson } from '../../../lib/api-client';
import { ADMIN_LINKS_KEY } from './list-links';

export function createLink(
  client: AxiosInstance,
  body: CreateLinkRequest,
): Promise<CreateLinkResponse> {
  return requestJson(
    client,
    { method: 'POST', url: ADMIN_ROUTES.links, data: body },
    CreateLinkResponse,
  );
}

export function useCreateLink(client: AxiosInstance) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateLinkRequest) => createLink(client, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ADMIN_LINKS_KEY }),
  });
}
