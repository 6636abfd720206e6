/**
 * Two signer processes (`server/main.ts`, as deployed) behind no load balancer but sharing one
 * secret and one bucket, which is all they share: a link minted on one works on the other, a
 * revocation on one stops uploads on the other within STATE_CACHE_SECONDS, and a link's file
 * count holds across both, also under concurrent requests.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateLinkResponse } from '../protocol/admin';
import { crc64 } from '../protocol/crc64';
import { CompleteBatchResponse, CreateUploadsResponse } from '../protocol/schemas';
import {
  AdminSubmissionsResponse,
  OpenSubmissionResponse,
  SubmissionReceiptResponse,
} from '../protocol/submissions';
import { apiScript, completed, errorCodeOf } from './testing/api-script';
import { startMain } from './testing/spawn-main';
import { stackEnv } from './testing/stack-env';
import type { TestStack } from './testing/test-stack';
import { startTestStack } from './testing/test-stack';

const ADMIN_TOKEN = 'two-signers-admin-token-000000000';
/** Short for the test; the documented default is 5 s and the ceiling 30 s. */
const CACHE_SECONDS = 2;
/** Submissions close after this long idle; each signer sweeps every 5 s (± a quarter). */
const IDLE_SECONDS = 3;

interface Signer {
  url: string;
  child: ChildProcess;
}

let stack: TestStack;
const signers: Signer[] = [];

function startSigner(): Promise<Signer> {
  return startMain({
    PORT: '0',
    ...stackEnv(stack),
    ADMIN_TOKEN,
    STATE_CACHE_SECONDS: String(CACHE_SECONDS),
    SUBMISSION_IDLE_SECONDS: String(IDLE_SECONDS),
    PORTAL_DIST_DIR: path.join(stack.dataDir, 'no-dist'),
    LOG_LEVEL: 'warn',
  });
}

beforeAll(async () => {
  stack = await startTestStack();
  signers.push(...(await Promise.all([startSigner(), startSigner()])));
}, 120_000);

afterAll(async () => {
  await Promise.all(
    signers.map(
      (s) =>
        new Promise<void>((resolve) => {
          if (s.child.exitCode !== null) return resolve();
          s.child.once('exit', () => resolve());
          s.child.kill('SIGTERM');
        }),
    ),
  );
  await stack?.close();
});

