import type { CosClient } from './cos-client';
import { CosError } from './cos-error';

/**
 * The bucket's versioning, checked by the signer's start, `npm run cos:setup` and
 * `npm run cos:selftest`. COS ignores `x-cos-forbid-overwrite` on a bucket that has ever had
 * versioning (Enabled, or Suspended after), and versioning can never be turned off again. The
 * portal relies on that header for more than a second line of defence against overwriting:
 * the quota journal, the completion ledger, revocations and the link registry are all
 * create-if-absent writes, so on such a bucket two concurrent signing calls (on one instance or
 * several) can both take the last slot of a link, and its limits no longer hold.
 */
export type VersioningCheck =
  { state: 'never' } | { state: 'Enabled' | 'Suspended' } | { state: 'unknown'; reason: string };

export async function checkBucketVersioning(cos: CosClient): Promise<VersioningCheck> {
  try {
    const status = await cos.getBucketVersioning();
    return status === null ? { state: 'never' } : { state: status };
  } catch (err) {
    const reason =
      err instanceof CosError
        ? `${err.cosCode}${err.statusCode ? ` (HTTP ${err.statusCode})` : ''}`
        : err instanceof Error
          ? err.message
          : String(err);
    return { state: 'unknown', reason };
  }
}

/** True when the bucket cannot be used: it has (had) versioning. */
export const versioningRefused = (check: VersioningCheck): boolean =>
  check.state === 'Enabled' || check.state === 'Suspended';

/** What the check found, in plain words: what it means and what to do. One paragraph. */
export function describeVersioning(bucket: string, check: VersioningCheck): string {
  switch (check.state) {
    case 'never':
      return `Versioning: never enabled on ${bucket} (as the portal needs: x-cos-forbid-overwrite holds).`;
    case 'unknown':
      return (
        `Versioning: could not be read on ${bucket} (${check.reason}). ` +
        'If the bucket has ever had versioning, uploads to an existing key replace it and link limits do not hold; ' +
        'give the key name/cos:GetBucketVersioning (docs/deploy.md) so this can be checked.'
      );
    default:
      return (
        `Versioning: ${check.state} on ${bucket}. On a bucket that has ever had versioning, COS ignores ` +
        'x-cos-forbid-overwrite: an upload with an existing key replaces the current version instead of being refused, ' +
        "and concurrent uploads can exceed a link's file and byte limits (the signer's state relies on " +
        'create-if-absent writes). Versioning cannot be turned off again, only suspended, which does not help. ' +
        'Use a bucket that has never had versioning: create a new one, then run npm run cos:setup and npm run cos:selftest against it.'
      );
  }
}
