/**
 * Closing submissions: explicitly or when idle, on either of two signer instances over one
 * bucket, and the manifest each close writes, checked against the objects themselves (sizes
 * and CRC-64 read back through the official SDK from the emulator).
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { crc64 } from '../../protocol/crc64';
import { LinkInfoResponse, SignResponse } from '../../protocol/schemas';
import {
  AdminSubmissionResponse,
  AdminSubmissionsResponse,
  SubmissionReceiptResponse,
} from '../../protocol/submissions';
import { createApp } from '../http/app';
import { createLogger } from '../log/logger';
import { LinkState } from '../state/link-state';
import {
  ADMIN_TOKEN,
  adminCreateLink,
  call,
  errorOf,
  openSubmission,
  plan,
  put,
  single,
  text,
  uploadOne,
} from '../testing/submission-calls';
import type { TestStack } from '../testing/test-stack';
import { sendSigned, startTestStack } from '../testing/test-stack';
import type { SubmissionManifest } from './submission-manifest';
import { SubmissionManifestSchema } from './submission-manifest';
import { RECOVER_AFTER_MS } from './submission-closer';
import { SubmissionService } from './submission-service';
import { termsHash } from './submission-settings';

let stack: TestStack;
let clock = Date.now();
const IDLE_MS = 600_000;
/** URL_TTL_SECONDS (900) plus the reservation grace (600). */
const IN_FLIGHT_MS = 1_500_000;

interface Instance {
  app: Hono;
  service: SubmissionService;
  hooked: SubmissionManifest[];
  failHook: number;
}
let a: Instance;
let b: Instance;

function instance(): Instance {
  const now = () => clock;
  const logger = createLogger('silent');
  const state = new LinkState({
    cos: stack.cos,
    statePrefix: stack.config.statePrefix,
    cacheSeconds: stack.config.stateCacheSeconds,
    now,
  });
  const self: Instance = { app: null!, service: null!, hooked: [], failHook: 0 };
  self.service = new SubmissionService({
    config: stack.config,
    cos: stack.cos,
    state,
    now,
    logger,
    onSubmissionClosed: async (m) => {
      if (self.failHook > 0) {
        self.failHook--;
        throw new Error('receiver down');
      }
      self.hooked.push(m);
    },
  });
  self.app = createApp({
    config: stack.config,
    cos: stack.cos,
    logger,
    now,
    state,
    submissions: self.service,
  });
  return self;
}

beforeAll(async () => {
  stack = await startTestStack({
    ADMIN_TOKEN,
    STATE_CACHE_SECONDS: '0',
    MULTIPART_THRESHOLD: String(1024 * 1024),
    MULTIPART_PART_SIZE: String(1024 * 1024),
    ALLOW_SMALL_PARTS: '1',
  });
});
beforeEach(() => {
  clock = Date.now();
  a = instance();
  b = instance();
});
afterAll(async () => {
  await stack?.close();
});

const hooks = () => [...a.hooked, ...b.hooked];

async function receipt(app: Hono, token: string, submission: string, route = 'status') {
  const r = await call(app, 'POST', `/submissions/${route}`, { token, body: { submission } });
  expect(r.status, r.text).toBe(200);
  return SubmissionReceiptResponse.parse(r.json).submission;
}

async function readManifest(key: string) {
  const got = await stack.cos.getObject(key);
  expect(got, `manifest at ${key}`).not.toBeNull();
  return {
    raw: got!.body,
    manifest: SubmissionManifestSchema.parse(JSON.parse(got!.body.toString())),
  };
}

