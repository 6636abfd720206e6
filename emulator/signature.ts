import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { camSafeUrlEncode, type QueryParam } from './cos-encoding';
import { CosError, requestExpired } from './cos-error';

/**
 * COS request signature ("q-sign" v5), written from the documented algorithm rather than taken
 * from the SDK, so the SDK and this verifier check each other.
 */

/** A name/value pair that goes into HttpString; names and values are raw (not yet encoded). */
export type SignPair = readonly [name: string, value: string];

const sha1Hex = (data: string): string => createHash('sha1').update(data, 'utf8').digest('hex');
const hmacSha1Hex = (key: string, data: string): string =>
  createHmac('sha1', key).update(data, 'utf8').digest('hex');

/** `k1=v1&k2=v2`: names UrlEncoded then lowercased, values UrlEncoded, order kept as given. */
export function formatPairs(pairs: readonly SignPair[]): string {
  return pairs
    .map(([name, value]) => `${camSafeUrlEncode(name).toLowerCase()}=${camSafeUrlEncode(value)}`)
    .join('&');
}

/** `k1;k2`: the list form used by `q-header-list` / `q-url-param-list`. */
export function formatNameList(pairs: readonly SignPair[]): string {
  return pairs.map(([name]) => camSafeUrlEncode(name).toLowerCase()).join(';');
}

/**
 * HttpString = method\npath\nparams\nheaders\n. `pathname` is the decoded path (`/` + key as
 * UTF-8 text), not the percent-encoded request line.
 */
export function buildHttpString(
  method: string,
  pathname: string,
  params: readonly SignPair[],
  headers: readonly SignPair[],
): string {
  return `${method.toLowerCase()}\n${pathname}\n${formatPairs(params)}\n${formatPairs(headers)}\n`;
}

/** SignKey = hex(HMAC-SHA1(SecretKey, KeyTime)); used as a hex *string* key afterwards. */
export function signKey(secretKey: string, keyTime: string): string {
  return hmacSha1Hex(secretKey, keyTime);
}

/**
 * StringToSign = sha1\n<q-sign-time>\nsha1(HttpString)\n. It is the *sign* time that is hashed
 * (COS's documentation and the SDK's getAuth); the key time only derives SignKey. Clients send
 * the same value in both, so mixing them up only shows when the two differ.
 */
export function buildStringToSign(signTime: string, httpString: string): string {
  return `sha1\n${signTime}\n${sha1Hex(httpString)}\n`;
}

/** q-signature = hex(HMAC-SHA1(SignKey(q-key-time), StringToSign(q-sign-time))). */
export function computeSignature(
  secretKey: string,
  keyTime: string,
  httpString: string,
  signTime: string = keyTime,
): string {
  return hmacSha1Hex(signKey(secretKey, keyTime), buildStringToSign(signTime, httpString));
}