async function mintOn(signer: Signer, body: Record<string, unknown>) {
  const res = await fetch(`${signer.url}/api/v1/admin/links`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return CreateLinkResponse.parse(await res.json());
}

describe('two signer instances, one bucket', () => {
  it('a link minted on one works on the other, and its file count holds across both', async () => {
    const [a, b] = signers as [Signer, Signer];
    const { token } = await mintOn(a, { title: 'Shared', maxFiles: 3 });
    const onA = apiScript(a.url, token);
    const onB = apiScript(b.url, token);
    expect((await onB.link()).title).toBe('Shared');

    // Ten concurrent requests for one file each, spread over both instances.
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? onA : onB).create([{ name: `f${i}.txt`, size: 2 }]),
      ),
    );
    const accepted = results.map((r) => r[0]!).filter((r) => r.ok);
    expect(accepted).toHaveLength(3);
    for (const r of results.map((x) => x[0]!).filter((x) => !x.ok)) {
      expect(!r.ok && r.error.code).toBe('too-many-files');
    }

    // Upload the three, completing on alternate instances; both then report the same use.
    for (const [i, r] of accepted.entries()) {
      if (!r.ok || r.upload.kind !== 'single') throw new Error('not a single upload');
      const put = await fetch(r.upload.request.url, {
        method: 'PUT',
        headers: r.upload.request.headers,
        body: new Uint8Array([0x68, 0x69]),
      });
      expect(put.status).toBe(200);
      expect(completed(await (i % 2 ? onA : onB).complete(r.upload.ticket)).verified).toBe(true);
    }
    await new Promise((r) => setTimeout(r, CACHE_SECONDS * 1000 + 200));
    expect((await onA.link()).usage).toEqual({ files: 3, bytes: 6 });
    expect((await onB.link()).usage).toEqual({ files: 3, bytes: 6 });
    const [more] = await onA.create([{ name: 'more.txt', size: 1 }]);
    expect(more).toMatchObject({ ok: false, error: { code: 'too-many-files' } });
  });

  it('a batch signed on both and verified on one, with one listing, counts exactly on both', async () => {
    const [a, b] = signers as [Signer, Signer];
    const { token } = await mintOn(a, { title: 'Batch', maxFiles: 4 });
    const onA = apiScript(a.url, token);
    const onB = apiScript(b.url, token);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? onA : onB).create([{ name: `b${i}.txt`, size: 3 }]),
      ),
    );
    const accepted = results.map((r) => r[0]!).filter((r) => r.ok);
    expect(accepted).toHaveLength(4);
    const items = [];
    for (const [i, r] of accepted.entries()) {
      if (!r.ok || r.upload.kind !== 'single') throw new Error('not a single upload');
      const body = new TextEncoder().encode(`b${i}!`);
      const put = await fetch(r.upload.request.url, {
        method: 'PUT',
        headers: r.upload.request.headers,
        body,
      });
      expect(put.status).toBe(200);
      items.push({
        ticket: r.upload.ticket,
        crc64: crc64(body),
        etag: put.headers.get('etag')!,
        cosCrc64: put.headers.get('x-cos-hash-crc64ecma')!,
      });
    }
    stack.resetStats();
    const done = await onB.request('POST', '/uploads/complete-batch', { uploads: items });
    expect(CompleteBatchResponse.parse(done.json).results.every((r) => r.ok)).toBe(true);
    // No HEAD, one ledger object (besides, only listings and reads: of the batch's folder, of
    // the quota journal, and the instances' own background scans).
    const ops = stack.stats().byAuth.header;
    expect(ops.head ?? 0).toBe(0);
    expect(ops.put).toBe(1);
    // Verified again on the other instance: still counted once.
    const again = await onA.request('POST', '/uploads/complete-batch', { uploads: items });
    expect(CompleteBatchResponse.parse(again.json).results.every((r) => r.ok)).toBe(true);
    await new Promise((r) => setTimeout(r, CACHE_SECONDS * 1000 + 200));
    expect((await onA.link()).usage).toEqual({ files: 4, bytes: 12 });
    expect((await onB.link()).usage).toEqual({ files: 4, bytes: 12 });
    for (const api of [onA, onB]) {
      expect((await api.create([{ name: 'more.txt', size: 1 }]))[0]).toMatchObject({
        ok: false,
        error: { code: 'too-many-files' },
      });
    }
  });

  it('a revocation on one stops the other within the documented delay', async () => {
    const [a, b] = signers as [Signer, Signer];
    const { token, link } = await mintOn(a, { title: 'To revoke' });
    const onB = apiScript(b.url, token);
    // B has read (and cached) the link as not revoked.
    expect((await onB.create([{ name: 'before.txt', size: 1 }]))[0]!.ok).toBe(true);

    const revoked = await fetch(`${a.url}/api/v1/admin/links/${link.id}/revoke`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(revoked.status).toBe(200);
    const started = Date.now();
    let code: string | null = null;
    while (Date.now() - started < 30_000) {
      const reply = await onB.request('POST', '/uploads', {
        files: [{ clientId: 'x', name: 'after.txt', size: 1, type: '' }],
      });
      code = errorCodeOf(reply.json);
      if (code === 'link-revoked') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const delay = Date.now() - started;
    expect(code).toBe('link-revoked');
    // Within STATE_CACHE_SECONDS (plus request time), far under the 30 s documented ceiling.
    expect(delay).toBeLessThanOrEqual(CACHE_SECONDS * 1000 + 1000);
    expect(errorCodeOf((await apiScript(a.url, token).request('GET', '/link')).json)).toBe(
      'link-revoked',
    );
  });

  it('a submission opened on one, filled through both, is closed once by the sweeps', async () => {
    const [a, b] = signers as [Signer, Signer];
    const { token, link } = await mintOn(a, { title: 'Shared submission', ask: ['email'] });
    const onA = apiScript(a.url, token);
    const onB = apiScript(b.url, token);
    const opened = await onA.request('POST', '/submissions', {
      details: { email: 'both@example.com' },
    });
    expect(opened.status).toBe(201);
    const sub = OpenSubmissionResponse.parse(opened.json).submission;
    const files = [onA, onB, onA].map(async (api, i) => {
      const reply = await api.request('POST', '/uploads', {
        submission: sub.token,
        files: [{ clientId: 'f', name: `f${i}.txt`, size: 2, type: 'text/plain' }],
      });
      const [r] = CreateUploadsResponse.parse(reply.json).results;
      if (!r?.ok || r.upload.kind !== 'single') throw new Error('not signed');
      const put = await fetch(r.upload.request.url, {
        method: 'PUT',
        headers: r.upload.request.headers,
        body: new Uint8Array([0x6f, 0x6b]),
      });
      expect(put.status).toBe(200);
      return (i % 2 ? onA : onB).complete(r.upload.ticket);
    });
    for (const done of await Promise.all(files)) expect(done.status).toBe(200);

    // Nobody presses Finish and nothing asks (the owner's list never closes anything): the
    // instances' own sweeps close it.
    const started = Date.now();
    let state = 'open';
    while (Date.now() - started < 30_000) {
      const listed = await fetch(`${b.url}/api/v1/admin/links/${link.id}/submissions`, {
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      state = AdminSubmissionsResponse.parse(await listed.json()).submissions[0]!.state;
      if (state === 'closed') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(state).toBe('closed');
    const reply = await onB.request('POST', '/submissions/status', { submission: sub.token });
    const receipt = SubmissionReceiptResponse.parse(reply.json).submission;
    expect(receipt).toMatchObject({ state: 'closed', closedBy: 'idle', totalBytes: 6 });
    expect(receipt.files).toHaveLength(3);
    const manifests = await stack.cos.listObjects(`uploads/${link.id}/${sub.id}/manifest`);
    expect(manifests.objects.map((o) => o.key)).toEqual([
      `uploads/${link.id}/${sub.id}/manifest.json`,
    ]);
    const onAReceipt = await onA.request('POST', '/submissions/status', {
      submission: sub.token,
    });
    expect(SubmissionReceiptResponse.parse(onAReceipt.json).submission).toEqual(receipt);
  });
});
