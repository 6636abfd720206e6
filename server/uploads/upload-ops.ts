import type {
  CompleteRequest,
  CompleteResponse,
  ListPartsResponse,
  SignRequest,
  SignResponse,
  SignedRequest,
} from '../../protocol/schemas';
import type { StoredPart } from '../cos/cos-client';
import { isCosCode } from '../cos/cos-error';
import { Refusal } from '../refusal';
import type { LinkClaims } from '../links/link-types';
import { presignSingle } from './create-uploads';
import { COMPLETE_MARGIN_MS, ensureReserved, quotaLimitsOf, reservationTiming } from './link-quota';
import { partLength } from './part-plan';
import type { UploadTicket } from './ticket';
import { readTicket } from './ticket';
import { isTicketTypeAcceptable, typeRefusal } from './type-match';
import type { UploadDeps } from './upload-deps';

/**
 * Everything that happens to an upload after it was planned: re-signing, listing parts for a
 * resume, completing with verification, aborting. Each call starts from the signed ticket, so
 * it can only ever act on the one key (and upload id) the server chose for that file.
 */

type Multipart = UploadTicket & { uploadId: string; partSize: number; partCount: number };

function openTicket(deps: UploadDeps, link: LinkClaims, ticket: string): UploadTicket {
  return readTicket(deps.config.linkKeys, ticket, { linkId: link.id, nowMs: deps.now() });
}

function asMultipart(t: UploadTicket): Multipart | null {
  return t.mode === 'multipart' && t.uploadId && t.partSize && t.partCount
    ? (t as Multipart)
    : null;
}

function planOf(t: Multipart) {
  return { partSize: t.partSize, partCount: t.partCount };
}

/**
 * A ticket's type must still pass the link's type rule: one issued before the rule (or before
 * the owner's list changed meaning) gets no fresh URL and is not completed.
 */
function typeStillAllowed(link: LinkClaims, t: UploadTicket): boolean {
  return isTicketTypeAcceptable(link.allowedTypes, t.key, t.type);
}

function typeRefused(link: LinkClaims): Refusal {
  const refusal = typeRefusal(link.allowedTypes);
  return new Refusal(refusal.code, refusal.message, refusal.details);
}

/** COS quotes ETags; browsers may hand them back with or without the quotes. */
function normalizeEtag(etag: string): string {
  return etag
    .trim()
    .replace(/^"|"$/g, '')
    .replace(/^&quot;|&quot;$/g, '')
    .toLowerCase();
}

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
        partLength(m.size, planOf(m), partNumber),
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