describe('closing a submission', () => {
  it('Finish writes a manifest that matches the objects byte for byte, and calls the hook once', async () => {
    const { token, link } = await adminCreateLink(a.app, {
      title: 'Portfolio 作品集',
      ask: ['name', 'email'],
      fields: [
        { label: 'Student ID', type: 'text', required: true },
        { label: 'Consent', type: 'checkbox', required: true },
      ],
      terms: 'Only your own work.',
      folderTemplate: '{email}/{submission}/',
    });
    const openReply = await call(a.app, 'POST', '/submissions', {
      token,
      headers: { 'User-Agent': 'TestBrowser/1.0\tX-Tab: 1' },
      body: {
        details: { name: '王小明', email: 'ming@example.com' },
        fields: { 'Student ID': '2026-001', Consent: true },
        termsAccepted: LinkInfoResponse.parse((await call(a.app, 'GET', '/link', { token })).json)
          .link.submission!.terms!.hash,
      },
    });
    expect(openReply.status).toBe(201);
    const sub = (openReply.json as { submission: { id: string; token: string } }).submission;

    const bodies = {
      'a.txt': text('first file'),
      '报告.pdf': new Uint8Array(70_000).map((_, i) => (i * 31) % 251),
      'empty.bin': new Uint8Array(0),
    };
    const okA = await uploadOne(a.app, token, sub.token, { name: 'a.txt', body: bodies['a.txt'] });
    clock += 1;
    const okB = await uploadOne(b.app, token, sub.token, {
      name: '报告.pdf',
      body: bodies['报告.pdf'],
      type: 'application/pdf',
      relativePath: 'scans/2024',
    });
    clock += 1;
    const okC = await uploadOne(a.app, token, sub.token, {
      name: 'empty.bin',
      body: bodies['empty.bin'],
    });
    for (const r of [okA, okB, okC]) expect(r.complete.status, r.complete.text).toBe(200);

    // One file whose bytes differ from what the browser checked: refused and removed.
    const [bad] = await plan(b.app, token, sub.token, [{ name: 'bad.txt', size: 4 }]);
    await put(bad, text('evil'));
    const mismatch = await call(b.app, 'POST', '/uploads/complete', {
      token,
      body: { ticket: single(bad).ticket, crc64: crc64(text('good')) },
    });
    expect(errorOf(mismatch).code).toBe('checksum-mismatch');
    // One file signed and never sent.
    const [never] = await plan(a.app, token, sub.token, [{ name: 'never.txt', size: 9 }]);

    clock += 1000;
    const closed = await receipt(b.app, token, sub.token, 'finish');
    expect(closed).toMatchObject({
      id: sub.id,
      state: 'closed',
      closedBy: 'finish',
      closedAt: clock,
      inFlight: 0,
      uploader: { name: '王小明', email: 'ming@example.com' },
      fields: { 'Student ID': '2026-001', Consent: true },
      totalBytes: 10 + 70_000,
    });
    expect(closed.files.map((f) => f.name)).toEqual(['a.txt', 'scans/2024/报告.pdf', 'empty.bin']);
    expect(closed.failed).toEqual([
      expect.objectContaining({
        name: 'bad.txt',
        reason: 'checksum-mismatch',
        key: single(bad).key,
      }),
      expect.objectContaining({
        name: 'never.txt',
        reason: 'not-completed',
        key: single(never).key,
      }),
    ]);

    // The manifest, read back from the bucket, against each object as COS holds it.
    const manifestKey = `uploads/${link.id}/ming@example.com/${sub.id}/manifest.json`;
    const { manifest, raw } = await readManifest(manifestKey);
    expect(manifest.link).toEqual({ id: link.id, title: 'Portfolio 作品集' });
    expect(manifest.submission).toMatchObject({
      id: sub.id,
      manifestKey,
      closedBy: 'finish',
      userAgent: 'TestBrowser/1.0X-Tab: 1',
      terms: { hash: closed.terms!.hash, acceptedAt: closed.startedAt },
    });
    expect(manifest.submission.files).toEqual(closed.files);
    for (const file of manifest.submission.files) {
      const head = await stack.cos.headObject(file.key);
      const bytes = (await stack.cos.getObject(file.key))!.body;
      const original = bodies[file.name.split('/').pop() as keyof typeof bodies];
      expect(head!.size).toBe(file.size);
      expect(head!.crc64).toBe(file.crc64);
      expect(Buffer.compare(bytes, Buffer.from(original))).toBe(0);
      expect(crc64(bytes)).toBe(file.crc64);
      expect(file.key.startsWith(`uploads/${link.id}/ming@example.com/${sub.id}/`)).toBe(true);
    }
    for (const f of manifest.submission.failed)
      expect(await stack.cos.headObject(f.key)).toBeNull();
    // Nothing else landed in the submission's folder.
    const inFolder = (await stack.cos.listObjects(`uploads/${link.id}/ming@example.com/${sub.id}/`))
      .objects;
    expect(inFolder.map((o) => o.key).sort()).toEqual(
      [manifestKey, ...manifest.submission.files.map((f) => f.key)].sort(),
    );

    // The hook got exactly what is in the bucket, once, from the instance that closed it.
    expect(b.hooked).toEqual([manifest]);
    expect(a.hooked).toEqual([]);
    expect(raw.toString()).toBe(`${JSON.stringify(manifest, null, 2)}\n`);

    // Closed: no more files, and finishing again changes nothing.
    const late = await call(a.app, 'POST', '/uploads', {
      token,
      body: { submission: sub.token, files: [{ clientId: 'x', name: 'x', size: 1, type: '' }] },
    });
    expect(late.status).toBe(409);
    expect(errorOf(late).code).toBe('submission-closed');
    clock += 5000;
    expect(await receipt(a.app, token, sub.token, 'finish')).toEqual(closed);
    expect(hooks()).toHaveLength(1);
  });

  it('closes by itself once idle: the sweep on two instances closes it once', async () => {
    const { token } = await adminCreateLink(a.app, { ask: ['name'] });
    const sub = await openSubmission(a.app, token, { details: { name: 'Idle' } });
    await uploadOne(a.app, token, sub.token, { name: 'a.txt', body: text('a') });
    const settledAt = clock;
    clock = settledAt + IDLE_MS - 1000;
    await Promise.all([a.service.sweep(), b.service.sweep()]);
    expect((await receipt(b.app, token, sub.token)).state).toBe('open');
    expect((await receipt(b.app, token, sub.token)).closesAt).toBe(settledAt + IDLE_MS);
    clock = settledAt + IDLE_MS;
    await Promise.all([a.service.sweep(), b.service.sweep(), a.service.sweep()]);
    const closed = await receipt(a.app, token, sub.token);
    expect(closed).toMatchObject({
      state: 'closed',
      closedBy: 'idle',
      closedAt: settledAt + IDLE_MS,
    });
    expect(hooks()).toHaveLength(1);
    expect(hooks()[0]!.submission.files.map((f) => f.name)).toEqual(['a.txt']);
    // Done with: off the sweep's list.
    expect((await a.service.store.openIndex()).map((e) => e.id)).not.toContain(sub.id);
  });

  it("an open submission's status reads its listing once", async () => {
    const { token } = await adminCreateLink(a.app, { ask: ['name'] });
    const sub = await openSubmission(a.app, token, { details: { name: 'Once' } });
    await uploadOne(a.app, token, sub.token, { name: 'a.txt', body: text('a') });
    const before = stack.stats().byAuth.header;
    expect((await receipt(a.app, token, sub.token)).files.map((f) => f.name)).toEqual(['a.txt']);
    const after = stack.stats().byAuth.header;
    // The submission's folder and its ledger scope: one listing each, not one per question.
    expect((after.list ?? 0) - (before.list ?? 0)).toBe(2);
    // Closed, so no later test's sweep finds it open.
    expect((await receipt(a.app, token, sub.token, 'finish')).state).toBe('closed');
  });

  it('closes an idle submission lazily on the next call that touches it', async () => {
    const { token } = await adminCreateLink(a.app, { terms: 'ok' });
    const sub = await openSubmission(a.app, token, {
      termsAccepted: termsHash('ok'),
    });
    await uploadOne(a.app, token, sub.token, { name: 'a.txt', body: text('a') });
    clock += IDLE_MS + 1;
    // A new batch after the idle time: the submission closes instead of growing.
    const r = await call(b.app, 'POST', '/uploads', {
      token,
      body: { submission: sub.token, files: [{ clientId: 'x', name: 'x', size: 1, type: '' }] },
    });
    expect(errorOf(r).code).toBe('submission-closed');
    expect(await receipt(a.app, token, sub.token)).toMatchObject({
      state: 'closed',
      closedBy: 'idle',
    });
    expect(hooks()).toHaveLength(1);
  });

  it('an empty submission closes without a manifest or a hook', async () => {
    const { token } = await adminCreateLink(a.app, { ask: ['name'] });
    const sub = await openSubmission(a.app, token, { details: { name: 'Nobody' } });
    clock += IDLE_MS;
    await a.service.sweep();
    expect(await receipt(a.app, token, sub.token)).toMatchObject({
      state: 'closed',
      files: [],
      failed: [],
    });
    expect(hooks()).toEqual([]);
  });

  it('waits for files in flight, then counts one that landed without a complete call', async () => {
    const { token, link } = await adminCreateLink(a.app, { ask: ['name'], maxFiles: 5 });
    const sub = await openSubmission(a.app, token, { details: { name: 'Slow' } });
    const [landed, lost] = await plan(a.app, token, sub.token, [
      { name: 'landed.txt', size: 6 },
      { name: 'lost.txt', size: 4 },
    ]);
    const plannedAt = clock;
    clock = plannedAt + IDLE_MS + 1;
    await a.service.sweep();
    expect(await receipt(a.app, token, sub.token)).toMatchObject({ state: 'open', inFlight: 2 });
    // The page sends one file and is closed before it tells the signer.
    await put(landed, text('landed'));
    clock = plannedAt + IN_FLIGHT_MS;
    await b.service.sweep();
    const closed = await receipt(a.app, token, sub.token);
    expect(closed).toMatchObject({ state: 'closed', closedBy: 'idle' });
    const head = await stack.cos.headObject(single(landed).key);
    expect(closed.files).toEqual([
      expect.objectContaining({ key: single(landed).key, size: 6, crc64: head!.crc64 }),
    ]);
    expect(head!.crc64).toBe(crc64(text('landed')));
    expect(closed.failed).toEqual([
      expect.objectContaining({ key: single(lost).key, reason: 'not-completed' }),
    ]);
    // Counted on the link like any verified upload.
    const info = LinkInfoResponse.parse((await call(a.app, 'GET', '/link', { token })).json).link;
    expect(info.usage).toMatchObject({ files: 1, bytes: 6 });
    expect(link.id).toBe(info.id);
  });

  it('a file verified after its submission closed without it is removed, never left unlisted', async () => {
    const { token } = await adminCreateLink(a.app, { ask: ['name'] });
    const sub = await openSubmission(a.app, token, { details: { name: 'Racer' } });
    const [late, early] = await plan(a.app, token, sub.token, [
      { name: 'late.txt', size: 4 },
      { name: 'early.txt', size: 5 },
    ]);
    // `early` landed before Finish (its complete call comes after): the closer finds it.
    await put(early, text('early'));
    const closed = await receipt(b.app, token, sub.token, 'finish');
    expect(closed.files.map((f) => f.name)).toEqual(['early.txt']);
    expect(closed.failed.map((f) => [f.name, f.reason])).toEqual([['late.txt', 'not-completed']]);
    const earlyDone = await call(a.app, 'POST', '/uploads/complete', {
      token,
      body: { ticket: single(early).ticket, crc64: crc64(text('early')) },
    });
    expect(earlyDone.status, earlyDone.text).toBe(200);
    // `late` lands after Finish (on a URL signed before it): refused and removed.
    await put(late, text('late'));
    const lateDone = await call(a.app, 'POST', '/uploads/complete', {
      token,
      body: { ticket: single(late).ticket, crc64: crc64(text('late')) },
    });
    expect(lateDone.status).toBe(409);
    expect(errorOf(lateDone)).toMatchObject({
      code: 'submission-closed',
      details: { deleted: true },
    });
    expect(await stack.cos.headObject(single(late).key)).toBeNull();
    expect(await stack.cos.headObject(single(early).key)).not.toBeNull();
    // Signing again is refused too.
    const resign = await call(a.app, 'POST', '/uploads/sign', {
      token,
      body: { ticket: single(late).ticket },
    });
    expect(errorOf(resign).code).toBe('submission-closed');
  });

  it('two instances finishing at once write one manifest and call the hook once', async () => {
    const { token } = await adminCreateLink(a.app, { ask: ['email'] });
    const sub = await openSubmission(a.app, token, { details: { email: 'two@example.com' } });
    await uploadOne(b.app, token, sub.token, { name: 'x.txt', body: text('xx') });
    const [ra, rb] = await Promise.all([
      receipt(a.app, token, sub.token, 'finish'),
      receipt(b.app, token, sub.token, 'finish'),
    ]);
    expect(ra).toEqual(rb);
    expect(hooks()).toHaveLength(1);
  });

  it('the sweep finishes a close whose closer died, and retries a hook that failed', async () => {
    const { token, link } = await adminCreateLink(a.app, { ask: ['name'] });
    const sub = await openSubmission(a.app, token, { details: { name: 'Crash' } });
    await uploadOne(a.app, token, sub.token, { name: 'a.txt', body: text('a') });
    // An instance claimed the close and died before writing anything else.
    await a.service.store.claimClose(link.id, sub.id, { closedAt: clock, by: 'finish' });
    await b.service.sweep();
    expect(hooks()).toEqual([]);
    clock += RECOVER_AFTER_MS;
    b.failHook = 1;
    await b.service.sweep();
    expect(hooks()).toEqual([]);
    const closed = await receipt(a.app, token, sub.token);
    expect(closed).toMatchObject({
      state: 'closed',
      closedBy: 'finish',
      files: [expect.anything()],
    });
    clock += RECOVER_AFTER_MS;
    await a.service.sweep();
    expect(hooks()).toHaveLength(1);
    expect(hooks()[0]!.submission.id).toBe(sub.id);
    await a.service.sweep();
    expect(hooks()).toHaveLength(1);
  });

  it('a multipart upload inside a submission signs, completes and is listed', async () => {
    const { token } = await adminCreateLink(a.app, { ask: ['name'] });
    const sub = await openSubmission(a.app, token, { details: { name: 'Big' } });
    const body = new Uint8Array(1024 * 1024 + 10).map((_, i) => i % 253);
    const [r] = await plan(a.app, token, sub.token, [{ name: 'big.bin', size: body.length }]);
    if (!r?.ok || r.upload.kind !== 'multipart') throw new Error('not multipart');
    const signed = await call(b.app, 'POST', '/uploads/sign', {
      token,
      body: { ticket: r.upload.ticket, parts: [1, 2] },
    });
    const parts = SignResponse.parse(signed.json).parts!;
    const etags = [];
    for (const p of parts) {
      const start = (p.partNumber - 1) * r.upload.partSize;
      const res = await sendSigned(p.request, body.subarray(start, start + r.upload.partSize));
      await res.arrayBuffer();
      etags.push({ partNumber: p.partNumber, etag: res.headers.get('etag')! });
    }
    const done = await call(b.app, 'POST', '/uploads/complete', {
      token,
      body: { ticket: r.upload.ticket, crc64: crc64(body), parts: etags },
    });
    expect(done.status, done.text).toBe(200);
    const closed = await receipt(a.app, token, sub.token, 'finish');
    expect(closed.files).toEqual([
      expect.objectContaining({ name: 'big.bin', size: body.length, crc64: crc64(body) }),
    ]);
  });

  it('a revoked link may still finish and read its receipt, but opens nothing new', async () => {
    const { token, link } = await adminCreateLink(a.app, { ask: ['name'] });
    const sub = await openSubmission(a.app, token, { details: { name: 'Rev' } });
    await uploadOne(a.app, token, sub.token, { name: 'a.txt', body: text('a') });
    await call(a.app, 'POST', `/admin/links/${link.id}/revoke`, { token: ADMIN_TOKEN });
    expect((await receipt(b.app, token, sub.token, 'finish')).state).toBe('closed');
    const again = await call(a.app, 'POST', '/submissions', {
      token,
      body: { details: { name: 'x' } },
    });
    expect(errorOf(again).code).toBe('link-revoked');
  });
});

