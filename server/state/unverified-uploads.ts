import type { CosClient, ListedObject } from '../cos/cos-client';
import { isManifestKey } from '../submissions/submission-manifest';
import { uploadKeyHash } from './ledger';

/**
 * Objects in a link's folder that nothing accounts for: no ledger entry (never verified and
 * counted), no running reservation (not an upload still under way), and not a submission's
 * manifest (the signer's own, written next to the files). They are uploads that
 * landed and were never completed: the page was closed before it could, or an upload was
 * refused at completion after its bytes had arrived. Their URLs were signed by the signer, so
 * they are the contributor's files, not an intrusion; the owner decides (docs/security.md,
 * "Revoking a link"): `npm run cos:cleanup` lists them and removes them only when asked.
 */
export interface UnverifiedScan {
  objects: ListedObject[];
  files: number;
  bytes: number;
  /** True when `objects` stops at `keep` (the counts are always complete). */
  truncated: boolean;
}

/** Whether an object under `prefix` is one nothing accounts for. */
export function isUnaccounted(
  key: string,
  prefix: string,
  accounted: (keyHash: string) => boolean,
): boolean {
  return key.startsWith(prefix) && !isManifestKey(key) && !accounted(uploadKeyHash(key));
}

/** A listing is paged by 1000 keys; this many pages is far beyond any sane link. */
const MAX_PAGES = 1000;

export async function scanUnverified(
  cos: CosClient,
  prefix: string,
  /** Whether a key hash is accounted for (in the ledger, or reserved and running). */
  accounted: (keyHash: string) => boolean,
  /** How many of the objects to keep (the counts cover all of them). */
  keep = 0,
): Promise<UnverifiedScan> {
  const scan: UnverifiedScan = { objects: [], files: 0, bytes: 0, truncated: false };
  let marker: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await cos.listObjects(prefix, marker ? { marker } : {});
    for (const o of res.objects) {
      if (!isUnaccounted(o.key, prefix, accounted)) continue;
      scan.files += 1;
      scan.bytes += o.size;
      if (scan.objects.length < keep) scan.objects.push(o);
      else if (keep > 0) scan.truncated = true;
    }
    if (res.nextMarker === null) break;
    marker = res.nextMarker;
  }
  return scan;
}
