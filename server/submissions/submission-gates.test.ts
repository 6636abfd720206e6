/**
 * Every gate of a link that asks something, refused over the API without a browser, and a
 * link that asks nothing behaving as before: in-process app, real emulator.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LinkInfoResponse } from '../../protocol/schemas';
import { createApp } from '../http/app';
import { createLogger } from '../log/logger';
import {
  ADMIN_TOKEN,
  adminCreateLink,
  call,
  errorOf,
  openSubmission,
  plan,
  single,
  text,
  unlock,
  uploadOne,
} from '../testing/submission-calls';
import type { TestStack } from '../testing/test-stack';
import { startTestStack } from '../testing/test-stack';
import { PER_ADDRESS } from './password-attempts';
import { termsHash } from './submission-settings';

let stack: TestStack;
let app: Hono;
const logLines: string[] = [];
const PASSWORD = 'open sesame 芝麻';
const TERMS = 'I own the rights to what I send.';
const FULL = {
  title: 'Theses 2026',
  ask: ['name', 'email'],
  fields: [
    { label: 'Student ID', type: 'text', required: true },
    { label: 'Faculty', type: 'select', required: false, options: ['Arts', 'Science'] },
  ],
  password: PASSWORD,
  terms: TERMS,
  folderTemplate: '{date}/{email}/',
};
const DETAILS = {
  details: { name: 'Ana Lima', email: 'ana@example.com' },
  fields: { 'Student ID': 'S-1' },
  termsAccepted: termsHash(TERMS),
};

beforeAll(async () => {
  stack = await startTestStack({ ADMIN_TOKEN, TRUST_PROXY: '1', STATE_CACHE_SECONDS: '0' });
});
beforeEach(() => {
  app = createApp({
    config: stack.config,
    cos: stack.cos,
    logger: createLogger('debug', (line) => logLines.push(line)),
  });
});
afterAll(async () => {
  await stack?.close();
});

/** Each test its own client address, so the password attempt limits do not carry over. */
let addressCounter = 0;
const fromAddress = () => ({ 'X-Forwarded-For': `198.51.100.${++addressCounter}` });

describe('a link that asks nothing', () => {
  it('behaves as before: no submission block, files land straight in the link folder', async () => {
    const { token, link } = await adminCreateLink(app, { title: 'Plain' });
    expect(link.submission).toBeUndefined();
    const info = LinkInfoResponse.parse((await call(app, 'GET', '/link', { token })).json).link;
    expect(info.submission).toBeUndefined();
    const { key, complete } = await uploadOne(app, token, undefined, {
      name: 'a.txt',
      body: text('hello'),
      relativePath: 'docs',
    });
    expect(complete.status).toBe(200);
    expect(key).toMatch(new RegExp(`^uploads/${link.id}/docs/[A-Za-z0-9_-]{30}-a\\.txt$`));
  });

  it('may still open a submission, whose files go to a folder of its own', async () => {
    const { token, link } = await adminCreateLink(app, { title: 'Plain' });
    const sub = await openSubmission(app, token);
    const { key } = await uploadOne(app, token, sub.token, { name: 'a.txt', body: text('x') });
    expect(key.startsWith(`uploads/${link.id}/${sub.id}/`)).toBe(true);
  });
});

