import { useQuery, type QueryKey } from '@tanstack/react-query';
import type { LinkInfo, LinkInfoResponse } from '../../../protocol/schemas';

/** Where the link comes from; the app wires the real API client in. */
export interface LinkSource {
  queryKey: QueryKey;
  fetchLink(signal?: AbortSignal): Promise<LinkInfoResponse>;
}

export interface LoadedLink {
  link: LinkInfo;
  /**
   * serverTime − local now when the answer arrived. Local clocks are often minutes off;
   * adding this to Date.now() estimates the signer's clock, which decides expiry.
   */
  serverOffset: number;
}

export function useLink(source: LinkSource, enabled: boolean) {
  return useQuery({
    queryKey: source.queryKey,
    queryFn: async ({ signal }): Promise<LoadedLink> => {
      const response = await source.fetchLink(signal);
      return { link: response.link, serverOffset: response.serverTime - Date.now() };
    },
    enabled,
    // The upload engine is built from this answer (limits); it must not change under
    // running uploads, so it is read once per page. Per-file errors report later changes.
    staleTime: Infinity,
    refetchOnReconnect: false,
  });
}
