import type { ApiError } from '../../protocol/schemas';
import { Refusal } from '../refusal';
import type { LinkClaims } from '../links/link-types';
import type { QuotaItem, QuotaLimits, QuotaOutcome } from '../state/quota-journal';
import type { UploadDeps } from './upload-deps';

/**
 * How uploads use the quota journal (state/quota-journal.ts). A link with a file-count or
 * total-bytes limit reserves room for every upload it signs; the reservation lives at least as
 * long as any URL signed under it plus a grace period, is extended when URLs are signed again,
 * and turns into a ledger entry when the upload is verified. Links without these limits skip
 * the journal (they still record completions, for usage).
 */

/**
 * Margin past a URL's expiry during which its reservation still holds: covers a PUT that
 * started just before the URL expired on a store that lets it finish, and small clock
 * differences between signer instances.
 */
export const RESERVATION_GRACE_SECONDS = 600;
/** A multipart Complete runs only while its reservation has at least this long to go. */
export const COMPLETE_MARGIN_MS = 5 * 60_000;

export function quotaLimitsOf(link: LinkClaims): QuotaLimits | null {
  return link.maxFiles === null && link.maxTotalBytes === null
    ? null
    : { maxFiles: link.maxFiles, maxTotalBytes: link.maxTotalBytes };
}

/** A reservation must outlive every URL signed under it by the grace period. */
export function reservationTiming(deps: UploadDeps): { ttlMs: number; minRemainingMs: number } {
  const minRemainingMs = (deps.config.urlTtlSeconds + RESERVATION_GRACE_SECONDS) * 1000;
  // Twice the minimum, so re-signing extends a reservation only every so often.
  return { ttlMs: 2 * minRemainingMs, minRemainingMs };
}

export function refusalOf(outcome: Exclude<QuotaOutcome, { ok: true }>): ApiError {
  return outcome.code === 'too-many-files'
    ? {
        code: 'too-many-files',
        message: 'This link accepts no more files.',
        details: { limit: outcome.limit },
      }
    : {
        code: 'quota-exceeded',
        message: 'This file would exceed the total size the link allows.',
        details: { limit: outcome.limit },
      };
}

/**
 * Throws the link's refusal unless the upload is counted or reserved for at least
 * `minRemainingMs` (extending or re-reserving it as needed).
 */
export async function ensureReserved(
  deps: UploadDeps,
  link: LinkClaims,
  item: QuotaItem,
  minRemainingMs: number,
): Promise<void> {
  const limits = quotaLimitsOf(link);
  if (!limits) return;
  const { ttlMs } = reservationTiming(deps);
  const outcome = await deps.state.quota.ensure(link.id, limits, item, { minRemainingMs, ttlMs });
  if (!outcome.ok) {
    const refusal = refusalOf(outcome);
    throw new Refusal(refusal.code, refusal.message, refusal.details);
  }
}
