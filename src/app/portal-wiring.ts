/**
 * The one place where the portal's pages meet the API layer. Features receive what they need
 * from here (the link source, the signer client for the engine), so they neither import each
 * other nor know how requests are made. The engine itself is built in the lazily loaded
 * upload area (create-portal-engine.ts): the first paint needs only the link.
 */
import type { AxiosInstance } from 'axios';
import type { PortalConfig } from '../../protocol/schemas';
import type { LinkSource } from '../features/link/use-link';
import { getLink, getLinkQueryKey } from '../features/upload/api/get-link';
import { createApiClient } from '../lib/api-client';

export interface PortalWiring {
  config: PortalConfig;
  link: LinkSource;
  /** The signing API with this page's link token. */
  client: AxiosInstance;
}

export function createPortalWiring(config: PortalConfig, token: string): PortalWiring {
  const client = createApiClient({ apiBase: config.apiBase, getToken: () => token });
  return {
    config,
    client,
    link: {
      queryKey: getLinkQueryKey(token),
      fetchLink: (signal) => getLink(client, { signal }),
    },
  };
}