/** Sorts pairs by encoded, lowercased name, as the SDKs do when they sign. */
export function sortPairs(pairs: readonly SignPair[]): SignPair[] {
  const keyOf = (name: string): string => camSafeUrlEncode(name).toLowerCase();
  return [...pairs].sort((a, b) => {
    const ka = keyOf(a[0]);
    const kb = keyOf(b[0]);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

export interface AuthorizationInput {
  secretId: string;
  secretKey: string;
  keyTime: string;
  /** `q-sign-time`; the SDKs send the key time here too (the default). */
  signTime?: string;
  method: string;
  pathname: string;
  params?: readonly SignPair[];
  headers?: readonly SignPair[];
}

/**
 * Builds an Authorization value the way the SDKs do (pairs sorted, every given header signed).
 * Used by tests and tools that talk to the emulator without the SDK.
 */
export function createAuthorization(input: AuthorizationInput): string {
  const params = sortPairs(input.params ?? []);
  const headers = sortPairs(input.headers ?? []);
  const httpString = buildHttpString(input.method, input.pathname, params, headers);
  const signTime = input.signTime ?? input.keyTime;
  const signature = computeSignature(input.secretKey, input.keyTime, httpString, signTime);
  return [
    'q-sign-algorithm=sha1',
    `q-ak=${input.secretId}`,
    `q-sign-time=${signTime}`,
    `q-key-time=${input.keyTime}`,
    `q-header-list=${formatNameList(headers)}`,
    `q-url-param-list=${formatNameList(params)}`,
    `q-signature=${signature}`,
  ].join('&');
}

export interface AuthFields {
  source: 'header' | 'query';
  algorithm: string;
  ak: string;
  signTime: string;
  keyTime: string;
  headerList: string[];
  urlParamList: string[];
  signature: string;
}

const AUTH_FIELDS = [
  'q-sign-algorithm',
  'q-ak',
  'q-sign-time',
  'q-key-time',
  'q-header-list',
  'q-url-param-list',
  'q-signature',
] as const;

/**
 * Names in `q-*-list` are UrlEncoded and lowercased by the signer, but clients differ in how
 * often the list itself is encoded (raw, or encoded once more in URLs). Decoding once more and
 * re-encoding gives the form the signer hashed either way (`a%2fb` and `a/b` ⇒ `a%2fb`).
 */
function canonicalName(listed: string): string {
  let decoded = listed;
  try {
    decoded = decodeURIComponent(listed);
  } catch {
    // not an encoded name; use it as it is
  }
  return camSafeUrlEncode(decoded).toLowerCase();
}

const splitList = (value: string): string[] =>
  value === '' ? [] : value.split(';').map((name) => canonicalName(name.trim()));

function fieldsFrom(
  source: AuthFields['source'],
  get: (name: string) => string | undefined,
): AuthFields {
  const missing = AUTH_FIELDS.filter((name) => get(name) === undefined);
  if (missing.length > 0) {
    throw new CosError(
      403,
      'AccessDenied',
      `Invalid Authorization: missing ${missing.join(', ')}.`,
    );
  }
  const v = (name: string): string => get(name) ?? '';
  return {
    source,
    algorithm: v('q-sign-algorithm'),
    ak: v('q-ak'),
    signTime: v('q-sign-time'),
    keyTime: v('q-key-time'),
    headerList: splitList(v('q-header-list')),
    urlParamList: splitList(v('q-url-param-list')),
    signature: v('q-signature'),
  };
}

/**
 * Reads auth from the `Authorization` header, else from `q-*` query parameters. Returns
 * undefined when the request carries no auth at all (anonymous). Every value is URL-decoded
 * (clients differ: raw `;` or `%3B`), and `;` is never a pair separator.
 */
export function extractAuth(
  headers: IncomingHttpHeaders,
  query: readonly QueryParam[],
): AuthFields | undefined {
  const header = headers.authorization;
  if (typeof header === 'string' && header.trim() !== '') {
    const map = new Map<string, string>();
    for (const part of header.trim().split('&')) {
      const eq = part.indexOf('=');
      const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
      const raw = eq < 0 ? '' : part.slice(eq + 1);
      let value: string;
      try {
        value = decodeURIComponent(raw);
      } catch {
        throw new CosError(403, 'AccessDenied', 'Invalid Authorization: bad percent-encoding.');
      }
      if (!map.has(name)) map.set(name, value.trim());
    }
    return fieldsFrom('header', (name) => map.get(name));
  }
  if (query.some((p) => p.name === 'q-signature' || p.name === 'q-ak')) {
    return fieldsFrom('query', (name) => query.find((p) => p.name === name)?.value);
  }
  return undefined;
}

/** Parses `start;end` (Unix seconds). */
export function parseKeyTime(keyTime: string): { start: number; end: number } | undefined {
  const m = /^(\d{1,12});(\d{1,12})$/.exec(keyTime.trim());
  if (!m) return undefined;
  return { start: Number(m[1]), end: Number(m[2]) };
}

export interface VerifyInput {
  method: string;
  /** Decoded path: `/` + key (or `/` for bucket requests). */
  pathname: string;
  query: readonly QueryParam[];
  headers: IncomingHttpHeaders;
  lookupSecret: (secretId: string) => string | undefined;
  nowMs: number;
}

export type VerifyResult =
  | { ok: true; anonymous: false; ak: string; expiresAtSec: number }
  | { ok: true; anonymous: true }
  | { ok: false; error: CosError };

const headerValue = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const v = headers[name];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(', ') : v;
};

/** True when the signature's end time has passed (COS compares whole seconds). */
export function isExpired(expiresAtSec: number, nowMs: number): boolean {
  return Math.floor(nowMs / 1000) > expiresAtSec;
}

/**
 * Verifies a request as COS does: unknown key ⇒ InvalidAccessKeyId, past the end of
 * q-sign-time or q-key-time ⇒ "Request has expired", otherwise rebuild HttpString from exactly the headers and
 * params the client listed (in the order listed; a listed header missing from the request
 * cannot match) and compare. Anonymous requests are reported, not rejected: the caller decides.
 */
export function verifyRequest(input: VerifyInput): VerifyResult {
  let auth: AuthFields | undefined;
  try {
    auth = extractAuth(input.headers, input.query);
  } catch (err) {
    if (err instanceof CosError) return { ok: false, error: err };
    throw err;
  }
  if (!auth) return { ok: true, anonymous: true };

  if (auth.algorithm.toLowerCase() !== 'sha1') {
    return {
      ok: false,
      error: new CosError(
        400,
        'InvalidArgument',
        `q-sign-algorithm ${auth.algorithm || '(empty)'} is not supported; use sha1.`,
      ),
    };
  }
  const secretKey = input.lookupSecret(auth.ak);
  if (secretKey === undefined) {
    return {
      ok: false,
      error: new CosError(
        403,
        'InvalidAccessKeyId',
        'The Access Key Id you provided does not exist in our records.',
      ),
    };
  }
  const keyTime = parseKeyTime(auth.keyTime);
  const signTime = parseKeyTime(auth.signTime);
  if (!keyTime || keyTime.start > keyTime.end) {
    return {
      ok: false,
      error: new CosError(403, 'AccessDenied', 'Invalid Authorization: bad q-key-time.'),
    };
  }
  if (!signTime || signTime.start > signTime.end) {
    return {
      ok: false,
      error: new CosError(403, 'AccessDenied', 'Invalid Authorization: bad q-sign-time.'),
    };
  }
  const expiresAtSec = Math.min(keyTime.end, signTime.end);
  if (isExpired(expiresAtSec, input.nowMs)) return { ok: false, error: requestExpired() };

  // A listed header or parameter that the request does not carry cannot match, whatever the
  // signature says; it is shown as empty in FormatString.
  let missingListed = false;
  const params: SignPair[] = [];
  for (const listed of auth.urlParamList) {
    const found = input.query.find((p) => camSafeUrlEncode(p.name).toLowerCase() === listed);
    if (!found) missingListed = true;
    params.push([listed, found ? found.value : '']);
  }
  const headers: SignPair[] = [];
  for (const listed of auth.headerList) {
    const value = headerValue(input.headers, decodeURIComponent(listed));
    if (value === undefined) missingListed = true;
    headers.push([listed, value ?? '']);
  }
  // formatPairs re-encodes names; listed names are already encoded, so format them directly.
  const formatListed = (pairs: SignPair[]): string =>
    pairs.map(([name, value]) => `${name}=${camSafeUrlEncode(value)}`).join('&');
  const httpString = `${input.method.toLowerCase()}\n${input.pathname}\n${formatListed(params)}\n${formatListed(headers)}\n`;
  const stringToSign = buildStringToSign(auth.signTime, httpString);
  const expected = hmacSha1Hex(signKey(secretKey, auth.keyTime), stringToSign);
  const given = auth.signature.toLowerCase();
  const match =
    !missingListed &&
    given.length === expected.length &&
    timingSafeEqual(Buffer.from(given, 'utf8'), Buffer.from(expected, 'utf8'));
  if (!match) {
    return {
      ok: false,
      error: new CosError(403, 'SignatureDoesNotMatch', 'The Signature you specified is invalid.', {
        StringToSign: stringToSign,
        FormatString: httpString,
      }),
    };
  }
  return { ok: true, anonymous: false, ak: auth.ak, expiresAtSec };
}
