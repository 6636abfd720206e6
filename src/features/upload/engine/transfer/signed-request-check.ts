/**
 * Every signed request is checked before a byte of the file goes out (threat T15 in the
 * security notes): a signer that was swapped or misconfigured must not be able to send the
 * person's files somewhere else, or have them stored with headers the portal never asks for
 * (`x-cos-acl: public-read`, `x-cos-grant-*`, a copy source…).
 *
 * - the method is PUT and the URL carries a COS signature (`q-signature`);
 * - its path is the object key of the plan;
 * - when the deployment names its storage origin (`storageOrigin` in /config.json), the URL's
 *   origin is exactly that, and it is https unless that origin is plain http on a loopback
 *   address (the local emulator);
 * - its headers come from a short allow-list, without line breaks; the object's ACL and
 *   disposition, when named, have the fixed values every upload carries (`x-cos-acl: default`,
 *   `Content-Disposition: attachment`: protocol/object-headers.ts), never `public-read`.
 *
 * Without a configured origin the scheme and host cannot be judged and are not; the other
 * checks still apply. The page's CSP `connect-src` limits where XHR may go, independently.
 */
import { OBJECT_ACL, OBJECT_DISPOSITION } from '../../../../../protocol/object-headers';
import type { SignedRequest } from '../../../../../protocol/schemas';

const ALLOWED_HEADERS: ReadonlySet<string> = new Set([
  // The browser sets the length itself; a signer may still name it.
  'content-length',
  'content-type',
  'content-md5',
  'cache-control',
  'x-cos-forbid-overwrite',
  'x-cos-storage-class',
]);
/** Headers allowed with one value only: the signer binds them, it never chooses them. */
const FIXED_VALUES: ReadonlyMap<string, string> = new Map([
  ['x-cos-acl', OBJECT_ACL],
  ['content-disposition', OBJECT_DISPOSITION],
]);
/** `x-cos-meta-<name>`: the file name and an embedding host's metadata (protocol FileMetadata). */
const META_HEADER = /^x-cos-meta-[a-z0-9-]{1,64}$/;
const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

export function isLoopbackHttp(origin: URL): boolean {
  return origin.protocol === 'http:' && LOOPBACK_HOST.test(origin.hostname);
}

/**
 * Why `request` must not be sent for object `key`, or null when it may. `storageOrigin` is the
 * configured origin of the bucket endpoint, or null when the deployment does not name it.
 */
export function signedRequestProblem(
  request: SignedRequest,
  key: string,
  storageOrigin: string | null,
): string | null {
  if (request.method !== 'PUT') return `method ${request.method}`;
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return 'not a URL';
  }
  if (url.username || url.password) return 'credentials in the URL';
  if (storageOrigin !== null) {
    let expected: URL;
    try {
      expected = new URL(storageOrigin);
    } catch {
      return 'storage origin not a URL';
    }
    if (url.origin !== expected.origin) return `origin ${url.origin}`;
    if (url.protocol !== 'https:' && !isLoopbackHttp(expected)) return `scheme ${url.protocol}`;
  }
  if (!url.searchParams.get('q-signature')) return 'no q-signature';
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return 'undecodable path';
  }
  if (path !== `/${key}`) return 'path is not the object key';
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    const fixed = FIXED_VALUES.get(lower);
    if (fixed !== undefined) {
      if (value !== fixed) return `header ${lower}`;
    } else if (!ALLOWED_HEADERS.has(lower) && !META_HEADER.test(lower)) {
      return `header ${lower}`;
    }
    if (/[\r\n\0]/.test(value)) return `line break in header ${lower}`;
  }
  return null;
}
