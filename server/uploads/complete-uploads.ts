import type {
  CompleteBatchItem,
  CompleteBatchResult,
  CompleteRequest,
} from '../../protocol/schemas';
import type { StoredPart } from '../cos/cos-client';
import { isCosCode } from '../cos/cos-error';
import { Refusal } from '../refusal';
import type { LinkClaims } from '../links/link-types';
import type { Outcome } from './count-verified';
import { countVerified } from './count-verified';
import { COMPLETE_MARGIN_MS, ensureReserved, quotaLimitsOf } from './link-quota';
import type { ListedUpload } from './listed-objects';
import { findListed } from './listed-objects';
import type { Multipart } from './open-ticket';
import {
  asMultipart,
  normalizeEtag,
  openTicket,
  typeRefused,
  typeStillAllowed,
} from './open-ticket';
import { partLength } from './part-plan';
import type { UploadTicket } from './ticket';
import type { UploadDeps } from './upload-deps';
import { uploadGone } from './upload-ops';
import type { Verified } from './verify-by-head';
import { verifyByHead } from './verify-by-head';

/**
 * Completing uploads: `POST /uploads/complete` (one upload, single or multipart) and
 * `POST /uploads/complete-batch` (up to 100 single uploads). A file is reported verified only
 * when the server has seen its object in the bucket, at its key, with its declared size, and
 * its content matches the file the browser read (docs/security.md, "What verified means"):
 *
 * - **Reported by the browser** (`etag`, with `cosCrc64` and/or `md5`): the browser has the
 *   ETag and CRC-64 COS answered to its PUT, and has compared that CRC-64 with its own. The
 *   server lists the batch's folder range once (listed-objects.ts) and accepts an upload when
 *   the listing shows its key with the declared size and the ETag the browser reported (and
 *   COS's CRC-64 as reported equals the browser's own; a sent `md5`, the browser's own MD5 of
 *   the file, must equal that ETag, which for a single PUT is COS's MD5 of what it stored).
 * - **Anything else goes to HEAD**, the authority: a key the listing does not show (COS's
 *   listings may lag), a size or ETag that differs, a CRC-64 that does not match, a browser
 *   that reported nothing. Every refusal (and every deletion of a bad object) is decided by
 *   HEAD, never by a listing.
 *
 * Then the batch is counted (count-verified.ts): one ledger object, one look at its submission.
 */
export type CompleteResult = Verified;

/** Refusals after which this upload's object is gone for good (what a submission lists as failed). */
const FINAL_FAILURES: ReadonlySet<string> = new Set([
  'size-mismatch',
  'checksum-mismatch',
  'too-many-files',
  'quota-exceeded',
]);
/** HEADs in flight at once for one call. */
const HEAD_CONCURRENCY = 8;

/** What the browser reported of COS's answer to its PUT, when enough to skip HEAD. */
function reportOf(req: CompleteBatchItem): CompleteBatchItem | null {
  if (req.crc64 === undefined || req.etag === undefined) return null;
  if (req.cosCrc64 === undefined && req.md5 === undefined) return null;
  return req;
}

/** Whether the listing shows exactly the object the browser reported. */
function listingConfirms(o: ListedUpload | undefined, t: UploadTicket, req: CompleteBatchItem) {
  if (!o || o.size !== t.size) return false;
  const etag = normalizeEtag(o.etag);
  if (etag === '' || etag !== normalizeEtag(req.etag ?? '')) return false;
  if (req.md5 !== undefined && normalizeEtag(req.md5) !== etag) return false;
  return req.cosCrc64 === undefined || req.cosCrc64 === req.crc64;
}

/** Whatever landed under a type the link does not allow goes, and its room with it. */
async function discardRefusedType(deps: UploadDeps, link: LinkClaims, t: UploadTicket) {
  const m = asMultipart(t);
  if (m) await deps.cos.abortMultipart(m.key, m.uploadId).catch(() => {});
  await deps.cos.deleteObject(t.key).catch(() => {});
  if (quotaLimitsOf(link)) await deps.state.quota.release(link.id, t.key).catch(() => {});
  return typeRefused(link);
}

/** Tells the submission about uploads that failed for good (best effort: the refusal is what counts). */
async function noteFailures(
  deps: UploadDeps,
  link: LinkClaims,
  failures: ReadonlyArray<{ ticket: UploadTicket; error: unknown }>,
): Promise<void> {
  for (const { ticket, error } of failures) {
    if (!ticket.submission || !(error instanceof Refusal) || !FINAL_FAILURES.has(error.code)) {
      continue;
    }
    await deps.submissions?.failed(link, ticket, error.code).catch(() => {});
  }
}

