/**
 * The admin view's self-test runner (src/features/admin/run-self-test.ts) with its real API
 * client, against a running signer and the emulator. Node's fetch does not enforce CORS, so
 * what a browser would block is checked in e2e; here the plumbing and the server's preflight
 * diagnosis are real.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSelfTest, verifySelfTest } from '../../src/features/admin/api/self-test';
import { runSelfTest } from '../../src/features/admin/run-self-test';
import { createApiClient } from '../../src/lib/api-client';
import { applyBucketCors } from '../cos/bucket-cors';
import type { RunningSigner } from '../start-signer';
import { startSignerOnStack, stopSignerOnStack } from '../testing/signer-on-stack';
import type { TestStack } from '../testing/test-stack';

const ADMIN_TOKEN = 'admin-token-for-selftest-0123456';
const ORIGIN = 'https://portal.example.com';
let stack: TestStack;
let signer: RunningSigner;

beforeAll(async () => {
  ({ stack, signer } = await startSignerOnStack({ ADMIN_TOKEN, PORTAL_ORIGINS: ORIGIN }));
});
afterAll(() => stopSignerOnStack({ stack, signer }));

function run(token = ADMIN_TOKEN) {
  const client = createApiClient({ apiBase: `${signer.url}/api/v1`, getToken: () => token });
  return runSelfTest({
    start: () => startSelfTest(client),
    verify: (key) => verifySelfTest(client, key),
    fetch: (input, init) =>
      fetch(input, { ...init, headers: { ...init?.headers, Origin: ORIGIN } }),
    origin: ORIGIN,
  });
}

describe('admin self-test runner', () => {
  it('passes every step on a bucket set up for the portal, and leaves nothing behind', async () => {
    await applyBucketCors(stack.cos, [ORIGIN]);
    const result = await run();
    expect(result.problems).toEqual([]);
    expect(result.steps.every((s) => s.ok)).toBe(true);
    expect(result.ok).toBe(true);
    expect((await stack.cos.listObjects('.portal/selftest/')).objects).toEqual([]);
  });

  it('reports what the server saw wrong with the rules', async () => {
    await stack.cos.putBucketCors([
      {
        allowedOrigins: [ORIGIN],
        allowedMethods: ['PUT'],
        allowedHeaders: ['*'],
        exposeHeaders: ['x-cos-hash-crc64ecma'],
      },
    ]);
    const result = await run();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(['etag-not-exposed']);
    expect(result.steps.find((s) => s.id === 'etag')?.ok).toBe(false);
  });

  it('fails with the signer’s error code for a wrong admin token', async () => {
    await expect(run('wrong-token-wrong-token')).rejects.toMatchObject({ code: 'unauthorized' });
  });
});
