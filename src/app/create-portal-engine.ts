import type { AxiosInstance } from 'axios';
import type { LinkInfo, PortalConfig } from '../../protocol/schemas';
import { createSignerApi } from '../features/upload/api/signer-api';
import { createUploadEngine } from '../features/upload/engine/create-upload-engine';
import type { SubmissionPort } from '../features/upload/engine/ports/submission';
import type { UploadEngine } from '../features/upload/engine/types';
import { createIndexedDbResumeStore } from '../features/upload/resume/indexeddb-resume-store';

/**
 * The upload engine for one loaded link, talking to the signer through the page's client,
 * every batch signed into the page's submission.
 */
export function createPortalEngine(
  config: PortalConfig,
  client: AxiosInstance,
  link: LinkInfo,
  submission: SubmissionPort | null = null,
): UploadEngine {
  return createUploadEngine({
    signer: createSignerApi(client),
    submission,
    limits: link.limits,
    usage: link.usage,
    // Unfinished multipart uploads of this link survive a reload (falls back to none).
    resume: createIndexedDbResumeStore(link.id),
    // Signed URLs for any other origin are refused (when the deployment names its storage).
    storageOrigin: config.storageOrigin ?? null,
    options: { concurrency: config.concurrency, stallTimeoutMs: config.stallTimeoutMs },
  });
}