describe('a link with a password, details, a field, terms and a folder template', () => {
  it('shows its gates to the page, never the password or its hash', async () => {
    const { token, link } = await adminCreateLink(app, FULL);
    expect(link.submission).toEqual({
      details: ['name', 'email'],
      fields: FULL.fields.map((f) => ({ ...f })),
      password: true,
      terms: { text: TERMS, hash: termsHash(TERMS) },
      folderTemplate: '{date}/{email}/',
    });
    const r = await call(app, 'GET', '/link', { token });
    const info = LinkInfoResponse.parse(r.json).link;
    expect(info.submission).toEqual({
      password: true,
      details: ['name', 'email'],
      fields: FULL.fields,
      terms: { text: TERMS, hash: termsHash(TERMS) },
      idleSeconds: 600,
    });
    // Neither the answers nor the token nor the log hold the password or its hash.
    const record = await stack.cos.getObject(`.portal/links/${link.id}.json`);
    const stored = JSON.parse(record!.body.toString()) as {
      submission: { password: { hash: string; salt: string } };
    };
    for (const secret of [PASSWORD, stored.submission.password.hash]) {
      expect(r.text).not.toContain(secret);
      expect(JSON.stringify(link)).not.toContain(secret);
      expect(Buffer.from(token.split('.')[1]!, 'base64url').toString()).not.toContain(secret);
    }
    expect(record!.body.toString()).not.toContain(PASSWORD);
  });

  it('refuses every signing call until each gate is passed, in order', async () => {
    const headers = fromAddress();
    const { token } = await adminCreateLink(app, FULL);
    const upload = { name: 'a.pdf', size: 3, type: 'application/pdf' };
    // The token alone signs nothing.
    const bare = await call(app, 'POST', '/uploads', {
      token,
      body: { files: [{ clientId: 'a', ...upload }] },
    });
    expect(bare.status).toBe(401);
    expect(errorOf(bare).code).toBe('password-required');

    // No proof, a made-up one, and a proof of another link: all password-required.
    const other = await adminCreateLink(app, { ...FULL, title: 'Other' });
    const otherProof = await unlock(app, other.token, PASSWORD, headers);
    for (const proof of [undefined, 'k0.e30.AAAAAAAAAAAAAAAAAAAAAA', otherProof]) {
      const r = await call(app, 'POST', '/submissions', {
        token,
        body: { ...DETAILS, ...(proof ? { proof } : {}) },
      });
      expect(r.status).toBe(401);
      expect(errorOf(r).code).toBe('password-required');
    }

    // A wrong password: refused, with the tries left.
    const wrong = await call(app, 'POST', '/link/unlock', {
      token,
      body: { password: 'open sesame' },
      headers,
    });
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong)).toMatchObject({
      code: 'password-required',
      details: { attemptsLeft: PER_ADDRESS - 1 },
    });
    const proof = await unlock(app, token, PASSWORD, headers);

    // Details: every missing one named, then invalid ones.
    const none = await call(app, 'POST', '/submissions', { token, body: { proof } });
    expect(none.status).toBe(400);
    expect(errorOf(none)).toMatchObject({
      code: 'uploader-details-required',
      details: { missing: ['name', 'email', 'field:Student ID'], invalid: [] },
    });
    const badEmail = await call(app, 'POST', '/submissions', {
      token,
      body: { ...DETAILS, proof, details: { name: 'Ana', email: 'ana' } },
    });
    expect(errorOf(badEmail)).toMatchObject({
      code: 'uploader-details-required',
      details: { missing: [], invalid: [{ field: 'email', reason: 'not-email' }] },
    });
    const badOption = await call(app, 'POST', '/submissions', {
      token,
      body: { ...DETAILS, proof, fields: { 'Student ID': 'S-1', Faculty: 'Law' } },
    });
    expect(errorOf(badOption)).toMatchObject({
      details: { invalid: [{ field: 'field:Faculty', reason: 'not-an-option' }] },
    });

    // Terms: not accepted, or accepted in another version.
    for (const termsAccepted of [undefined, termsHash('older terms')]) {
      const r = await call(app, 'POST', '/submissions', {
        token,
        body: { ...DETAILS, proof, termsAccepted },
      });
      expect(r.status).toBe(400);
      expect(errorOf(r)).toMatchObject({
        code: 'terms-not-accepted',
        details: { hash: termsHash(TERMS) },
      });
    }

    // All gates passed: the submission opens, and its files land under the template.
    const sub = await openSubmission(app, token, { ...DETAILS, proof });
    const [planned] = await plan(app, token, sub.token, [{ ...upload, relativePath: 'ch1' }]);
    const date = new Date(sub.startedAt).toISOString().slice(0, 10);
    expect(single(planned).key).toMatch(
      new RegExp(`^uploads/[^/]+/${date}/ana@example\\.com/ch1/[A-Za-z0-9_-]{30}-a\\.pdf$`),
    );
    // The password never reached the log.
    expect(logLines.join('\n')).not.toContain('sesame');
  });

  it('an expired proof no longer opens a submission', async () => {
    let clock = Date.now();
    const timed = createApp({
      config: stack.config,
      cos: stack.cos,
      logger: createLogger('silent'),
      now: () => clock,
    });
    const { token } = await adminCreateLink(timed, FULL);
    const proof = await unlock(timed, token, PASSWORD, fromAddress());
    clock += 30 * 60_000 + 1000;
    const r = await call(timed, 'POST', '/submissions', { token, body: { ...DETAILS, proof } });
    expect(r.status).toBe(401);
    expect(errorOf(r).code).toBe('password-required');
  });

  it('only asks for details on a link with details: each gate has its own code', async () => {
    const details = await adminCreateLink(app, { ask: ['email'] });
    const r1 = await call(app, 'POST', '/uploads', {
      token: details.token,
      body: { files: [{ clientId: 'a', name: 'a', size: 1, type: '' }] },
    });
    expect(r1.status).toBe(400);
    expect(errorOf(r1)).toMatchObject({
      code: 'uploader-details-required',
      details: { missing: ['email'] },
    });
    const terms = await adminCreateLink(app, { terms: TERMS });
    const r2 = await call(app, 'POST', '/uploads', {
      token: terms.token,
      body: { files: [{ clientId: 'a', name: 'a', size: 1, type: '' }] },
    });
    expect(errorOf(r2).code).toBe('terms-not-accepted');
    const folder = await adminCreateLink(app, { folderTemplate: '{date}/' });
    const r3 = await call(app, 'POST', '/uploads', {
      token: folder.token,
      body: { files: [{ clientId: 'a', name: 'a', size: 1, type: '' }] },
    });
    expect(errorOf(r3).code).toBe('submission-required');
  });

  it('refuses a submission token that was edited or belongs to another link', async () => {
    const a = await adminCreateLink(app, { ask: ['name'] });
    const b = await adminCreateLink(app, { ask: ['name'] });
    const subA = await openSubmission(app, a.token, { details: { name: 'A' } });
    const [kid, payload, mac] = subA.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { f: string };
    claims.f = '../../escape/';
    const edited = `${kid}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${mac}`;
    for (const [token, submission] of [
      [b.token, subA.token],
      [a.token, edited],
      [a.token, 'nonsense'],
    ] as const) {
      const r = await call(app, 'POST', '/uploads', {
        token,
        body: { submission, files: [{ clientId: 'a', name: 'a', size: 1, type: '' }] },
      });
      expect(r.status).toBe(400);
      expect(errorOf(r).code).toBe('submission-invalid');
    }
  });

  it('limits wrong passwords per address and link, on every instance, with Retry-After', async () => {
    const { token } = await adminCreateLink(app, { password: PASSWORD });
    const headers = fromAddress();
    // A second signer instance over the same bucket sees the same failures.
    const other = createApp({
      config: stack.config,
      cos: stack.cos,
      logger: createLogger('silent'),
    });
    for (let i = 0; i < PER_ADDRESS; i++) {
      const r = await call(i % 2 ? other : app, 'POST', '/link/unlock', {
        token,
        body: { password: `guess ${i}` },
        headers,
      });
      expect(r.status).toBe(401);
    }
    for (const instance of [app, other]) {
      const limited = await call(instance, 'POST', '/link/unlock', {
        token,
        body: { password: PASSWORD },
        headers,
      });
      expect(limited.status).toBe(429);
      expect(errorOf(limited).code).toBe('rate-limited');
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    }
    // Another address still gets its own tries.
    expect(await unlock(other, token, PASSWORD, fromAddress())).toMatch(/^k0\./);
    // Failures are stored per hashed address, never the address itself.
    const failures = await stack.cos.listObjects('.portal/pw-fail/');
    expect(failures.objects.length).toBeGreaterThanOrEqual(PER_ADDRESS);
    expect(failures.objects.map((o) => o.key).join()).not.toContain('198.51.100');
  });

  it('refuses invalid link settings through the admin API with a reason', async () => {
    for (const [body, reason] of [
      [{ ask: ['name'], folderTemplate: '../{name}/' }, /"\." or "\.\."/],
      [{ fields: [{ label: 'X', type: 'select', required: true }] }, /options/],
      [{ password: 'abc' }, /4 to 256/],
    ] as const) {
      const r = await call(app, 'POST', '/admin/links', { token: ADMIN_TOKEN, body });
      expect(r.status).toBe(400);
      expect(errorOf(r)).toMatchObject({ code: 'invalid-request' });
      expect(String(errorOf(r).details?.reason)).toMatch(reason);
    }
    const shown = await call(app, 'GET', '/admin/links', { token: ADMIN_TOKEN });
    expect(shown.status).toBe(200);
  });

  it('fails closed when the registry entry of a gated link is gone', async () => {
    const { token, link } = await adminCreateLink(app, { ask: ['name'] });
    await stack.cos.deleteObject(`.portal/links/${link.id}.json`);
    const fresh = createApp({
      config: stack.config,
      cos: stack.cos,
      logger: createLogger('silent'),
    });
    const r = await call(fresh, 'POST', '/uploads', {
      token,
      body: { files: [{ clientId: 'a', name: 'a', size: 1, type: '' }] },
    });
    expect(r.status).toBe(500);
    expect(errorOf(r).code).toBe('internal-error');
  });
});
