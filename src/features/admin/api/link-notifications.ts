import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AxiosInstance } from 'axios';
import {
  LinkNotificationsResponse,
  NOTIFY_ROUTES,
  NotifyTestResponse,
} from '../../../../protocol/admin';
import { getJson, requestJson, type RequestOptions } from '../../../lib/api-client';

/** A link's notification targets (masked) and delivery log; no token in the key. */
export const notificationsKey = (linkId: string) => ['admin', 'notifications', linkId] as const;

export function getLinkNotifications(
  client: AxiosInstance,
  linkId: string,
  options: RequestOptions = {},
): Promise<LinkNotificationsResponse> {
  return getJson(client, NOTIFY_ROUTES.notifications(linkId), LinkNotificationsResponse, options);
}

const UNSETTLED = new Set(['pending', 'delivering', 'retrying']);

export function useLinkNotifications(client: AxiosInstance, linkId: string) {
  return useQuery({
    queryKey: notificationsKey(linkId),
    queryFn: ({ signal }) => getLinkNotifications(client, linkId, { signal }),
    // While a delivery is still under way, look again every few seconds.
    refetchInterval: (query) =>
      query.state.data?.deliveries.some((d) => UNSETTLED.has(d.status)) ? 3000 : false,
  });
}

export function sendTestEvent(client: AxiosInstance, linkId: string): Promise<NotifyTestResponse> {
  return requestJson(
    client,
    { method: 'POST', url: NOTIFY_ROUTES.test(linkId), data: {} },
    NotifyTestResponse,
  );
}

export function useSendTestEvent(client: AxiosInstance, linkId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendTestEvent(client, linkId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey(linkId) }),
  });
}
