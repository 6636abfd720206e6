import COS from 'cos-nodejs-sdk-v5';
import type { CosClient, PresignedRequest } from './cos-client';
import type { Sdk } from './sdk-calls';

/**
 * Pre-signed URLs: the browser's PUTs and the owner's GETs. The signature is the SDK's own,
 * from its static `COS.getAuthorization` (the function every SDK signing path ends in), called
 * with exactly the inputs the SDK's `getObjectUrl` gives it; only the URL around it is put
 * together here, the way `getObjectUrl` does. That entry skips what `getObjectUrl` does on top
 * for each URL and that this signer never uses: an MD5 of the request's permission scope (for
 * temporary-key caches), a second, callback form of the URL with its own regular expressions,
 * a timer to call that callback, and the endpoint's domain template expanded again. Profiled,
 * that was most of a signing call. cos-presign.test.ts proves the URLs byte-identical to
 * `getObjectUrl`'s for many keys and against the reference vectors.
 */

/** The parts of the SDK's options signing reads; `SystemClockOffset` may change at run time. */
interface SdkSigningOptions {
  SecretId: string;
  SecretKey: string;
  SecurityToken?: string;
  XCosSecurityToken?: string;
  SystemClockOffset?: number;
  getAuthorization?: unknown;
  getSTS?: unknown;
  UseRawKey?: boolean;
  UseAccelerate?: boolean;
  ForcePathStyle?: boolean;
  ForceSignHost?: boolean;
}

/** The SDK's `camSafeUrlEncode`: `encodeURIComponent`, and `! ' ( ) *` encoded too. */
function camSafeUrlEncode(s: string): string {
  return encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The SDK's `obj2str(query)` for the URL: names sorted by their lowercased raw form (the SDK's
 * comparator, which keeps equal names in place), then `name=value`, both encoded, case kept.
 */
function queryString(query: Record<string, string>): string {
  return Object.keys(query)
    .sort((a, b) => {
      const x = a.toLowerCase();
      const y = b.toLowerCase();
      return x === y ? 0 : x > y ? 1 : -1;
    })
    .map((name) => `${camSafeUrlEncode(name)}=${camSafeUrlEncode(query[name] ?? '')}`)
    .join('&');
}

/** `end` of the `q-key-time=start;end` the SDK writes (raw `;`, Unix seconds), as ms. */
function keyTimeEnd(authorization: string): number {
  const at = authorization.indexOf('&q-key-time=');
  const semicolon = authorization.indexOf(';', at);
  const amp = authorization.indexOf('&', at + 1);
  const end = Number(authorization.slice(semicolon + 1, amp < 0 ? undefined : amp));
  if (at < 0 || semicolon < 0 || !Number.isFinite(end)) {
    throw new Error('SDK produced a signature without q-key-time');
  }
  return end * 1000;
}

/** One pre-signed request: method, key, the headers and query parameters to sign. */
export type Presign = (
  key: string,
  method: 'PUT' | 'GET',
  headers: Record<string, string>,
  query: Record<string, string> | undefined,
  expiresSeconds: number,
) => PresignedRequest;

/** What `sdk.getObjectUrl({ ...where, Key, Method, Headers, Query, Expires })` returns. */
export function createPresigner({ sdk, where }: Sdk): Presign {
  const options = (sdk as unknown as { options: SdkSigningOptions }).options;
  // This path reproduces getObjectUrl for the options this server constructs the SDK with
  // (cos-client.ts): a permanent key (no temporary credentials, so no security token in the
  // URL), no accelerate or path-style endpoint, the host signed.
  if (
    options.getAuthorization ||
    options.getSTS ||
    options.SecurityToken ||
    options.XCosSecurityToken
  ) {
    throw new Error('presigning expects a permanent key, not temporary credentials');
  }
  if (options.UseAccelerate || options.ForcePathStyle || options.ForceSignHost === false) {
    throw new Error('presigning expects the default endpoint style with a signed host');
  }
  // The endpoint up to and including the `/` before the key, as getObjectUrl builds it (the
  // SDK wants a key, so one of a single letter is cut off again).
  const probe: unknown = sdk.getObjectUrl({ ...where, Key: 'x', Sign: false }, () => {});
  const base = typeof probe === 'string' ? probe.slice(0, -1) : '';
  // getObjectUrl signs the URL's host (its `getSignHost`).
  const hostMatch = /^https?:\/\/([^/]+)\/$/.exec(base);
  if (!hostMatch) throw new Error(`unexpected COS endpoint for ${JSON.stringify(where)}`);
  const signHost = hostMatch[1]!;

  return (givenKey, method, headers, query, expiresSeconds) => {
    // The SDK refuses an empty key, and drops one leading `/` (its `UseRawKey` off).
    if (!givenKey) throw new Error('presigning needs an object key');
    const key = !options.UseRawKey && givenKey[0] === '/' ? givenKey.slice(1) : givenKey;
    // getObjectUrl signs the headers given without the empty ones, plus the host.
    const signed: Record<string, string> = {};
    const browserHeaders: Record<string, string> = {};
    let givenHost = '';
    for (const name of Object.keys(headers)) {
      const value = headers[name]!;
      const lower = name.toLowerCase();
      if (lower === 'host') givenHost = value;
      if (value !== '') signed[name] = value;
      if (lower !== 'host' && lower !== 'content-length') browserHeaders[name] = value;
    }
    if (!givenHost) signed.Host = signHost;
    const authorization = COS.getAuthorization({
      SecretId: options.SecretId,
      SecretKey: options.SecretKey,
      Method: method,
      Pathname: `/${key}`,
      ...(query ? { Query: query } : {}),
      Headers: signed,
      Expires: expiresSeconds,
      SystemClockOffset: options.SystemClockOffset ?? 0,
    });
    let url = `${base}${camSafeUrlEncode(key).replace(/%2F/g, '/')}?${authorization}`;
    if (query) {
      const rest = queryString(query);
      if (rest) url += `&${rest}`;
    }
    return { url, headers: browserHeaders, expiresAt: keyTimeEnd(authorization) };
  };
}

export function presignedCalls(
  parts: Sdk,
): Pick<CosClient, 'presignPut' | 'presignPart' | 'presignGet' | 'objectUrl'> {
  const { sdk, where } = parts;
  const presign = createPresigner(parts);
  return {
    presignPut(key, { size, contentType, extraHeaders = {}, expiresSeconds }) {
      return presign(
        key,
        'PUT',
        { 'Content-Length': String(size), 'Content-Type': contentType, ...extraHeaders },
        undefined,
        expiresSeconds,
      );
    },

    presignPart(key, uploadId, partNumber, size, expiresSeconds) {
      return presign(
        key,
        'PUT',
        { 'Content-Length': String(size) },
        { partNumber: String(partNumber), uploadId },
        expiresSeconds,
      );
    },

    presignGet(key, { expiresSeconds, query }) {
      return presign(key, 'GET', {}, query, expiresSeconds);
    },

    objectUrl(key) {
      return sdk.getObjectUrl({ ...where, Key: key, Sign: false }, () => {});
    },
  };
}
