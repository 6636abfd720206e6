import type {
  ListPartsResponse,
  SignRequest,
  SignResponse,
  SignedRequest,
} from '../../protocol/schemas';
import { isCosCode } from '../cos/cos-error';
import { Refusal } from '../refusal';
import type { LinkClaims } from '../links/link-types';
import { presignSingle } from './create-uploads';
import { ensureReserved, quotaLimitsOf, reservationTiming } from './link-quota';
import { asMultipart, openTicket, typeRefused, typeStillAllowed } from './open-ticket';
import { partLength } from './part-plan';
import type { UploadDeps } from './upload-deps';

/**
 * What happens to an upload between planning and completion: re-signing, listing parts for a
 * resume, aborting (completing: complete-uploads.ts). Each call starts from the signed ticket,
 * so it can only ever act on the one key (and upload id) the server chose for that file.
 */

export async function signUpload(
  deps: UploadDeps,
  link: LinkClaims,
  req: SignRequest,
): Promise<Omit<SignResponse, 'serverTime'>> {
  const t = openTicket(deps, link, req.ticket);
  if (!typeStillAllowed(link, t)) throw typeRefused(link);
  if (t.submission) await deps.submissions?.beforeSign(link, t);
  const m = asMultipart(t);
  if (!m && req.parts) {
    throw new Refusal('invalid-request', 'A single upload has no parts to sign.');
  }
  if (m && !req.parts) {
    throw new Refusal('invalid-request', 'Name the parts to sign for a multipart upload.');
  }
  // Fresh URLs only while the upload's room is reserved for as long as they live.
  await ensureReserved(deps, link, t, reservationTiming(deps).minRemainingMs);
  if (!m || !req.parts) {
    return {
      request: presignSingle(deps, t.key, t.size, t.type, t.metaFileName ?? 'file', t.metadata),
    };
  }
  const numbers = [...new Set(req.parts)].sort((a, b) => a - b);
  const beyond = numbers.filter((n) => n > m.partCount);
  if (beyond.length > 0) {
    throw new Refusal('invalid-request', 'Some part numbers are beyond the end of the file.', {
      partCount: m.partCount,
      invalidParts: beyond.slice(0, 20),
    });
  }
  return {
    parts: numbers.map((partNumber) => {
      const signed = deps.cos.presignPart(
        m.key,
        m.uploadId,
        partNumber,
        partLength(m.size, { partSize: m.partSize, partCount: m.partCount }, partNumber),
        deps.config.urlTtlSeconds,
      );
      const request: SignedRequest = { method: 'PUT', ...signed };
      return { partNumber, request };
    }),
  };
}

export async function listUploadParts(
  deps: UploadDeps,
  link: LinkClaims,
  ticket: string,
): Promise<Omit<ListPartsResponse, 'serverTime'>> {
  const m = asMultipart(openTicket(deps, link, ticket));
  if (!m) throw new Refusal('invalid-request', 'A single upload has no parts.');
  try {
    const parts = await deps.cos.listParts(m.key, m.uploadId);
    return { parts: parts.map((p) => ({ partNumber: p.partNumber, etag: p.etag, size: p.size })) };
  } catch (err) {
    if (isCosCode(err, 'NoSuchUpload')) throw uploadGone();
    throw err;
  }
}

export function uploadGone(): Refusal {
  return new Refusal(
    'upload-not-found',
    'This multipart upload no longer exists (it was completed, aborted or expired).',
  );
}

export async function abortUpload(
  deps: UploadDeps,
  link: LinkClaims,
  ticket: string,
): Promise<void> {
  const t = openTicket(deps, link, ticket);
  if (t.submission) await deps.submissions?.failed(link, t, 'cancelled');
  const m = asMultipart(t);
  // A single PUT holds nothing on the server; its URL and reservation simply expire.
  if (!m) return;
  try {
    await deps.cos.abortMultipart(m.key, m.uploadId);
  } catch (err) {
    if (!isCosCode(err, 'NoSuchUpload')) throw err;
  }
  // Its room in the quota is free again (no-op when it was completed and counted meanwhile).
  if (quotaLimitsOf(link)) await deps.state.quota.release(link.id, m.key);
}