describe("the owner's view", () => {
  it('lists submissions, shows one with download links, and exports CSV', async () => {
    const { token, link } = await adminCreateLink(a.app, {
      ask: ['name', 'email'],
      fields: [{ label: 'Class', type: 'text', required: false }],
    });
    const first = await openSubmission(a.app, token, {
      details: { name: '=HYPERLINK("http://evil")', email: 'eve@example.com' },
      fields: { Class: '+1, "quoted"' },
    });
    const pdf = text('%PDF-1.7 pretend');
    await uploadOne(a.app, token, first.token, {
      name: '论文 final.pdf',
      body: pdf,
      type: 'application/pdf',
      relativePath: 'thesis',
    });
    await receipt(a.app, token, first.token, 'finish');
    clock += 1000;
    const second = await openSubmission(a.app, token, {
      details: { name: 'Bob', email: 'bob@example.com' },
    });

    const list = await call(b.app, 'GET', `/admin/links/${link.id}/submissions`, {
      token: ADMIN_TOKEN,
    });
    expect(list.status).toBe(200);
    const { submissions } = AdminSubmissionsResponse.parse(list.json);
    expect(
      submissions.map((s) => [s.id, s.state, s.files, s.totalBytes, s.uploader.email]),
    ).toEqual([
      [second.id, 'open', 0, 0, 'bob@example.com'],
      [first.id, 'closed', 1, pdf.length, 'eve@example.com'],
    ]);
    expect(submissions[1]!.manifestKey).toBe(`uploads/${link.id}/${first.id}/manifest.json`);

    const detail = await call(b.app, 'GET', `/admin/links/${link.id}/submissions/${first.id}`, {
      token: ADMIN_TOKEN,
    });
    const shown = AdminSubmissionResponse.parse(detail.json).submission;
    expect(shown.files).toHaveLength(1);
    const file = shown.files[0]!;
    expect(file.name).toBe('thesis/论文 final.pdf');
    expect(file.download.expiresAt).toBeLessThanOrEqual(Date.now() + 301_000);
    const download = await fetch(file.download.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="__ final.pdf"; filename*=UTF-8''%E8%AE%BA%E6%96%87%20final.pdf`,
    );
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);
    // Without the download signature, the object stays private.
    expect((await fetch(file.download.url.split('?')[0]!)).status).toBe(403);

    const csv = await call(b.app, 'GET', `/admin/links/${link.id}/submissions.csv`, {
      token: ADMIN_TOKEN,
    });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'submission,state,started_at,closed_at,closed_by,name,email,organisation,phone,field: Class,terms_hash,terms_accepted_at,file_status,file_name,file_key,size,content_type,crc64,verified_at,failure',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`${second.id},open,`);
    expect(lines[2]).toContain(`'=HYPERLINK(""http://evil"")`);
    expect(lines[2]).toContain(`"'+1, ""quoted"""`);
    expect(lines[2]).toContain(
      `verified,thesis/论文 final.pdf,${file.key},${pdf.length},application/pdf,${crc64(pdf)},`,
    );

    const unknown = await call(
      b.app,
      'GET',
      `/admin/links/${link.id}/submissions/${'x'.repeat(22)}`,
      {
        token: ADMIN_TOKEN,
      },
    );
    expect(unknown.status).toBe(404);
    // Behind the admin token like the rest of the admin API.
    for (const route of ['submissions', 'submissions.csv', `submissions/${first.id}`]) {
      const r = await call(b.app, 'GET', `/admin/links/${link.id}/${route}`, {
        token: 'wrong-token-000000000',
      });
      expect(r.status).toBe(401);
    }
  });
});