/** Verifies and counts single uploads of one link; one outcome each, in order. */
async function completeSingles(
  deps: UploadDeps,
  link: LinkClaims,
  uploads: ReadonlyArray<{ ticket: UploadTicket; req: CompleteBatchItem }>,
): Promise<Array<Outcome<Verified>>> {
  const outcomes: Array<Outcome<Verified>> = new Array(uploads.length);
  const toVerify: number[] = [];
  for (const [i, { ticket }] of uploads.entries()) {
    if (typeStillAllowed(link, ticket)) toVerify.push(i);
    else outcomes[i] = { ok: false, error: await discardRefusedType(deps, link, ticket) };
  }

  // Evidence from a listing for the uploads whose browser reported COS's answer.
  const reported = toVerify.filter((i) => reportOf(uploads[i]!.req));
  let listed = new Map<string, ListedUpload>();
  if (reported.length > 0) {
    try {
      listed = await findListed(
        deps.cos,
        reported.map((i) => uploads[i]!.ticket.key),
      );
    } catch {
      // A listing that fails proves nothing: HEAD decides for every one of them.
    }
  }
  const verified: Array<{ i: number; verified: Verified }> = [];
  const byHead: number[] = [];
  for (const i of toVerify) {
    const { ticket, req } = uploads[i]!;
    const o = listed.get(ticket.key);
    if (reportOf(req) && listingConfirms(o, ticket, req)) {
      verified.push({
        i,
        verified: {
          key: ticket.key,
          size: o!.size,
          crc64: req.crc64!,
          etag: o!.etag,
          verified: true,
        },
      });
    } else {
      byHead.push(i);
    }
  }
  let next = 0;
  const worker = async () => {
    while (next < byHead.length) {
      const i = byHead[next++]!;
      const { ticket, req } = uploads[i]!;
      try {
        verified.push({ i, verified: await verifyByHead(deps, ticket, req.crc64) });
      } catch (error) {
        outcomes[i] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(HEAD_CONCURRENCY, byHead.length) }, worker));

  verified.sort((a, b) => a.i - b.i);
  const counted = await countVerified(
    deps,
    link,
    verified.map((v) => ({ ticket: uploads[v.i]!.ticket, verified: v.verified })),
  );
  verified.forEach((v, n) => (outcomes[v.i] = counted[n]!));

  await noteFailures(
    deps,
    link,
    outcomes.flatMap((o, i) => (o.ok ? [] : [{ ticket: uploads[i]!.ticket, error: o.error }])),
  );
  return outcomes;
}

/**
 * POST /uploads/complete-batch: single uploads of one call verified and counted together, each
 * answered as `/uploads/complete` would answer it. One upload's refusal is its own result; a
 * failure the caller cannot name (a bug) fails the whole call, which the client simply repeats.
 */
export async function completeUploads(
  deps: UploadDeps,
  link: LinkClaims,
  uploads: readonly CompleteBatchItem[],
  /** The answer `/uploads/complete` would give for this error, or null to fail the call. */
  failureOf: (err: unknown) => Refusal | null,
): Promise<CompleteBatchResult[]> {
  const results: CompleteBatchResult[] = new Array(uploads.length);
  const settle = (index: number, outcome: Outcome<Verified>) => {
    if (outcome.ok) {
      results[index] = { ok: true, ...outcome.value };
      return;
    }
    const failure = failureOf(outcome.error);
    if (!failure) throw outcome.error;
    results[index] = { ok: false, error: failure.toApiError() };
  };
  const singles: Array<{ index: number; ticket: UploadTicket; req: CompleteBatchItem }> = [];
  for (const [index, req] of uploads.entries()) {
    let ticket: UploadTicket;
    try {
      ticket = openTicket(deps, link, req.ticket);
    } catch (error) {
      settle(index, { ok: false, error });
      continue;
    }
    if (ticket.mode === 'single') {
      singles.push({ index, ticket, req });
      continue;
    }
    // A multipart upload needs its part list: answered as /uploads/complete answers it.
    try {
      settle(index, { ok: true, value: await completeUpload(deps, link, req) });
    } catch (error) {
      settle(index, { ok: false, error });
    }
  }
  const outcomes = await completeSingles(deps, link, singles);
  singles.forEach((s, n) => settle(s.index, outcomes[n]!));
  return results;
}

/** POST /uploads/complete: one upload, single or multipart. Idempotent. */
export async function completeUpload(
  deps: UploadDeps,
  link: LinkClaims,
  req: CompleteRequest,
): Promise<CompleteResult> {
  const t = openTicket(deps, link, req.ticket);
  const m = asMultipart(t);
  if (!m) {
    if (req.parts && req.parts.length > 0) {
      throw new Refusal('invalid-request', 'A single upload is completed without parts.');
    }
    const [outcome] = await completeSingles(deps, link, [{ ticket: t, req }]);
    if (!outcome!.ok) throw outcome!.error;
    return outcome!.value;
  }
  try {
    const verified = await completeMultipart(deps, link, m, req);
    const [outcome] = await countVerified(deps, link, [{ ticket: m, verified }], { fresh: true });
    if (!outcome!.ok) throw outcome!.error;
    return outcome!.value;
  } catch (error) {
    await noteFailures(deps, link, [{ ticket: t, error }]);
    throw error;
  }
}

/** Completes a multipart upload from COS's own part list, then verifies the object by HEAD. */
async function completeMultipart(
  deps: UploadDeps,
  link: LinkClaims,
  m: Multipart,
  req: CompleteRequest,
): Promise<Verified> {
  if (!typeStillAllowed(link, m)) throw await discardRefusedType(deps, link, m);
  if (!req.parts || req.parts.length === 0) {
    throw new Refusal('invalid-request', 'List the uploaded parts to complete a multipart upload.');
  }
  let stored: StoredPart[];
  try {
    stored = await deps.cos.listParts(m.key, m.uploadId);
  } catch (err) {
    if (!isCosCode(err, 'NoSuchUpload')) throw err;
    // Completed earlier (the browser lost our answer and retries) or aborted: the object decides.
    return verifyExisting(deps, m, req.crc64);
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
    return verifyExisting(deps, m, req.crc64);
  }
  return verifyByHead(deps, m, req.crc64);
}

async function verifyExisting(
  deps: UploadDeps,
  t: UploadTicket,
  crc64: string | undefined,
): Promise<Verified> {
  if ((await deps.cos.headObject(t.key)) === null) throw uploadGone();
  return verifyByHead(deps, t, crc64);
}

/** Before completing: COS holds exactly parts 1..N, each of its planned size, matching the browser. */
function checkParts(
  m: Multipart,
  browser: ReadonlyArray<{ partNumber: number; etag: string }>,
  stored: readonly StoredPart[],
): void {
  const plan = { partSize: m.partSize, partCount: m.partCount };
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
    const expected = partLength(m.size, plan, p.partNumber);
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