function uploadGone(): Refusal {
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

/** Refusals after which this upload's object is gone for good (what a submission lists as failed). */
const FINAL_FAILURES: ReadonlySet<string> = new Set([
  'size-mismatch',
  'checksum-mismatch',
  'too-many-files',
  'quota-exceeded',
]);

export async function completeUpload(
  deps: UploadDeps,
  link: LinkClaims,
  req: CompleteRequest,
): Promise<Omit<CompleteResponse, 'serverTime'>> {
  const t = openTicket(deps, link, req.ticket);
  try {
    return await completeTicket(deps, link, t, req);
  } catch (err) {
    if (t.submission && err instanceof Refusal && FINAL_FAILURES.has(err.code)) {
      // Best effort: the refusal itself is what the caller must see.
      await deps.submissions?.failed(link, t, err.code).catch(() => {});
    }
    throw err;
  }
}

async function completeTicket(
  deps: UploadDeps,
  link: LinkClaims,
  t: UploadTicket,
  req: CompleteRequest,
): Promise<Omit<CompleteResponse, 'serverTime'>> {
  const m = asMultipart(t);
  if (!typeStillAllowed(link, t)) {
    // Whatever landed under a type the link does not allow goes, and its room with it.
    if (m) await deps.cos.abortMultipart(m.key, m.uploadId).catch(() => {});
    await deps.cos.deleteObject(t.key).catch(() => {});
    if (quotaLimitsOf(link)) await deps.state.quota.release(link.id, t.key).catch(() => {});
    throw typeRefused(link);
  }
  if (!m) {
    if (req.parts && req.parts.length > 0) {
      throw new Refusal('invalid-request', 'A single upload is completed without parts.');
    }
    return countVerified(deps, link, t, await verifyObject(deps, t, req.crc64));
  }
  if (!req.parts || req.parts.length === 0) {
    throw new Refusal('invalid-request', 'List the uploaded parts to complete a multipart upload.');
  }

  let stored: StoredPart[];
  try {
    stored = await deps.cos.listParts(m.key, m.uploadId);
  } catch (err) {
    if (!isCosCode(err, 'NoSuchUpload')) throw err;
    // Completed earlier (the browser lost our answer and retries) or aborted: the object decides.
    return countVerified(deps, link, t, await verifyExisting(deps, t, req.crc64));
  }
  checkParts(m, req.parts, stored);
  // The object appears at Complete: its room must stay reserved past that moment, so no other
  // instance can drop the reservation while COS assembles it.
  await ensureReserved(deps, link, m, COMPLETE_MARGIN_MS);
  try {
    // Complete from COS's own part list (already matched against the browser's), never from
    // what the browser claims alone.
    await deps.cos.completeMultipart(
      m.key,
      m.uploadId,
      stored.map((p) => ({ partNumber: p.partNumber, etag: p.etag })),
    );
  } catch (err) {
    if (!isCosCode(err, 'NoSuchUpload')) throw err;
    return countVerified(deps, link, t, await verifyExisting(deps, t, req.crc64));
  }
  return countVerified(deps, link, t, await verifyObject(deps, t, req.crc64));
}

/**
 * A verified upload is counted in the ledger (idempotent). With a count or size limit it must
 * still be within them: normally its reservation is running; if that ran out (a very late
 * complete) it is reserved again, and when it no longer fits the object is removed.
 */
async function countVerified(
  deps: UploadDeps,
  link: LinkClaims,
  t: UploadTicket,
  verified: Omit<CompleteResponse, 'serverTime'>,
): Promise<Omit<CompleteResponse, 'serverTime'>> {
  try {
    await ensureReserved(deps, link, t, 0);
  } catch (err) {
    if (err instanceof Refusal) await deps.cos.deleteObject(t.key).catch(() => {});
    throw err;
  }
  if (t.submission && deps.submissions) await deps.submissions.verified(link, t, verified);
  await deps.state.recordCompletion(link.id, {
    key: t.key,
    size: verified.size,
    crc64: verified.crc64,
    at: deps.now(),
    via: 'complete',
  });
  return verified;
}

/** Before completing: COS holds exactly parts 1..N, each of its planned size, matching the browser. */
function checkParts(
  m: Multipart,
  browser: ReadonlyArray<{ partNumber: number; etag: string }>,
  stored: readonly StoredPart[],
): void {
  const byNumber = new Map(stored.map((p) => [p.partNumber, p]));
  const missing: number[] = [];
  for (let n = 1; n <= m.partCount; n++) if (!byNumber.has(n)) missing.push(n);
  const extra = stored.filter((p) => p.partNumber > m.partCount).map((p) => p.partNumber);
  if (missing.length > 0 || extra.length > 0) {
    throw new Refusal('invalid-request', 'COS does not hold every part of this upload yet.', {
      missingParts: missing.slice(0, 50),
      ...(extra.length ? { extraParts: extra.slice(0, 50) } : {}),
    });
  }
  let total = 0;
  for (const p of stored) {
    const expected = partLength(m.size, planOf(m), p.partNumber);
    total += p.size;
    if (p.size !== expected) {
      throw new Refusal('size-mismatch', 'A part does not have the size planned for it.', {
        partNumber: p.partNumber,
        expected,
        actual: p.size,
      });
    }
  }
  if (total !== m.size) {
    throw new Refusal('size-mismatch', 'The parts do not add up to the declared size.', {
      expected: m.size,
      actual: total,
    });
  }
  const claimed = new Map<number, string>();
  for (const p of browser) claimed.set(p.partNumber, normalizeEtag(p.etag));
  if (claimed.size !== m.partCount) {
    throw new Refusal('invalid-request', 'The part list does not cover the whole file.', {
      partCount: m.partCount,
      listed: claimed.size,
    });
  }
  for (const p of stored) {
    const etag = claimed.get(p.partNumber);
    if (etag !== normalizeEtag(p.etag)) {
      throw new Refusal('invalid-request', 'A part in COS differs from the one the browser sent.', {
        reason: 'etag-mismatch',
        partNumber: p.partNumber,
      });
    }
  }
}

async function verifyExisting(
  deps: UploadDeps,
  t: UploadTicket,
  crc64: string | undefined,
): Promise<Omit<CompleteResponse, 'serverTime'>> {
  if ((await deps.cos.headObject(t.key)) === null) throw uploadGone();
  return verifyObject(deps, t, crc64);
}

/**
 * HEAD decides: size must equal the declared size (COS truncates a short body silently), and
 * the CRC64 must equal the browser's when it sent one. A bad object is deleted so the browser
 * can upload again to the same key despite forbid-overwrite.
 */
async function verifyObject(
  deps: UploadDeps,
  t: UploadTicket,
  crc64: string | undefined,
): Promise<Omit<CompleteResponse, 'serverTime'>> {
  const head = await deps.cos.headObject(t.key);
  if (!head) {
    throw new Refusal('object-missing', 'The file has not arrived in storage.');
  }
  const discard = async () => {
    try {
      await deps.cos.deleteObject(t.key);
      return true;
    } catch {
      return false;
    }
  };
  if (head.size !== t.size) {
    const deleted = await discard();
    throw new Refusal('size-mismatch', 'The stored file does not have the declared size.', {
      expected: t.size,
      actual: head.size,
      deleted,
    });
  }
  if (crc64 !== undefined && head.crc64 !== null && head.crc64 !== crc64) {
    const deleted = await discard();
    throw new Refusal('checksum-mismatch', 'The stored file differs from the one sent.', {
      expected: crc64,
      actual: head.crc64,
      deleted,
    });
  }
  return {
    key: t.key,
    size: head.size,
    crc64: head.crc64,
    etag: head.etag,
    verified: crc64 === undefined || head.crc64 === crc64,
  };
}
