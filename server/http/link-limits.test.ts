/**
 * Every limit of a share link, at its boundary, driven over real HTTP by a script that ignores
 * the portal (server/testing/api-script.ts), against a running signer and the strict emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc64 } from '../../protocol/crc64';
import { loadConfig } from '../config';
import { createLinkClaims } from '../links/link-types';
import { mintLinkToken } from '../links/link-token';
import { linkKeySet } from '../links/link-keys';
import { createLogger } from '../log/logger';
import type { RunningSigner } from '../start-signer';
import { startSigner } from '../start-signer';
import { apiScript, completed, errorCodeOf } from '../testing/api-script';
import { stackEnv } from '../testing/stack-env';
import { sendSigned } from '../testing/test-stack';
import { startSignerOnStack, stopSignerOnStack } from '../testing/signer-on-stack';
import type { TestStack } from '../testing/test-stack';

let stack: TestStack;
let signer: RunningSigner;
/** The signer's clock (reservations, link expiry); the emulator keeps real time. */
let clock = Date.now();

const bytes = (n: number, fill = 0x61) => new Uint8Array(n).fill(fill);

beforeAll(async () => {
  ({ stack, signer } = await startSignerOnStack({ STATE_CACHE_SECONDS: '0' }, () => clock));
});
afterAll(() => stopSignerOnStack({ stack, signer }));

async function newLink(options: Parameters<RunningSigner['mintLink']>[0] = {}) {
  const { token, id } = await signer.mintLink(options);
  return { id, token, api: apiScript(signer.url, token) };
}

