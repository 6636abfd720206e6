import { randomBytes } from 'node:crypto';
import type { CorsProblem, PreflightCheck } from '../../protocol/admin';
import { crc64 } from '../../protocol/crc64';
import { FIXED_OBJECT_HEADERS } from '../../protocol/object-headers';
import type { CosClient, PresignedRequest } from './cos-client';
import { checkPreflight, exposeProblems } from './cors-check';

/**
 * The bucket self-test: what a browser on the portal origin needs from the bucket, checked
 * from Node (`npm run cos:selftest`). The admin view runs the same steps from the browser
 * itself, using `prepareSelfTest` for the key, body and signed request.
 */
export interface SelfTestPlan {
  key: string;
  body: string;
  crc64: string;
  request: PresignedRequest;
}

export interface SelfTestReport {
  origin: string;
  preflight: PreflightCheck;
  upload: {
    status: number | null;
    cosCode: string | null;
    etag: string | null;
    crc64: string | null;
    crc64Matches: boolean;
    exposeHeaders: string[];
  };
  /** Found by HEAD through the SDK, and deleted again. */
  stored: { found: boolean; size: number | null; deleted: boolean };
  problems: CorsProblem[];
  ok: boolean;
}

export const SELFTEST_DIR = 'selftest/';

export function isSelfTestKey(statePrefix: string, key: string): boolean {
  return new RegExp(
    `^${statePrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}selftest/[A-Za-z0-9_-]{16,64}$`,
  ).test(key);
}

/** A tiny object under the state prefix, signed exactly like a contributor's single PUT. */
export function prepareSelfTest(cos: CosClient, statePrefix: string, nowMs: number): SelfTestPlan {
  const key = `${statePrefix}${SELFTEST_DIR}${randomBytes(16).toString('base64url')}`;
  const body = `cos-upload-portal self-test ${new Date(nowMs).toISOString()}\n`;
  const request = cos.presignPut(key, {
    size: Buffer.byteLength(body),
    contentType: 'text/plain',
    extraHeaders: {
      'x-cos-forbid-overwrite': 'true',
      ...FIXED_OBJECT_HEADERS,
      'x-cos-meta-filename': 'self-test.txt',
    },
    expiresSeconds: 300,
  });
  return { key, body, crc64: crc64(Buffer.from(body)), request };
}

/** HEADs the test object and deletes it. */
export async function finishSelfTest(
  cos: CosClient,
  key: string,
): Promise<{ found: boolean; size: number | null; crc64: string | null; deleted: boolean }> {
  const head = await cos.headObject(key);
  const deleted = await cos.deleteObject(key).then(
    () => true,
    () => false,
  );
  return { found: head !== null, size: head?.size ?? null, crc64: head?.crc64 ?? null, deleted };
}

export async function runBucketSelfTest(options: {
  cos: CosClient;
  statePrefix: string;
  origin: string;
  now?: () => number;
  fetchImpl?: typeof fetch;
}): Promise<SelfTestReport> {
  const { cos, statePrefix, origin } = options;
  const fetchImpl = options.fetchImpl ?? fetch;
  const plan = prepareSelfTest(cos, statePrefix, (options.now ?? Date.now)());
  const preflight = await checkPreflight(cos.objectUrl(plan.key), origin, fetchImpl);

  const upload: SelfTestReport['upload'] = {
    status: null,
    cosCode: null,
    etag: null,
    crc64: null,
    crc64Matches: false,
    exposeHeaders: [],
  };
  const problems = new Set<CorsProblem>(preflight.problems);
  try {
    const res = await fetchImpl(plan.request.url, {
      method: 'PUT',
      headers: { ...plan.request.headers, Origin: origin },
      body: plan.body,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    upload.status = res.status;
    upload.etag = res.headers.get('etag');
    upload.crc64 = res.headers.get('x-cos-hash-crc64ecma');
    upload.crc64Matches = upload.crc64 === plan.crc64;
    upload.exposeHeaders = (res.headers.get('access-control-expose-headers') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!res.ok) {
      upload.cosCode = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? null;
      problems.add('put-failed');
    } else if (!problems.has('origin-not-allowed')) {
      // COS adds CORS headers to the actual response from the first matching rule.
      for (const p of exposeProblems(upload.exposeHeaders)) problems.add(p);
    }
  } catch {
    problems.add(problems.has('endpoint-unreachable') ? 'endpoint-unreachable' : 'put-failed');
  }
  const stored = await finishSelfTest(cos, plan.key).catch(() => ({
    found: false,
    size: null,
    crc64: null,
    deleted: false,
  }));
  return {
    origin,
    preflight,
    upload,
    stored: { found: stored.found, size: stored.size, deleted: stored.deleted },
    problems: [...problems],
    ok: problems.size === 0 && upload.crc64Matches && stored.found,
  };
}
