import type { ApiError } from '../../protocol/schemas';
import { Refusal } from '../refusal';
import type { LinkClaims } from '../links/link-types';
import { quotaLimitsOf, refusalOf, reservationTiming } from './link-quota';
import type { UploadTicket } from './ticket';
import type { UploadDeps } from './upload-deps';
import type { Verified } from './verify-by-head';

/**
 * Counting verified uploads, a batch at a time: within the link's limits, in the ledger, and in
 * their submission, with as few bucket requests as the guarantees allow.
 *
 * - **Limits.** With a count or size limit an upload must still be accounted for: normally its
 *   reservation is running; if that ran out (a very late complete) it is reserved again, and
 *   when it no longer fits the object is removed. For a single upload whose reservation this
 *   instance knows to be running for another minute (it signed it, or read the journal since),
 *   nothing is read: a running reservation leaves the journal only once its upload is counted.
 *   Otherwise one journal read for the whole batch (`fresh` forces it: multipart).
 * - **Ledger.** One object for the batch per submission (and one for uploads outside any),
 *   which is also the submission's record of its verified files.
 * - **Submission.** After that record, one fresh look at whether the submission closed
 *   meanwhile (see SubmissionUploadHooks.recorded).
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** How long a known running reservation must still have to go to skip the journal read. */
const KNOWN_RESERVED_MARGIN_MS = 60_000;

export async function countVerified(
  deps: UploadDeps,
  link: LinkClaims,
  uploads: ReadonlyArray<{ ticket: UploadTicket; verified: Verified }>,
  opts: { fresh?: boolean } = {},
): Promise<Array<Outcome<Verified>>> {
  const outcomes: Array<Outcome<Verified>> = uploads.map((u) => ({ ok: true, value: u.verified }));
  const limits = quotaLimitsOf(link);
  if (limits) {
    const unknown = uploads
      .map((u, i) => ({ u, i }))
      .filter(
        ({ u }) =>
          opts.fresh ||
          !deps.state.quota.knownReserved(link.id, u.ticket.key, KNOWN_RESERVED_MARGIN_MS),
      );
    if (unknown.length > 0) {
      try {
        const decided = await deps.state.quota.ensureMany(
          link.id,
          limits,
          unknown.map(({ u }) => ({ key: u.ticket.key, size: u.ticket.size })),
          { minRemainingMs: 0, ttlMs: reservationTiming(deps).ttlMs },
        );
        for (const [n, { u, i }] of unknown.entries()) {
          const decision = decided[n]!;
          if (decision.ok) continue;
          // It does not fit any more: it must not stay in the bucket uncounted.
          await deps.cos.deleteObject(u.ticket.key).catch(() => {});
          outcomes[i] = { ok: false, error: refusalError(refusalOf(decision)) };
        }
      } catch (err) {
        for (const { i } of unknown) outcomes[i] = { ok: false, error: err };
      }
    }
  }

  // One ledger batch per submission (and one for uploads outside any).
  const scopes = new Map<string | null, number[]>();
  uploads.forEach((u, i) => {
    if (!outcomes[i]!.ok) return;
    const scope = u.ticket.submission ?? null;
    const list = scopes.get(scope);
    if (list) list.push(i);
    else scopes.set(scope, [i]);
  });
  for (const [scope, indexes] of scopes) {
    try {
      const at = deps.now();
      await deps.state.recordCompletions(
        link.id,
        scope,
        indexes.map((i) => {
          const v = uploads[i]!.verified;
          return { key: v.key, size: v.size, crc64: v.crc64, at, via: 'complete' as const };
        }),
      );
      if (scope === null || !deps.submissions) continue;
      const tickets = indexes.map((i) => uploads[i]!.ticket);
      const refused = await deps.submissions.recorded(link, scope, tickets);
      for (const i of indexes) {
        const error = refused.get(uploads[i]!.ticket.key);
        if (error) outcomes[i] = { ok: false, error };
      }
    } catch (err) {
      for (const i of indexes) outcomes[i] = { ok: false, error: err };
    }
  }
  return outcomes;
}

function refusalError(refusal: ApiError): Refusal {
  return new Refusal(refusal.code, refusal.message, refusal.details);
}
