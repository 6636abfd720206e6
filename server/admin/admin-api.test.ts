import type { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AdminLinkResponse,
  AdminLinksResponse,
  CreateLinkResponse,
  SelfTestStartResponse,
  SelfTestVerifyResponse,
} from '../../protocol/admin';
import { ErrorBody, LinkInfoResponse } from '../../protocol/schemas';
import { loadConfig } from '../config';
import { applyBucketCors } from '../cos/bucket-cors';
import { createApp } from '../http/app';
import { createLogger } from '../log/logger';
import type { TestStack } from '../testing/test-stack';
import { sendSigned, startTestStack } from '../testing/test-stack';
import { adminTokenMatches } from './admin-auth';

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';
const ORIGIN = 'https://portal.example.com';
let stack: TestStack;
let app: Hono;

beforeAll(async () => {
  stack = await startTestStack({ ADMIN_TOKEN, PORTAL_ORIGINS: ORIGIN });
  await applyBucketCors(stack.cos, [ORIGIN]);
});
// A fresh app per test: each has its own admin rate limit budget.
beforeEach(() => {
  app = createApp({ config: stack.config, cos: stack.cos, logger: createLogger('silent') });
});
afterAll(async () => {
  await stack?.close();
});

async function call(
  method: string,
  route: string,
  opts: {
    token?: string | null;
    body?: unknown;
    appUnderTest?: Hono;
    headers?: Record<string, string>;
  } = {},
) {
  const headers: Record<string, string> = { ...opts.headers };
  const token = opts.token === undefined ? ADMIN_TOKEN : opts.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await (opts.appUnderTest ?? app).request(`/api/v1${route}`, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  return { status: res.status, res, json: (await res.json()) as unknown };
}

describe('admin API', () => {
  it('does not exist without ADMIN_TOKEN', async () => {
    const config = loadConfig({
      COS_SECRET_ID: 'x',
      COS_SECRET_KEY: 'y',
      COS_BUCKET: 'portal-1250000000',
      COS_REGION: 'ap-guangzhou',
      COS_DOMAIN: stack.emulatorUrl,
      LINK_SECRET: 'z'.repeat(40),
    });
    const closed = createApp({ config, cos: stack.cos, logger: createLogger('silent') });
    const r = await call('GET', '/admin/links', { appUnderTest: closed });
    expect(r.status).toBe(404);
    expect(ErrorBody.parse(r.json).error.code).toBe('not-found');
  });

  it('compares the token in constant time and refuses anything else', async () => {
    expect(adminTokenMatches(ADMIN_TOKEN, ADMIN_TOKEN)).toBe(true);
    expect(adminTokenMatches(ADMIN_TOKEN, ADMIN_TOKEN.slice(0, -1))).toBe(false);
    expect(adminTokenMatches(ADMIN_TOKEN, `${ADMIN_TOKEN}x`)).toBe(false);
    expect(adminTokenMatches(ADMIN_TOKEN, undefined)).toBe(false);
    const none = await call('GET', '/admin/links', { token: null });
    expect(none.status).toBe(401);
    expect(ErrorBody.parse(none.json).error.code).toBe('unauthorized');
    const wrong = await call('GET', '/admin/links', { token: 'not-the-admin-token-at-all' });
    expect(ErrorBody.parse(wrong.json).error.code).toBe('unauthorized');
  });

  it('rate limits failed attempts per address, with Retry-After', async () => {
    const own = app;
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 6; i++) {
      const r = await call('GET', '/admin/links', {
        token: 'guess-guess-guess-guess',
        appUnderTest: own,
      });
      statuses.push(r.status);
      if (r.status === 429) retryAfter = r.res.headers.get('retry-after');
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Even the right token waits its turn once the address is limited.
    expect((await call('GET', '/admin/links', { appUnderTest: own })).status).toBe(429);
  });

  it('creates, lists, shows and revokes links; a revoked link stops at once on this instance', async () => {
    const created = await call('POST', '/admin/links', {
      body: { title: 'Admin made', maxFiles: 2, maxFileSize: 100, allowedTypes: ['.pdf'] },
    });
    expect(created.status).toBe(201);
    const { link, token, url } = CreateLinkResponse.parse(created.json);
    expect(url).toBe(`${stack.config.publicUrl}/u/${token}`);
    expect(link).toMatchObject({
      title: 'Admin made',
      limits: { maxFiles: 2, maxFileSize: 100, allowedTypes: ['.pdf'] },
      usage: { files: 0, bytes: 0 },
      inFlight: { files: 0, bytes: 0 },
      revoked: null,
      url,
    });
    expect(link.keyPrefix).toBe(`uploads/${link.id}/`);

    const info = await app.request('/api/v1/link', {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(LinkInfoResponse.parse(await info.json()).link.title).toBe('Admin made');

    const listed = AdminLinksResponse.parse((await call('GET', '/admin/links')).json);
    expect(listed.links.map((l) => l.id)).toContain(link.id);
    const shown = AdminLinkResponse.parse((await call('GET', `/admin/links/${link.id}`)).json);
    expect(shown.link).toEqual(link);
    expect((await call('GET', '/admin/links/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);

    const revoked = await call('POST', `/admin/links/${link.id}/revoke`, {
      body: { reason: 'done' },
    });
    expect(AdminLinkResponse.parse(revoked.json).link.revoked).toMatchObject({ reason: 'done' });
    const after = await app.request('/api/v1/link', {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(410);
    expect(ErrorBody.parse(await after.json()).error.code).toBe('link-revoked');
    // No body is fine too; revoking again keeps the first reason.
    const again = await call('POST', `/admin/links/${link.id}/revoke`);
    expect(AdminLinkResponse.parse(again.json).link.revoked).toMatchObject({ reason: 'done' });
  });

  it('refuses invalid link settings', async () => {
    for (const body of [
      { allowedTypes: ['text/html; x'] },
      { embedOrigins: ['https://a.example.com/path'] },
      { maxFiles: -1 },
      { maxFiles: 0 },
      { maxFiles: 'abc' },
      { maxFileSize: 0 },
      { expiresInSeconds: 0 },
    ]) {
      const r = await call('POST', '/admin/links', { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(ErrorBody.parse(r.json).error.code).toBe('invalid-request');
    }
  });

  it('names each wrong setting in a sentence, and as issues a client can word itself', async () => {
    const r = await call('POST', '/admin/links', {
      body: {
        allowedTypes: ['image/*', 'pdf'],
        maxFiles: 'abc',
        embedOrigins: ['https://*.x.org'],
      },
    });
    expect(r.status).toBe(400);
    const { error } = ErrorBody.parse(r.json);
    expect(error.message).toBe(
      'maxFiles: “abc” is not a whole number of files. For example: 20. ' +
        'allowedTypes: “pdf” is neither a file extension nor a MIME type. Extensions start with a dot, for example [".pdf", "image/*"]. Did you mean .pdf? ' +
        'embedOrigins: “https://*.x.org” has a wildcard (*); list every site exactly, for example ["https://forms.example.org"].',
    );
    expect(error.details).toEqual({
      issues: [
        { field: 'maxFiles', problem: 'not-a-count', value: 'abc' },
        { field: 'allowedTypes', problem: 'type-no-dot', value: 'pdf', suggestion: '.pdf' },
        { field: 'embedOrigins', problem: 'origin-wildcard', value: 'https://*.x.org' },
      ],
    });
  });

  it('runs the self-test: a preflight diagnosis, a tiny upload the browser sends, and clean-up', async () => {
    const start = await call('POST', '/admin/selftest', { headers: { Origin: ORIGIN } });
    expect(start.status).toBe(200);
    const plan = SelfTestStartResponse.parse(start.json);
    expect(plan.key.startsWith('.portal/selftest/')).toBe(true);
    expect(plan.preflight).toMatchObject({ origin: ORIGIN, status: 200, problems: [] });
    const put = await sendSigned(plan.request, new TextEncoder().encode(plan.body), {
      Origin: ORIGIN,
    });
    expect(put.status).toBe(200);
    expect(put.headers.get('x-cos-hash-crc64ecma')).toBe(plan.crc64);
    const verify = await call('POST', '/admin/selftest/verify', { body: { key: plan.key } });
    expect(SelfTestVerifyResponse.parse(verify.json)).toEqual({
      found: true,
      size: plan.body.length,
      crc64: plan.crc64,
      deleted: true,
    });
    expect(await stack.cos.headObject(plan.key)).toBeNull();
    // Only self-test objects can be read and deleted this way.
    for (const key of ['uploads/x/y', '.portal/links/x.json', '.portal/selftest/../revoked/x']) {
      const r = await call('POST', '/admin/selftest/verify', { body: { key } });
      expect(r.status).toBe(400);
    }
  });
});
