import { CosError } from './cos-error';

/**
 * COS's UrlEncode: `encodeURIComponent` plus `! ' ( ) *`, exactly what the official SDKs use
 * when they build HttpString, so a verifier that encodes the same way reproduces their bytes.
 */
export function camSafeUrlEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/!/g, '%21')
    .replace(/'/g, '%27')
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')
    .replace(/\*/g, '%2A');
}

/**
 * Percent-decodes a request path the way COS does: a raw `+` becomes a space (real COS error
 * bodies show `FormatString` with spaces where the request had `+`), `%2B` stays a plus.
 * Malformed escapes or invalid UTF-8 are a 400 `InvalidURI`, never a silent guess.
 */
export function decodeCosPath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath.replace(/\+/g, ' '));
  } catch {
    throw new CosError(400, 'InvalidURI', 'Could not parse the specified URI.');
  }
}

export interface QueryParam {
  name: string;
  value: string;
}

/**
 * Splits a raw query string into decoded name/value pairs, in order. WHATWG parsing: only `&`
 * separates pairs (`;` is data: `q-sign-time=1;2` must survive), `?uploads` ≡ `uploads=`.
 */
export function parseQuery(rawQuery: string): QueryParam[] {
  const out: QueryParam[] = [];
  for (const [name, value] of new URLSearchParams(rawQuery)) out.push({ name, value });
  return out;
}

/** First value of a query parameter (exact name), or undefined when absent. */
export function queryValue(query: readonly QueryParam[], name: string): string | undefined {
  return query.find((p) => p.name === name)?.value;
}

/** Object URL path as the SDKs build it: the key percent-encoded, `/` kept. */
export function encodeKeyPath(key: string): string {
  return '/' + camSafeUrlEncode(key).replace(/%2F/g, '/');
}
