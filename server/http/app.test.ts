import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc64 } from '../../protocol/crc64';
import {
  CompleteBatchResponse,
  CompleteResponse,
  CreateUploadsResponse,
  ErrorBody,
  LinkInfoResponse,
  PortalConfig,
  SignResponse,
} from '../../protocol/schemas';
import type { Hono } from 'hono';
import type { LinkOptions } from '../links/link-types';
import { createLogger } from '../log/logger';
import { mintTestLink } from '../testing/mint-test-link';
import { call as callApp } from '../testing/submission-calls';
import type { TestStack } from '../testing/test-stack';
import { sendSigned, startTestStack } from '../testing/test-stack';
import { createApp } from './app';
import { tamperMac } from '../testing/tamper-token';

const API = '/api/v1';
let stack: TestStack;
let app: Hono;
let clock = Date.now();
const logLines: string[] = [];

beforeAll(async () => {
  stack = await startTestStack({ PORTAL_ORIGINS: 'https://portal.example.com' });
  app = createApp({
    config: stack.config,
    cos: stack.cos,
    logger: createLogger('info', (line) => logLines.push(line)),
    now: () => clock,
  });
});
afterAll(async () => {
  await stack?.close();
});

const link = (options: LinkOptions = {}): string => mintTestLink(stack, options, clock);

/** An API call to the app in this process; the answer's status, JSON (or text) and headers. */
const call = (method: string, route: string, opts: Parameters<typeof callApp>[3] = {}) =>
  callApp(app, method, route, opts);

function errorCode(json: unknown): string {
  return ErrorBody.parse(json).error.code;
}

async function createOne(token: string, file: Record<string, unknown>) {
  const r = await call('POST', '/uploads', {
    token,
    body: { files: [{ clientId: 'f1', ...file }] },
  });
  expect(r.status).toBe(200);
  const result = CreateUploadsResponse.parse(r.json).results[0]!;
  if (!result.ok) throw new Error(`refused: ${result.error.code}`);
  return result.upload;
}

describe('GET /link', () => {
  it('describes the link from its token', async () => {
    const token = link({ title: 'Scans', maxFileSize: 1000, allowedTypes: ['.pdf'] });
    const r = await call('GET', '/link', { token });
    expect(r.status).toBe(200);
    const body = LinkInfoResponse.parse(r.json);
    expect(body.serverTime).toBe(clock);
    expect(body.link).toMatchObject({
      title: 'Scans',
      limits: { maxFileSize: 1000, allowedTypes: ['.pdf'] },
      usage: { files: 0, bytes: 0 },
      multipartThreshold: stack.config.multipartThreshold,
    });
  });

  it('refuses missing, malformed, tampered and expired links', async () => {
    expect(errorCode((await call('GET', '/link')).json)).toBe('link-missing');
    expect((await call('GET', '/link')).status).toBe(401);
    const basic = await call('GET', '/link', { headers: { Authorization: 'Basic abc' } });
    expect(errorCode(basic.json)).toBe('link-malformed');
    const token = link();
    const tampered = tamperMac(token);
    expect(errorCode((await call('GET', '/link', { token: tampered })).json)).toBe('link-tampered');
    const shortLived = link({ expiresInSeconds: 60 });
    const saved = clock;
    clock += 61_000;
    try {
      const expired = await call('GET', '/link', { token: shortLived });
      expect(expired.status).toBe(410);
      expect(errorCode(expired.json)).toBe('link-expired');
    } finally {
      clock = saved;
    }
  });
});

