import type { AxiosInstance } from 'axios';
import type { LinkInfo, PortalConfig } from '../../protocol/schemas';
import { createSignerApi, type SignerApi } from '../features/upload/api/signer-api';
import { createUploadEngine } from '../features/upload/engine/create-upload-engine';
import type { UploadEngine } from '../features/upload/engine/types';
import { createIndexedDbResumeStore } from '../features/upload/resume/indexeddb-resume-store';

/**
 * The upload engine for one loaded link, talking to the signer through the page's client
 * (`wrapSigner` puts every batch into the page's submission).
 */
export function createPortalEngine(
  config: PortalConfig,
  client: AxiosInstance,
  link: LinkInfo,
  wrapSigner: (signer: SignerApi) => SignerApi = (signer) => signer,
): UploadEngine {
  return createUploadEngine({
    signer: wrapSigner(createSignerApi(client)),
    limits: link.limits,
    usage: link.usage,
    // Unfinished multipart uploads of this link survive a reload (falls back to none).
    resume: createIndexedDbResumeStore(link.id),
    // Signed URLs for any other origin are refused (when the deployment names its storage).
    storageOrigin: config.storageOrigin ?? null,
    options: { concurrency: config.concurrency, stallTimeoutMs: config.stallTimeoutMs },
  });
}
