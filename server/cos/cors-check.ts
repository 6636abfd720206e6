import type { CorsProblem, PreflightCheck } from '../../protocol/admin';

/**
 * Checks a bucket's CORS rules the way a browser meets them: a preflight from the portal
 * origin for the PUT an upload makes, then (in the self-tests) a real tiny PUT. COS answers a
 * refused preflight with a bare 403, so when the full preflight fails, simpler ones narrow
 * down which part of the rule is missing: origin, method or headers.
 */

/** The headers a browser asks to send with an upload (single PUT), lowercased and sorted. */
export const UPLOAD_REQUEST_HEADERS = [
  'content-type',
  'x-cos-forbid-overwrite',
  'x-cos-meta-filename',
];
/** Response headers the portal must be able to read. */
export const REQUIRED_EXPOSED = { etag: 'etag', crc64: 'x-cos-hash-crc64ecma' } as const;

type Fetch = typeof fetch;

const list = (value: string | null): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

async function preflight(
  url: string,
  origin: string,
  method: string,
  headers: readonly string[],
  fetchImpl: Fetch,
): Promise<Response | null> {
  try {
    const res = await fetchImpl(url, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': method,
        ...(headers.length ? { 'Access-Control-Request-Headers': headers.join(',') } : {}),
      },
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer();
    return res;
  } catch {
    return null;
  }
}

/** Problems with the exposed headers, read from a CORS response. */
export function exposeProblems(exposeHeaders: readonly string[]): CorsProblem[] {
  const exposed = new Set(exposeHeaders.map((h) => h.toLowerCase()));
  const problems: CorsProblem[] = [];
  if (!exposed.has(REQUIRED_EXPOSED.etag)) problems.push('etag-not-exposed');
  if (!exposed.has(REQUIRED_EXPOSED.crc64)) problems.push('crc64-not-exposed');
  return problems;
}

/** Preflights a PUT of `url` from `origin` and names what the bucket's rules are missing. */
export async function checkPreflight(
  url: string,
  origin: string,
  fetchImpl: Fetch = fetch,
): Promise<PreflightCheck> {
  const full = await preflight(url, origin, 'PUT', UPLOAD_REQUEST_HEADERS, fetchImpl);
  const result: PreflightCheck = {
    origin,
    status: full?.status ?? null,
    allowOrigin: full?.headers.get('access-control-allow-origin') ?? null,
    allowMethods: list(full?.headers.get('access-control-allow-methods') ?? null),
    allowHeaders: list(full?.headers.get('access-control-allow-headers') ?? null),
    exposeHeaders: list(full?.headers.get('access-control-expose-headers') ?? null),
    problems: [],
  };
  if (!full) return { ...result, problems: ['endpoint-unreachable'] };
  if (full.ok) {
    const problems: CorsProblem[] = [];
    if (result.allowOrigin !== origin && result.allowOrigin !== '*') {
      problems.push('origin-not-allowed');
    }
    if (!result.allowMethods.some((m) => m.toUpperCase() === 'PUT'))
      problems.push('put-not-allowed');
    const allowed = new Set(result.allowHeaders.map((h) => h.toLowerCase()));
    if (!allowed.has('*') && UPLOAD_REQUEST_HEADERS.some((h) => !allowed.has(h))) {
      problems.push('headers-not-allowed');
    }
    return { ...result, problems: [...problems, ...exposeProblems(result.exposeHeaders)] };
  }
  // Refused: find out which part of the rule is missing.
  const bare = await preflight(url, origin, 'PUT', [], fetchImpl);
  if (bare?.ok) {
    return {
      ...result,
      problems: [
        'headers-not-allowed',
        ...exposeProblems(list(bare.headers.get('access-control-expose-headers'))),
      ],
    };
  }
  for (const method of ['GET', 'HEAD', 'POST', 'DELETE']) {
    if ((await preflight(url, origin, method, [], fetchImpl))?.ok) {
      return { ...result, problems: ['put-not-allowed'] };
    }
  }
  return { ...result, problems: ['origin-not-allowed'] };
}

/** The rule to add for each problem, in plain words (CLI output; the admin view has its own). */
export const CORS_ADVICE: Record<CorsProblem, (origin: string) => string> = {
  'origin-not-allowed': (o) =>
    `No CORS rule allows the portal origin ${o}. Add a rule with AllowedOrigin ${o} (run npm run cos:setup).`,
  'put-not-allowed': (o) =>
    `A CORS rule matches ${o} but does not allow PUT. Add PUT to its AllowedMethod.`,
  'headers-not-allowed': () =>
    `PUT is allowed, but not the headers an upload sends (${UPLOAD_REQUEST_HEADERS.join(', ')}). Set AllowedHeader to *.`,
  'etag-not-exposed': () =>
    'ETag is not in ExposeHeader: the browser cannot read part ETags, so large (multipart) uploads fail. Add ETag to ExposeHeader.',
  'crc64-not-exposed': () =>
    'x-cos-hash-crc64ecma is not in ExposeHeader: the browser cannot read the CRC64 COS computed. Add x-cos-hash-crc64ecma to ExposeHeader.',
  'endpoint-unreachable': () =>
    'The storage endpoint did not answer: check the bucket, region and COS_DOMAIN, and the network.',
  'put-failed': () => 'The test upload failed: see the status and COS error code.',
};
