import type { AdminLink } from '../../protocol/admin';
import { linkUrl, tokenOf } from '../links/create-link';
import type { LinkConfig } from '../links/create-link';
import { limitsOf, type LinkClaims } from '../links/link-types';
import type { LinkState } from '../state/link-state';
import { ownerViewOf, parseSubmissionSettings } from '../submissions/submission-settings';
import { quotaLimitsOf } from '../uploads/link-quota';

/**
 * A link as its owner sees it (admin API, `npm run link -- show`): claims, revocation, verified
 * use, uploads in flight, objects never verified and, when its key is still the active one,
 * its upload URL.
 */
export async function describeAdminLink(
  config: LinkConfig,
  state: LinkState,
  claims: LinkClaims,
  createdAt: number | null,
  kid: string | null,
): Promise<AdminLink> {
  const [revoked, { usage, inFlight, unverified }, record] = await Promise.all([
    state.revocation(claims.id),
    state.use({ id: claims.id, prefix: claims.prefix, withQuota: quotaLimitsOf(claims) !== null }),
    // What the link asks lives in its registry entry (the token has only a digest of it).
    claims.settingsHash ? state.readRecord(claims.id) : Promise.resolve(null),
  ]);
  const settings = record ? parseSubmissionSettings(record.submission) : null;
  return {
    id: claims.id,
    title: claims.title,
    message: claims.message,
    createdAt,
    expiresAt: claims.exp === null ? null : claims.exp * 1000,
    limits: limitsOf(claims),
    embedOrigins: [...claims.embedOrigins],
    keyPrefix: claims.prefix,
    revoked,
    usage,
    inFlight,
    unverified: unverified && { files: unverified.files, bytes: unverified.bytes },
    // HMAC is deterministic: with the same active key, minting again gives the very token that
    // was handed out. After a rotation it would be a different (if valid) token: show none.
    url:
      kid === config.linkKeys.active.kid
        ? linkUrl(config.publicUrl, tokenOf(config, claims))
        : null,
    ...(settings ? { submission: ownerViewOf(settings) } : {}),
  };
}

/** Describes many links a few at a time (each needs several reads from the bucket). */
export async function describeMany<T>(
  items: readonly T[],
  describe: (item: T) => Promise<AdminLink>,
  concurrency = 8,
): Promise<AdminLink[]> {
  const out: AdminLink[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await describe(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
}
