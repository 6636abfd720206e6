/**
 * The one place where the portal's pages meet the API layer and the upload engine. Features
 * receive what they need from here (the link source, an engine factory), so they neither
 * import each other nor know how requests are made.
 */
import type { LinkInfo, PortalConfig } from '../../protocol/schemas';
import type { LinkSource } from '../features/link/use-link';
import { getLink, getLinkQueryKey } from '../features/upload/api/get-link';
import { createSignerApi } from '../features/upload/api/signer-api';
import { createUploadEngine } from '../features/upload/engine/create-upload-engine';
import { createIndexedDbResumeStore } from '../features/upload/resume/indexeddb-resume-store';
import type { UploadEngine } from '../features/upload/engine/types';
import { createApiClient } from '../lib/api-client';

export interface PortalWiring {
  link: LinkSource;
  createEngine(link: LinkInfo): UploadEngine;
}

export function createPortalWiring(config: PortalConfig, token: string): PortalWiring {
  const client = createApiClient({ apiBase: config.apiBase, getToken: () => token });
  return {
    link: {
      queryKey: getLinkQueryKey(token),
      fetchLink: (signal) => getLink(client, { signal }),
    },
    createEngine: (link) =>
      createUploadEngine({
        signer: createSignerApi(client),
        limits: link.limits,
        usage: link.usage,
        // Unfinished multipart uploads of this link survive a reload (falls back to none).
        resume: createIndexedDbResumeStore(link.id),
        options: { concurrency: config.concurrency, stallTimeoutMs: config.stallTimeoutMs },
      }),
  };
}
