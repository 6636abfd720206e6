/**
 * The bucket self-test as the browser itself experiences it: the real CORS preflight and PUT
 * from this page's origin, then reading `ETag` and `x-cos-hash-crc64ecma` off the answer.
 * Plain TypeScript (no React) so the rules are testable on their own.
 *
 * A browser shows a refused preflight only as a network error, with no reason. The server
 * repeats the preflight itself when the test starts (it can see the 403 and narrow down the
 * missing part), so a blocked upload is explained with the server's diagnosis.
 */
import type {
  CorsProblem,
  PreflightCheck,
  SelfTestStartResponse,
  SelfTestVerifyResponse,
} from '../../../protocol/admin';
import { CORS_PROBLEMS } from '../../../protocol/admin';

export type SelfTestStepId = 'preflight' | 'put' | 'etag' | 'crc64' | 'stored';

export interface SelfTestStep {
  id: SelfTestStepId;
  ok: boolean;
}

export interface SelfTestResult {
  origin: string;
  steps: SelfTestStep[];
  /** What to fix, most basic first. */
  problems: CorsProblem[];
  /** HTTP status and COS code of the test PUT when it got an answer that was not 200. */
  putStatus: number | null;
  putCode: string | null;
  ok: boolean;
}

export interface SelfTestDeps {
  start(): Promise<SelfTestStartResponse>;
  verify(key: string): Promise<SelfTestVerifyResponse>;
  fetch: typeof fetch;
  origin: string;
}

/** Observations of the browser's PUT, turned into problems (pure). */
export function interpretSelfTest(
  preflight: PreflightCheck,
  put:
    | { blocked: true }
    | { blocked: false; status: number; etag: string | null; crc64: string | null },
  expectedCrc64: string,
): CorsProblem[] {
  const problems = new Set<CorsProblem>();
  if (put.blocked) {
    // Blocked by CORS (or no network): the server's diagnosis says which rule is missing.
    const named = preflight.problems.filter((p) =>
      [
        'origin-not-allowed',
        'put-not-allowed',
        'headers-not-allowed',
        'endpoint-unreachable',
      ].includes(p),
    );
    for (const p of named.length ? named : (['origin-not-allowed'] as const)) problems.add(p);
  } else if (put.status < 200 || put.status >= 300) {
    problems.add('put-failed');
  } else {
    if (put.etag === null) problems.add('etag-not-exposed');
    if (put.crc64 === null) problems.add('crc64-not-exposed');
    else if (put.crc64 !== expectedCrc64) problems.add('put-failed');
  }
  for (const p of preflight.problems) {
    if (p === 'etag-not-exposed' || p === 'crc64-not-exposed' || p === 'headers-not-allowed') {
      problems.add(p);
    }
  }
  return CORS_PROBLEMS.filter((p) => problems.has(p));
}

export async function runSelfTest(deps: SelfTestDeps): Promise<SelfTestResult> {
  const plan = await deps.start();
  let put:
    | { blocked: true }
    | { blocked: false; status: number; etag: string | null; crc64: string | null };
  let putCode: string | null = null;
  try {
    const res = await deps.fetch(plan.request.url, {
      method: 'PUT',
      headers: plan.request.headers,
      // A typeless Blob: the browser sends exactly the signed Content-Type given above.
      body: new Blob([plan.body]),
    });
    const text = await res.text();
    put = {
      blocked: false,
      status: res.status,
      etag: res.headers.get('etag'),
      crc64: res.headers.get('x-cos-hash-crc64ecma'),
    };
    if (!res.ok) putCode = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? null;
  } catch {
    put = { blocked: true };
  }
  // Always clean up (and learn whether the object arrived, whatever the browser could read).
  const stored = await deps.verify(plan.key);
  const problems = interpretSelfTest(plan.preflight, put, plan.crc64);
  const has = (p: CorsProblem) => problems.includes(p);
  const putOk = !put.blocked && put.status >= 200 && put.status < 300;
  const steps: SelfTestStep[] = [
    {
      id: 'preflight',
      ok:
        !put.blocked &&
        !has('origin-not-allowed') &&
        !has('put-not-allowed') &&
        !has('headers-not-allowed'),
    },
    { id: 'put', ok: putOk },
    { id: 'etag', ok: putOk && !has('etag-not-exposed') },
    { id: 'crc64', ok: putOk && !put.blocked && put.crc64 === plan.crc64 },
    { id: 'stored', ok: stored.found && stored.deleted },
  ];
  return {
    origin: deps.origin,
    steps,
    problems,
    putStatus: put.blocked ? null : put.status,
    putCode,
    ok: problems.length === 0 && steps.every((s) => s.ok),
  };
}
