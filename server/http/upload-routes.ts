import { Hono } from 'hono';
import { z } from 'zod';
import { ROUTES } from '../../protocol/routes';
import {
  AbortRequest,
  CompleteBatchRequest,
  CompleteRequest,
  FileSpec,
  MAX_FILES_PER_BATCH,
  SignRequest,
} from '../../protocol/schemas';
import type { SignerConfig } from '../config';
import { describeLink } from '../links/link-types';
import type { LinkState } from '../state/link-state';
import type { SubmissionService } from '../submissions/submission-service';
import { completeUpload, completeUploads } from '../uploads/complete-uploads';
import { createUploads } from '../uploads/create-uploads';
import type { UploadDeps } from '../uploads/upload-deps';
import { abortUpload, listUploadParts, signUpload } from '../uploads/upload-ops';
import type { FailureMapper } from './error-response';
import type { LinkAuth } from './link-auth';
import type { BodyReader } from './read-body';

/**
 * CreateUploadsRequest with each file left for `FileSpec` to check on its own (in
 * createUploads), so one bad entry gets its own `invalid-request` result instead of sinking
 * the whole batch.
 */
const UploadBatch = z.object({
  files: z
    .array(z.union([FileSpec, z.unknown()]))
    .min(1)
    .max(MAX_FILES_PER_BATCH),
  submission: z.string().min(1).max(4096).optional(),
});

/**
 * The upload API (docs/protocol.md): the link's info, planning, signing, listing parts,
 * completing (verifying) and aborting. Every call re-verifies the link token it carries.
 */
export function createUploadRoutes(deps: {
  config: SignerConfig;
  state: LinkState;
  submissions: SubmissionService;
  uploads: UploadDeps;
  auth: LinkAuth;
  readBody: BodyReader;
  knownFailure: FailureMapper;
  now: () => number;
}): Hono {
  const { state, submissions, uploads, auth, readBody, now } = deps;
  const api = new Hono();

  api.get(ROUTES.link, async (c) => {
    const link = await auth.requireLink(c);
    const [usage, asks] = await Promise.all([state.usage(link.id), submissions.requirements(link)]);
    const info = describeLink(link, { multipartThreshold: deps.config.multipartThreshold, usage });
    return c.json({ serverTime: now(), link: asks ? { ...info, submission: asks } : info });
  });

  api.post(ROUTES.uploads, async (c) => {
    const link = await auth.requireLink(c);
    const body = await readBody(c, UploadBatch);
    const placement = await submissions.placementFor(link, body.submission);
    const results = await createUploads(uploads, link, body.files, placement ?? undefined);
    return c.json({ serverTime: now(), results });
  });

  api.post(ROUTES.sign, async (c) => {
    const link = await auth.requireLink(c);
    const body = await readBody(c, SignRequest);
    return c.json({ serverTime: now(), ...(await signUpload(uploads, link, body)) });
  });

  api.post(ROUTES.parts, async (c) => {
    const link = auth.finishingLink(c);
    const body = await readBody(c, AbortRequest);
    return c.json({ serverTime: now(), ...(await listUploadParts(uploads, link, body.ticket)) });
  });

  api.post(ROUTES.complete, async (c) => {
    const link = auth.finishingLink(c);
    const body = await readBody(c, CompleteRequest);
    return c.json({ serverTime: now(), ...(await completeUpload(uploads, link, body)) });
  });

  api.post(ROUTES.completeBatch, async (c) => {
    const link = auth.finishingLink(c);
    const body = await readBody(c, CompleteBatchRequest);
    const results = await completeUploads(uploads, link, body.uploads, deps.knownFailure);
    return c.json({ serverTime: now(), results });
  });

  api.post(ROUTES.abort, async (c) => {
    // Aborting only removes data, so it stays allowed on a revoked or expired link.
    const link = auth.finishingLink(c);
    const body = await readBody(c, AbortRequest);
    await abortUpload(uploads, link, body.ticket);
    return c.body(null, 204);
  });

  return api;
}