describe('share-link limits over HTTP', () => {
  it('max file size: exactly at lands, one byte over is refused before signing', async () => {
    const { api } = await newLink({ maxFileSize: 10 });
    const at = await api.upload('at.bin', bytes(10));
    expect(at.put).toBe(200);
    expect(completed(at.complete!)).toMatchObject({ size: 10, verified: true });
    const [over] = await api.create([{ name: 'over.bin', size: 11 }]);
    expect(over).toMatchObject({
      ok: false,
      error: { code: 'file-too-large', details: { limit: 10 } },
    });
  });

  it('a body larger or smaller than signed is refused by the store itself', async () => {
    const { api } = await newLink({ maxFileSize: 10 });
    const [r] = await api.create([{ name: 'a.bin', size: 10 }]);
    if (!r!.ok || r!.upload.kind !== 'single') throw new Error('not signed');
    const longer = await sendSigned(r!.upload.request, bytes(11));
    expect(longer.status).toBe(403);
    expect(await longer.text()).toContain('SignatureDoesNotMatch');
    const shorter = await sendSigned(r!.upload.request, bytes(9));
    expect(shorter.status).toBe(403);
    await shorter.arrayBuffer();
    // A different Content-Type than the one signed: refused too.
    const retyped = await sendSigned(r!.upload.request, bytes(10), { 'Content-Type': 'text/html' });
    expect(retyped.status).toBe(403);
    await retyped.arrayBuffer();
    expect(await stack.cos.headObject(r!.upload.key)).toBeNull();
  });

  it('max files counts verified uploads across batches: exactly at passes, one over is refused', async () => {
    const { api } = await newLink({ maxFiles: 2 });
    expect(completed((await api.upload('1.txt', bytes(3))).complete!).verified).toBe(true);
    expect(await api.link()).toMatchObject({ usage: { files: 1, bytes: 3 } });
    const second = await api.upload('2.txt', bytes(4));
    expect(completed(second.complete!).verified).toBe(true);
    expect(await api.link()).toMatchObject({ usage: { files: 2, bytes: 7 } });
    const [third] = await api.create([{ name: '3.txt', size: 1 }]);
    expect(third).toMatchObject({
      ok: false,
      error: { code: 'too-many-files', details: { limit: 2 } },
    });
    // Completing the same upload again does not count it twice.
    const again = await api.complete(
      (second.result as { upload: { ticket: string } }).upload.ticket,
    );
    expect(again.status).toBe(200);
    expect(await api.link()).toMatchObject({ usage: { files: 2, bytes: 7 } });
  });

  it('max total bytes: exactly at passes, one byte over is refused', async () => {
    const { api } = await newLink({ maxTotalBytes: 10 });
    expect((await api.upload('a', bytes(4))).put).toBe(200);
    const [over] = await api.create([{ name: 'b', size: 7 }]);
    expect(over).toMatchObject({
      ok: false,
      error: { code: 'quota-exceeded', details: { limit: 10, remaining: 6 } },
    });
    expect((await api.upload('b', bytes(6))).put).toBe(200);
    expect(await api.link()).toMatchObject({ usage: { files: 2, bytes: 10 } });
    const [one] = await api.create([{ name: 'c', size: 1 }]);
    // Full: nothing remains (the portal says so in place of its dropzone).
    expect(one).toMatchObject({
      ok: false,
      error: { code: 'quota-exceeded', details: { limit: 10, remaining: 0 } },
    });
    const [empty] = await api.create([{ name: 'd', size: 0 }]);
    expect(empty!.ok).toBe(true);
  });

  it('types: the allow-list decides, and the type signed is the one that must be sent', async () => {
    const { api } = await newLink({ allowedTypes: ['image/png', '.pdf'] });
    const results = await api.create([
      { name: 'p.png', size: 1, type: 'image/png' },
      { name: 'r.pdf', size: 1, type: '' },
      { name: 'x.png', size: 1, type: 'text/html' },
      { name: 'x.html', size: 1, type: 'text/html' },
      { name: 'x.html', size: 1, type: 'image/png' },
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'ok',
      'ok',
      'ok',
      'file-type-not-allowed',
      'file-type-not-allowed',
    ]);
    const png = results[0]!;
    if (!png.ok || png.upload.kind !== 'single') throw new Error('not signed');
    expect(png.upload.request.headers['Content-Type']).toBe('image/png');
    // The name decides the stored type, not the browser's claim (protocol/file-types.ts).
    const claimedHtml = results[2]!;
    if (!claimedHtml.ok || claimedHtml.upload.kind !== 'single') throw new Error('not signed');
    expect(claimedHtml.upload.request.headers['Content-Type']).toBe('image/png');
    const sneaky = await sendSigned(png.upload.request, bytes(1), { 'Content-Type': 'text/html' });
    expect(sneaky.status).toBe(403);
    await sneaky.arrayBuffer();
  });

  it('hostile names land as harmless keys under the link prefix, never in the state prefix', async () => {
    const { id, api } = await newLink();
    const before = (await stack.cos.listObjects('.portal/')).objects.map((o) => o.key);
    const names = [
      '../../.portal/revoked/x',
      '..\\..\\.portal\\links\\y.json',
      '<img src=x onerror=alert(1)>.png',
      'evil\u202Etxt.exe',
      'CON',
      'line\r\nx-cos-acl: public-read',
      '%2e%2e%2f.portal',
      '.portal',
    ];
    for (const name of names) {
      const r = await api.upload(name, bytes(2), 'text/plain');
      expect(r.put, name).toBe(200);
      const done = completed(r.complete!);
      expect(done.key.startsWith(`uploads/${id}/`), done.key).toBe(true);
      // One flat name: no separators, no `.`/`..` segment, no controls or markup.
      const rest = done.key.slice(`uploads/${id}/`.length);
      expect(rest).not.toMatch(/[/\\\r\n\u202E<>]/);
      expect(['.', '..']).not.toContain(rest);
    }
    const [nested] = await api.create([
      { name: 'a.txt', size: 1, relativePath: '../../../.portal/journal/' },
    ]);
    expect(nested!.ok && nested!.upload.key.startsWith(`uploads/${id}/`)).toBe(true);
    const after = (await stack.cos.listObjects('.portal/')).objects.map((o) => o.key);
    // Only the signer's own state objects changed (journal, ledger) — none named by a file.
    const added = after.filter((k) => !before.includes(k));
    expect(added.every((k) => k.startsWith(`.portal/ledger/${id}/`))).toBe(true);
  });

  it('never overwrites: two report.pdf get two objects, and a replayed URL is refused', async () => {
    const { api } = await newLink();
    const a = await api.upload('report.pdf', bytes(5, 0x41), 'application/pdf');
    const b = await api.upload('report.pdf', bytes(6, 0x42), 'application/pdf');
    const keyA = completed(a.complete!).key;
    const keyB = completed(b.complete!).key;
    expect(keyA).not.toBe(keyB);
    expect((await stack.cos.headObject(keyA))?.size).toBe(5);
    expect((await stack.cos.headObject(keyB))?.size).toBe(6);
    const replay = await sendSigned(
      (a.result as { upload: { request: { url: string; headers: Record<string, string> } } }).upload
        .request,
      bytes(5, 0x43),
    );
    expect(replay.status).toBe(409);
    await replay.arrayBuffer();
  });

  it('concurrent signing at a count limit never signs more than the limit', async () => {
    const { api } = await newLink({ maxFiles: 5 });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api.create([{ name: `c${i}.txt`, size: 1 }])),
    );
    const ok = results.filter((r) => r[0]!.ok).length;
    expect(ok).toBe(5);
    expect(
      results
        .filter((r) => !r[0]!.ok)
        .every((r) => !r[0]!.ok && r[0]!.error.code === 'too-many-files'),
    ).toBe(true);
  });

  it('counts an upload that landed without a complete call once its reservation ends', async () => {
    const { api } = await newLink({ maxFiles: 1 });
    const [a] = await api.create([{ name: 'quiet.txt', size: 3 }]);
    if (!a!.ok || a!.upload.kind !== 'single') throw new Error('not signed');
    expect((await sendSigned(a!.upload.request, bytes(3))).status).toBe(200);
    // No complete. Two hours later the reservation is over, but the object is found and counted.
    clock += 2 * 3600_000;
    const [b] = await api.create([{ name: 'next.txt', size: 1 }]);
    expect(b).toMatchObject({ ok: false, error: { code: 'too-many-files' } });
    expect(await api.link()).toMatchObject({ usage: { files: 1, bytes: 3 } });
    // A late complete is accepted (it is the counted upload) and still counts once.
    expect((await api.complete(a!.upload.ticket, crc64(bytes(3)))).status).toBe(200);
    expect(await api.link()).toMatchObject({ usage: { files: 1, bytes: 3 } });
  });

  it('removes an upload that arrives after its room was given to another, beyond the limit', async () => {
    const { api } = await newLink({ maxFiles: 1 });
    const [late] = await api.create([{ name: 'late.txt', size: 2 }]);
    if (!late!.ok || late!.upload.kind !== 'single') throw new Error('not signed');
    clock += 2 * 3600_000; // its reservation ran out with nothing uploaded
    const other = await api.upload('other.txt', bytes(1));
    expect(completed(other.complete!).verified).toBe(true);
    // The old URL still works on the store (its signature is real time): the bytes land...
    expect((await sendSigned(late!.upload.request, bytes(2))).status).toBe(200);
    // ...but completing is refused, and the object removed: the link stays at its limit.
    const refused = await api.complete(late!.upload.ticket);
    expect(refused.status).toBe(403);
    expect(errorCodeOf(refused.json)).toBe('too-many-files');
    expect(await stack.cos.headObject(late!.upload.key)).toBeNull();
    // Re-signing it is refused as well.
    const resign = await api.request('POST', '/uploads/sign', { ticket: late!.upload.ticket });
    expect(errorCodeOf(resign.json)).toBe('too-many-files');
  });

  it('refuses tampered, expired, revoked and foreign-key links everywhere', async () => {
    const { id, token, api } = await newLink({ expiresInSeconds: 3600 });
    const [r] = await api.create([{ name: 'x.txt', size: 1 }]);
    if (!r!.ok) throw new Error('not signed');
    const tampered = apiScript(
      signer.url,
      `${token.slice(0, -3)}${token.endsWith('AAA') ? 'BBB' : 'AAA'}`,
    );
    expect(errorCodeOf((await tampered.request('GET', '/link')).json)).toBe('link-tampered');
    const foreign = mintLinkToken(
      linkKeySet([{ kid: 'k0', secret: 'another-deployment-secret-0000000000' }]),
      createLinkClaims({}, 'uploads/', clock),
    );
    expect(errorCodeOf((await apiScript(signer.url, foreign).request('GET', '/link')).json)).toBe(
      'link-tampered',
    );
    expect(
      errorCodeOf((await apiScript(signer.url, 'not.a.token').request('GET', '/link')).json),
    ).toBe('link-malformed');

    await signer.state.revoke(id, 'test');
    for (const [method, route, body] of [
      ['GET', '/link', undefined],
      ['POST', '/uploads', { files: [{ clientId: 'a', name: 'a', size: 1, type: '' }] }],
      ['POST', '/uploads/sign', { ticket: r!.upload.ticket }],
    ] as const) {
      const reply = await api.request(method, route, body);
      expect(reply.status, route).toBe(410);
      expect(errorCodeOf(reply.json), route).toBe('link-revoked');
    }
    // Finishing an upload signed before stays possible (finish-after-revocation.test.ts): this
    // one was never sent, so completing it finds nothing.
    const complete = await api.request('POST', '/uploads/complete', { ticket: r!.upload.ticket });
    expect(errorCodeOf(complete.json)).toBe('object-missing');
    // With a tampered token, nothing at all.
    const forged = await tampered.request('POST', '/uploads/complete', {
      ticket: r!.upload.ticket,
    });
    expect(errorCodeOf(forged.json)).toBe('link-tampered');
    // Aborting only removes data: still allowed.
    expect((await api.request('POST', '/uploads/abort', { ticket: r!.upload.ticket })).status).toBe(
      204,
    );

    const { api: shortLived } = await newLink({ expiresInSeconds: 60 });
    clock += 61_000;
    const expired = await shortLived.request('GET', '/link');
    expect(errorCodeOf(expired.json)).toBe('link-expired');
    // Never cached: the URL is the same for every link, only the token differs.
    expect(expired.headers.get('cache-control')).toBe('no-store');
    expect((await api.request('GET', '/link')).headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a link whose key prefix reaches into the state prefix', async () => {
    const claims = createLinkClaims({ prefix: '.portal/' }, 'uploads/', clock);
    const token = mintLinkToken(stack.config.linkKeys, claims);
    const reply = await apiScript(signer.url, token).request('GET', '/link');
    expect(errorCodeOf(reply.json)).toBe('link-malformed');
    await expect(signer.mintLink({ prefix: '.portal/links/' })).rejects.toThrow(/state prefix/);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After per address and per link', async () => {
    const config = loadConfig({
      PORT: '0',
      ...stackEnv(stack),
      RATE_LIMIT_IP_PER_SECOND: '1',
      RATE_LIMIT_LINK_PER_SECOND: '100',
      RATE_LIMIT_BURST_SECONDS: '3',
      TRUST_PROXY: '1',
      LOG_LEVEL: 'silent',
    });
    const limited = await startSigner(config, { cos: stack.cos, logger: createLogger('silent') });
    try {
      const { token } = await limited.mintLink();
      // Behind a trusted proxy each X-Forwarded-For address has its own budget.
      const fromA = apiScript(limited.url, token, { 'X-Forwarded-For': '203.0.113.7' });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await fromA.request('GET', '/link')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const denied = await fromA.request('GET', '/link');
      expect(errorCodeOf(denied.json)).toBe('rate-limited');
      expect(Number(denied.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const fromB = apiScript(limited.url, token, { 'X-Forwarded-For': '198.51.100.9' });
      expect((await fromB.request('GET', '/link')).status).toBe(200);
    } finally {
      await limited.close();
    }

    const perLink = await startSigner(
      { ...config, rateLimits: { perIp: 0, perLink: 1, burstSeconds: 2 } },
      { cos: stack.cos, logger: createLogger('silent') },
    );
    try {
      const one = await perLink.mintLink();
      const other = await perLink.mintLink();
      const api = apiScript(perLink.url, one.token);
      expect([
        (await api.request('GET', '/link')).status,
        (await api.request('GET', '/link')).status,
        (await api.request('GET', '/link')).status,
      ]).toEqual([200, 200, 429]);
      expect((await apiScript(perLink.url, other.token).request('GET', '/link')).status).toBe(200);
    } finally {
      await perLink.close();
    }
  });
});