describe('POST /uploads limits', () => {
  it('accepts a file exactly at the size limit and refuses one byte over', async () => {
    const token = link({ maxFileSize: 1000 });
    const r = await call('POST', '/uploads', {
      token,
      body: {
        files: [
          { clientId: 'at', name: 'a.bin', size: 1000, type: '' },
          { clientId: 'over', name: 'b.bin', size: 1001, type: '' },
        ],
      },
    });
    const { results } = CreateUploadsResponse.parse(r.json);
    expect(results.map((x) => [x.clientId, x.ok])).toEqual([
      ['at', true],
      ['over', false],
    ]);
    expect(results[1]).toMatchObject({
      error: { code: 'file-too-large', details: { limit: 1000 } },
    });
  });

  it('checks types by MIME pattern and by extension', async () => {
    const token = link({ allowedTypes: ['image/*', '.pdf'] });
    const r = await call('POST', '/uploads', {
      token,
      body: {
        files: [
          { clientId: 'png', name: 'p.png', size: 1, type: 'image/png' },
          { clientId: 'pdf', name: 'r.PDF', size: 1, type: '' },
          { clientId: 'txt', name: 'n.txt', size: 1, type: 'text/plain' },
          { clientId: 'fake', name: 'x.pdf.exe', size: 1, type: 'application/x-msdownload' },
        ],
      },
    });
    const { results } = CreateUploadsResponse.parse(r.json);
    expect(results.map((x) => x.ok)).toEqual([true, true, false, false]);
    expect(results[2]).toMatchObject({
      error: { code: 'file-type-not-allowed', details: { allowed: ['image/*', '.pdf'] } },
    });
  });

  it('refuses bad entries one by one and enforces per-batch counts', async () => {
    const token = link({ maxFiles: 2, maxTotalBytes: 100 });
    const r = await call('POST', '/uploads', {
      token,
      body: {
        files: [
          { clientId: 'bad', name: '', size: -1, type: '' },
          { clientId: 'a', name: 'a', size: 60, type: '' },
          { clientId: 'b', name: 'b', size: 60, type: '' },
          { clientId: 'c', name: 'c', size: 40, type: '' },
          { clientId: 'd', name: 'd', size: 1, type: '' },
        ],
      },
    });
    const { results } = CreateUploadsResponse.parse(r.json);
    expect(results.map((x) => (x.ok ? 'ok' : x.error.code))).toEqual([
      'invalid-request',
      'ok',
      'quota-exceeded',
      'ok',
      'too-many-files',
    ]);
    expect(results[0]!.clientId).toBe('bad');
  });

  it('rejects malformed batches as a whole', async () => {
    const token = link();
    expect((await call('POST', '/uploads', { token, body: { files: [] } })).status).toBe(400);
    const many = Array.from({ length: 101 }, (_, i) => ({
      clientId: `${i}`,
      name: 'x',
      size: 1,
      type: '',
    }));
    expect(errorCode((await call('POST', '/uploads', { token, body: { files: many } })).json)).toBe(
      'invalid-request',
    );
    const notJson = await call('POST', '/uploads', {
      token,
      body: { files: [] },
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(errorCode(notJson.json)).toBe('invalid-request');
    const res = await app.request(`${API}/uploads`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{"files":',
    });
    expect(res.status).toBe(400);
  });

  it('chooses keys under the link prefix and signs the expected single PUT', async () => {
    const token = link();
    const plan = await createOne(token, {
      name: '../报告 v1.pdf',
      size: 3,
      type: 'application/pdf',
      relativePath: 'docs/../2024/',
    });
    expect(plan.kind).toBe('single');
    if (plan.kind !== 'single') return;
    // The id: 8 characters of signing time (sorted as text, they sort by time), 128 random bits.
    expect(plan.key).toMatch(
      /^uploads\/[A-Za-z0-9_-]{22}\/docs\/2024\/[A-Za-z0-9_-]{8}[A-Za-z0-9_-]{22}-_报告 v1\.pdf$/,
    );
    expect(plan.request.method).toBe('PUT');
    expect(plan.request.headers).toEqual({
      'Content-Type': 'application/pdf',
      'x-cos-forbid-overwrite': 'true',
      'x-cos-acl': 'default',
      'Content-Disposition': 'attachment',
      'x-cos-meta-filename': encodeURIComponent('../报告 v1.pdf'),
    });
    expect(plan.request.expiresAt).toBeGreaterThan(Date.now() + 800_000);
    const q = new URL(plan.request.url).searchParams;
    expect(q.get('q-header-list')).toBe(
      'content-disposition;content-length;content-type;host;x-cos-acl;x-cos-forbid-overwrite;x-cos-meta-filename',
    );
    // A type the browser could not send as a header falls back to octet-stream.
    const odd = await createOne(token, { name: 'x', size: 1, type: 'weird type ✓' });
    expect(odd.kind === 'single' && odd.request.headers['Content-Type']).toBe(
      'application/octet-stream',
    );
  });
});

describe('single upload: sign, PUT, complete', () => {
  it('lands, verifies size and CRC64, and completes idempotently', async () => {
    const token = link();
    const body = new TextEncoder().encode('quarterly report\n');
    const plan = await createOne(token, {
      name: 'report.txt',
      size: body.length,
      type: 'text/plain',
    });
    if (plan.kind !== 'single') throw new Error('expected single');

    const early = await call('POST', '/uploads/complete', { token, body: { ticket: plan.ticket } });
    expect(early.status).toBe(409);
    expect(errorCode(early.json)).toBe('object-missing');

    expect((await sendSigned(plan.request, body)).status).toBe(200);
    const done = await call('POST', '/uploads/complete', {
      token,
      body: { ticket: plan.ticket, crc64: crc64(body) },
    });
    expect(done.status).toBe(200);
    const verified = CompleteResponse.parse(done.json);
    expect(verified).toMatchObject({
      key: plan.key,
      size: body.length,
      crc64: crc64(body),
      verified: true,
    });
    const again = CompleteResponse.parse(
      (
        await call('POST', '/uploads/complete', {
          token,
          body: { ticket: plan.ticket, crc64: crc64(body) },
        })
      ).json,
    );
    expect({ ...again, serverTime: 0 }).toEqual({ ...verified, serverTime: 0 });
  });

  it('re-signs the same PUT with a fresh URL', async () => {
    const token = link();
    const body = new Uint8Array([1, 2, 3]);
    const plan = await createOne(token, { name: 'r.bin', size: 3, type: '' });
    if (plan.kind !== 'single') throw new Error('expected single');
    const r = await call('POST', '/uploads/sign', { token, body: { ticket: plan.ticket } });
    const signed = SignResponse.parse(r.json);
    expect(signed.request!.headers).toEqual(plan.request.headers);
    expect(new URL(signed.request!.url).pathname).toBe(new URL(plan.request.url).pathname);
    expect((await sendSigned(signed.request!, body)).status).toBe(200);
    const parts = await call('POST', '/uploads/sign', {
      token,
      body: { ticket: plan.ticket, parts: [1] },
    });
    expect(errorCode(parts.json)).toBe('invalid-request');
  });

  it('detects a CRC64 mismatch, deletes the object, and lets the upload be repeated', async () => {
    const token = link();
    const body = new TextEncoder().encode('hello world');
    const plan = await createOne(token, { name: 'h.txt', size: body.length, type: 'text/plain' });
    if (plan.kind !== 'single') throw new Error('expected single');
    expect((await sendSigned(plan.request, body)).status).toBe(200);
    const bad = await call('POST', '/uploads/complete', {
      token,
      body: { ticket: plan.ticket, crc64: crc64(new TextEncoder().encode('hello worle')) },
    });
    expect(bad.status).toBe(409);
    expect(ErrorBody.parse(bad.json).error).toMatchObject({
      code: 'checksum-mismatch',
      details: { actual: crc64(body), deleted: true },
    });
    expect(await stack.cos.headObject(plan.key)).toBeNull();
    // forbid-overwrite would block a retry onto a bad object; after deletion it succeeds.
    expect((await sendSigned(plan.request, body)).status).toBe(200);
    const ok = await call('POST', '/uploads/complete', {
      token,
      body: { ticket: plan.ticket, crc64: crc64(body) },
    });
    expect(CompleteResponse.parse(ok.json).verified).toBe(true);
  });

  it('detects a size mismatch (e.g. a truncated body) and deletes the object', async () => {
    const token = link();
    const plan = await createOne(token, { name: 's.bin', size: 10, type: '' });
    // Something other than our URL put 4 bytes there (what COS's truncation would leave).
    const rogue = stack.cos.presignPut(plan.key, {
      size: 4,
      contentType: 'application/octet-stream',
      expiresSeconds: 60,
    });
    expect((await sendSigned(rogue, new Uint8Array(4))).status).toBe(200);
    const r = await call('POST', '/uploads/complete', { token, body: { ticket: plan.ticket } });
    expect(r.status).toBe(409);
    expect(ErrorBody.parse(r.json).error).toMatchObject({
      code: 'size-mismatch',
      details: { expected: 10, actual: 4, deleted: true },
    });
    expect(await stack.cos.headObject(plan.key)).toBeNull();
  });

  it('refuses tickets of other links and tampered tickets', async () => {
    const token = link();
    const plan = await createOne(token, { name: 'x', size: 1, type: '' });
    const other = link();
    const r = await call('POST', '/uploads/complete', {
      token: other,
      body: { ticket: plan.ticket },
    });
    expect(r.status).toBe(400);
    expect(errorCode(r.json)).toBe('ticket-invalid');
    const tampered = plan.ticket.slice(0, -3) + (plan.ticket.endsWith('AAA') ? 'BBB' : 'AAA');
    expect(
      errorCode((await call('POST', '/uploads/sign', { token, body: { ticket: tampered } })).json),
    ).toBe('ticket-invalid');
  });
});

describe('POST /uploads/complete-batch', () => {
  it('verifies several uploads in one call, each answered as /uploads/complete would', async () => {
    const token = link();
    const bodies = ['first\n', 'second\n', 'third\n', 'never sent\n'].map((t) =>
      new TextEncoder().encode(t),
    );
    const plans = [];
    for (const [i, body] of bodies.entries()) {
      const plan = await createOne(token, {
        name: `b${i}.txt`,
        size: body.length,
        type: 'text/plain',
      });
      if (plan.kind !== 'single') throw new Error('expected single');
      plans.push(plan);
    }
    for (const i of [0, 1, 2])
      expect((await sendSigned(plans[i]!.request, bodies[i]!)).status).toBe(200);
    const other = await createOne(link(), { name: 'other.txt', size: 1, type: '' });

    const r = await call('POST', '/uploads/complete-batch', {
      token,
      body: {
        uploads: [
          { ticket: plans[0]!.ticket, crc64: crc64(bodies[0]!) },
          { ticket: plans[1]!.ticket },
          // A wrong checksum: refused and removed, like /uploads/complete does.
          { ticket: plans[2]!.ticket, crc64: crc64(bodies[0]!) },
          { ticket: plans[3]!.ticket, crc64: crc64(bodies[3]!) },
          { ticket: other.ticket },
        ],
      },
    });
    expect(r.status).toBe(200);
    const { results } = CompleteBatchResponse.parse(r.json);
    expect(results).toHaveLength(5);
    expect(results[0]).toMatchObject({
      ok: true,
      key: plans[0]!.key,
      crc64: crc64(bodies[0]!),
      verified: true,
    });
    expect(results[1]).toMatchObject({ ok: true, key: plans[1]!.key, verified: true });
    expect(results[2]).toMatchObject({ ok: false, error: { code: 'checksum-mismatch' } });
    expect(await stack.cos.headObject(plans[2]!.key)).toBeNull();
    expect(results[3]).toMatchObject({ ok: false, error: { code: 'object-missing' } });
    expect(results[4]).toMatchObject({ ok: false, error: { code: 'ticket-invalid' } });
    // Counted once each, however often they are verified.
    await call('POST', '/uploads/complete-batch', {
      token,
      body: { uploads: [{ ticket: plans[0]!.ticket }, { ticket: plans[1]!.ticket }] },
    });
    const info = await call('GET', '/link', { token });
    expect((info.json as { link: { usage: { files: number } } }).link.usage.files).toBe(2);
  });

  it('refuses an empty or oversized batch as a whole', async () => {
    const token = link();
    const empty = await call('POST', '/uploads/complete-batch', { token, body: { uploads: [] } });
    expect(errorCode(empty.json)).toBe('invalid-request');
    const many = Array.from({ length: 101 }, () => ({ ticket: 'x' }));
    const big = await call('POST', '/uploads/complete-batch', { token, body: { uploads: many } });
    expect(errorCode(big.json)).toBe('invalid-request');
  });
});

describe('API edges', () => {
  it('answers CORS only for exact allowed origins', async () => {
    const pre = await app.request(`${API}/uploads`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://portal.example.com',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://portal.example.com');
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(pre.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    expect(pre.headers.get('vary')).toContain('Origin');

    for (const origin of [
      'https://evil.example.com',
      'https://portal.example.com.evil.com',
      'null',
    ]) {
      const denied = await app.request(`${API}/uploads`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
      });
      expect(denied.status).toBe(403);
      expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    }

    const token = link();
    const allowed = await call('GET', '/link', {
      token,
      headers: { Origin: 'https://portal.example.com' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://portal.example.com');
    expect(allowed.headers.get('vary')).toContain('Origin');
    expect(allowed.headers.get('cache-control')).toBe('no-store');
    expect(allowed.headers.get('x-content-type-options')).toBe('nosniff');
    const other = await call('GET', '/link', {
      token,
      headers: { Origin: 'https://evil.example.com' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    // Error answers carry CORS headers too, so the portal can read the reason.
    const err = await call('GET', '/link', { headers: { Origin: 'https://portal.example.com' } });
    expect(err.status).toBe(401);
    expect(err.headers.get('access-control-allow-origin')).toBe('https://portal.example.com');
  });

  it('limits the JSON body to 256 KB', async () => {
    const token = link();
    const big = { files: [{ clientId: 'x', name: 'n'.repeat(300 * 1024), size: 1, type: '' }] };
    const r = await call('POST', '/uploads', { token, body: big });
    expect(r.status).toBe(413);
    expect(errorCode(r.json)).toBe('payload-too-large');
  });

  it('refuses an over-long body by its Content-Length before reading it, and a streamed one as it comes', async () => {
    const token = link();
    const declared = await app.request(API + '/uploads', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'Content-Length': String(300 * 1024),
      },
      body: '{}',
    });
    expect(declared.status).toBe(413);
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    let sent = 0;
    const streamed = await app.request(API + '/uploads', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: new ReadableStream<Uint8Array>({
        pull(controller) {
          // Far more than the limit: the server must stop reading, not wait for the end.
          if (sent++ < 100) controller.enqueue(chunk);
          else controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(100);
    // Within the limit, a declared length goes through to the handler.
    const ok = await call('POST', '/uploads', {
      token,
      body: { files: [{ clientId: 'a', name: 'a.txt', size: 1, type: 'text/plain' }] },
      headers: { 'Content-Length': '0' },
    });
    expect(ok.status).not.toBe(413);
  });

  it('answers unknown API routes with not-found', async () => {
    const r = await call('GET', '/nope');
    expect(r.status).toBe(404);
    expect(errorCode(r.json)).toBe('not-found');
    expect(errorCode((await call('POST', '/link', { body: {} })).json)).toBe('not-found');
  });

  it('serves the runtime config uncached, naming the origin every signed URL must be on', async () => {
    const res = await app.request('/config.json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(PortalConfig.parse(await res.json())).toEqual({
      apiBase: '/api/v1',
      concurrency: 6,
      stallTimeoutMs: 30_000,
      storageOrigin: new URL(stack.emulatorUrl).origin,
    });
    // The origin the signer's URLs really point at.
    const plan = await createOne(link(), { name: 'o.txt', size: 1, type: 'text/plain' });
    if (plan.kind !== 'single') throw new Error('expected single');
    expect(new URL(plan.request.url).origin).toBe(new URL(stack.emulatorUrl).origin);
  });
});

describe('portal pages', () => {
  const distDir = () => stack.config.distDir;

  it('says clearly when the portal is not built', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toBe('portal not built: run npm run build');
  });

  it('serves index.html with CSP and security headers, assets immutable', async () => {
    await mkdir(path.join(distDir(), 'assets'), { recursive: true });
    await writeFile(path.join(distDir(), 'index.html'), '<!doctype html><title>Portal</title>');
    await writeFile(path.join(distDir(), 'assets', 'app-1a2b.js'), 'console.log(1)');
    await writeFile(path.join(distDir(), 'favicon.svg'), '<svg/>');

    const token = link();
    for (const route of ['/', `/u/${token}`, `/embed/${token}`]) {
      const res = await app.request(route);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>Portal</title>');
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toBe(
        [
          "default-src 'self'",
          "script-src 'self' 'wasm-unsafe-eval'",
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data: blob:",
          `connect-src 'self' ${stack.emulatorUrl}`,
          "worker-src 'self' blob:",
          "frame-ancestors 'none'",
          "base-uri 'none'",
          "form-action 'none'",
        ].join('; '),
      );
    }

    const asset = await app.request('/assets/app-1a2b.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await asset.text()).toBe('console.log(1)');
    expect((await app.request('/favicon.svg')).headers.get('cache-control')).toBe('no-cache');
    expect((await app.request('/assets/missing.js')).status).toBe(404);
    // URL parsing folds %2e%2e into ".." (→ /package.json, outside dist: not served).
    expect((await app.request('/assets/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect((await app.request('/assets/%2e%2e%2f%2e%2e%2fpackage.json')).status).toBe(404);
    expect((await app.request('/assets/..%2f..%2fpackage.json')).status).toBe(404);

    const api = await call('GET', '/link', { token });
    expect(api.headers.get('referrer-policy')).toBe('no-referrer');
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('lets an embed page be framed only by the origins its link names', async () => {
    // Self-contained: the page needs a built index.html whatever ran before.
    await mkdir(distDir(), { recursive: true });
    await writeFile(path.join(distDir(), 'index.html'), '<!doctype html><title>Portal</title>');
    const token = link({ embedOrigins: ['https://intranet.example.com'] });
    const embed = await app.request(`/embed/${token}`);
    expect(embed.headers.get('content-security-policy')).toContain(
      'frame-ancestors https://intranet.example.com;',
    );
    const page = await app.request(`/u/${token}`);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // A character in the middle of the MAC: always data bits (the last one has spare bits).
    const at = token.length - 10;
    const forgedToken = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
    const forged = await app.request(`/embed/${forgedToken}`);
    expect(forged.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('never writes link tokens or query strings to the access log', async () => {
    const token = link();
    logLines.length = 0;
    await app.request(`/u/${token}?secret=1`);
    await app.request(`/embed/${token}`);
    await call('GET', '/link', { token });
    expect(logLines).toHaveLength(3);
    expect(logLines[0]).toMatch(/INFO GET \/u\/<redacted> 200 \d+ms$/);
    expect(logLines[1]).toMatch(/GET \/embed\/<redacted> 200/);
    expect(logLines[2]).toMatch(/GET \/api\/v1\/link 200/);
    expect(logLines.join('\n')).not.toContain(token.split('.')[1]!.slice(0, 12));
    expect(logLines.join('\n')).not.toContain('secret=1');
  });
});
