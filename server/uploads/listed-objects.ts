import type { CosClient } from '../cos/cos-client';
import { compareKeys } from '../cos/key-order';

/**
 * Finding many uploaded objects with a few GET Bucket requests instead of one HEAD each.
 *
 * Object ids start with the time they were signed (create-uploads.ts), so the files of one
 * page sit together in their folder in listing order: the keys of a verification batch are one
 * range, which one listing from just before the first of them covers (`marker`, `max-keys`
 * 1000, `delimiter` `/` so deeper folders count as one entry each). Between them lie only other
 * files signed at the same time in the same folder. When a page ends before the last key, the
 * next listing starts just before the next key not yet seen, skipping the gap.
 *
 * What a listing says is only ever used as evidence *for* an object (COS documents GET Bucket
 * as eventually consistent: an object written a moment ago may be missing from it): a key not
 * listed, or listed with another size or ETag, is looked at with HEAD by the caller.
 */
export interface ListedUpload {
  size: number;
  /** As COS lists it (quoted). */
  etag: string;
}

const MAX_KEYS = 1000;
/** Folders listed at once. */
const CONCURRENCY = 4;

/** The greatest string below `key` that GET Bucket's `marker` can name: `key` less its last character. */
function justBefore(key: string): string | undefined {
  const chars = Array.from(key);
  chars.pop();
  return chars.length > 0 ? chars.join('') : undefined;
}

function folderOf(key: string): string {
  return key.slice(0, key.lastIndexOf('/') + 1);
}

/**
 * The listed size and ETag of each key found. A folder holding only one of the keys is not
 * listed (a HEAD costs the same and says more), and a folder whose keys are scattered among
 * many others is listed at most a few times: what is left is for HEAD.
 */
export async function findListed(
  cos: CosClient,
  keys: readonly string[],
): Promise<Map<string, ListedUpload>> {
  const byFolder = new Map<string, string[]>();
  for (const key of new Set(keys)) {
    const folder = folderOf(key);
    const list = byFolder.get(folder);
    if (list) list.push(key);
    else byFolder.set(folder, [key]);
  }
  const found = new Map<string, ListedUpload>();
  const folders = [...byFolder].filter(([, ks]) => ks.length >= 2);
  let next = 0;
  const worker = async () => {
    while (next < folders.length) {
      const [folder, ks] = folders[next++]!;
      await listRange(cos, folder, ks.sort(compareKeys), found);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, folders.length) }, worker));
  return found;
}

async function listRange(
  cos: CosClient,
  folder: string,
  sorted: readonly string[],
  found: Map<string, ListedUpload>,
): Promise<void> {
  const wanted = new Set(sorted);
  // Enough for a batch whose keys are one range (the usual case), a little more for ranges
  // interleaved with other uploads; beyond it, HEAD is as cheap.
  const budget = 1 + Math.ceil(sorted.length / 25);
  let i = 0;
  for (let n = 0; n < budget && i < sorted.length; n++) {
    const marker = justBefore(sorted[i]!);
    const page = await cos.listObjects(folder, {
      ...(marker && marker.length > folder.length ? { marker } : {}),
      delimiter: '/',
      maxKeys: MAX_KEYS,
    });
    for (const o of page.objects) {
      if (wanted.has(o.key)) found.set(o.key, { size: o.size, etag: o.etag });
    }
    if (page.nextMarker === null) return;
    const end = page.nextMarker;
    while (i < sorted.length && compareKeys(sorted[i]!, end) <= 0) i++;
  }
}
