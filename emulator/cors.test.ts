import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchActual, matchPreflight, parseCorsXml, type CorsRule } from './cors';
import { cosRequest, errorCode, startTestEmulator, type TestEmulator } from './test-harness';

const md5b64 = (s: string): string => createHash('md5').update(s).digest('base64');

const rule = (r: Partial<CorsRule>): CorsRule => ({
  allowedOrigins: ['*'],
  allowedMethods: ['PUT'],
  allowedHeaders: ['*'],
  exposeHeaders: [],
  ...r,
});

describe('CORS rule matching', () => {
  it('first matching rule wins', () => {
    const rules = [
      rule({ id: 'first', allowedOrigins: ['https://app.example.com'] }),
      rule({ id: 'second', exposeHeaders: ['ETag'] }),
    ];
    expect(matchPreflight(rules, 'https://app.example.com', 'PUT', [])?.id).toBe('first');
    expect(matchPreflight(rules, 'https://other.example', 'PUT', [])?.id).toBe('second');
  });

  it('matches an exact origin, `*`, and one wildcard anywhere', () => {
    const rules = [rule({ allowedOrigins: ['http://*.abc.com'] })];
    expect(matchPreflight(rules, 'http://x.abc.com', 'PUT', [])).toBeDefined();
    expect(matchPreflight(rules, 'http://a.b.abc.com', 'PUT', [])).toBeDefined();
    expect(matchPreflight(rules, 'https://x.abc.com', 'PUT', [])).toBeUndefined();
    expect(matchPreflight(rules, 'http://abc.com.evil.net', 'PUT', [])).toBeUndefined();
    const exact = [rule({ allowedOrigins: ['https://example.com:8443'] })];
    expect(matchPreflight(exact, 'https://example.com:8443', 'PUT', [])).toBeDefined();
    expect(matchPreflight(exact, 'https://example.com', 'PUT', [])).toBeUndefined();
  });

  it('needs the method and every requested header (case-insensitive)', () => {
    const rules = [rule({ allowedHeaders: ['Content-Type', 'x-cos-meta-*'] })];
    expect(matchPreflight(rules, 'http://a', 'GET', [])).toBeUndefined();
    expect(
      matchPreflight(rules, 'http://a', 'put', ['content-type', 'x-cos-meta-name']),
    ).toBeDefined();
    expect(
      matchPreflight(rules, 'http://a', 'PUT', ['content-type', 'content-md5']),
    ).toBeUndefined();
    expect(matchActual(rules, 'http://a', 'GET')).toBeUndefined();
  });

  it('rejects malformed configurations', () => {
    expect(() => parseCorsXml('<CORSConfiguration></CORSConfiguration>')).toThrow(
      /MalformedXML|not well-formed|CORSRule/,
    );
    expect(() =>
      parseCorsXml(
        '<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PATCH</AllowedMethod></CORSRule></CORSConfiguration>',
      ),
    ).toThrow(/PATCH/);
    expect(() => parseCorsXml('<CORSConfiguration><CORSRule>')).toThrow();
  });
});

describe('bucket CORS over HTTP', () => {
  let t: TestEmulator;
  const ORIGIN = 'http://localhost:5173';
  const config = `<CORSConfiguration>
  <CORSRule><ID>no-expose</ID><AllowedOrigin>http://first.example</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader></CORSRule>
  <CORSRule><ID>portal</ID><AllowedOrigin>${ORIGIN}</AllowedOrigin><AllowedOrigin>http://*.portal.test</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><ExposeHeader>x-cos-hash-crc64ecma</ExposeHeader><ExposeHeader>x-cos-request-id</ExposeHeader><MaxAgeSeconds>600</MaxAgeSeconds></CORSRule>
  <CORSRule><ID>anyone-get</ID><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedHeader>range</AllowedHeader></CORSRule>
</CORSConfiguration>`;
  const options = (origin: string, method: string, headers?: string) =>
    cosRequest(t, {
      method: 'OPTIONS',
      path: '/uploads/file.bin',
      sign: false,
      unsignedHeaders: {
        Origin: origin,
        'Access-Control-Request-Method': method,
        ...(headers ? { 'Access-Control-Request-Headers': headers } : {}),
      },
    });

  beforeAll(async () => {
    t = await startTestEmulator();
  });
  afterAll(async () => {
    await t.close();
  });

  it('without configuration: GET ?cors is NoSuchCORSConfiguration and preflight is AccessForbidden', async () => {
    const g = await cosRequest(t, { method: 'GET', path: '/?cors' });
    expect(g.status).toBe(404);
    expect(errorCode(g)).toBe('NoSuchCORSConfiguration');
    const p = await options(ORIGIN, 'PUT');
    expect(p.status).toBe(403);
    expect(errorCode(p)).toBe('AccessForbidden');
  });

  it('PUT ?cors verifies Content-MD5', async () => {
    const bad = await cosRequest(t, {
      method: 'PUT',
      path: '/?cors',
      body: config,
      headers: { 'Content-Type': 'application/xml', 'Content-MD5': md5b64(config + ' ') },
    });
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('BadDigest');
    const ok = await cosRequest(t, {
      method: 'PUT',
      path: '/?cors',
      body: config,
      headers: { 'Content-Type': 'application/xml', 'Content-MD5': md5b64(config) },
    });
    expect(ok.status).toBe(200);
    const g = await cosRequest(t, { method: 'GET', path: '/?cors' });
    expect(g.status).toBe(200);
    expect(g.text).toContain('<ID>portal</ID>');
    expect(g.text).toContain('<ExposeHeader>x-cos-hash-crc64ecma</ExposeHeader>');
    expect(g.text).toContain('<MaxAgeSeconds>600</MaxAgeSeconds>');
  });

  it('answers a matching preflight with the rule, echoing origin and requested headers', async () => {
    const before = t.emu.stats().preflight;
    const p = await options(ORIGIN, 'PUT', 'Content-Type, X-COS-Meta-Name');
    expect(p.status).toBe(200);
    expect(p.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(p.headers['access-control-allow-credentials']).toBe('true');
    expect(p.headers['access-control-allow-methods']).toBe('PUT,GET,HEAD');
    expect(p.headers['access-control-allow-headers']).toBe('content-type,x-cos-meta-name');
    expect(p.headers['access-control-expose-headers']).toBe(
      'ETag,x-cos-hash-crc64ecma,x-cos-request-id',
    );
    expect(p.headers['access-control-max-age']).toBe('600');
    expect(p.headers.vary).toBe('Origin');
    expect(p.headers['x-cos-request-id']).toBeTruthy();
    expect(t.emu.stats().preflight).toBe(before + 1);
  });

  it('uses the first matching rule even when a later one exposes more', async () => {
    const p = await options('http://first.example', 'PUT');
    expect(p.status).toBe(200);
    expect(p.headers['access-control-expose-headers']).toBeUndefined();
  });

  it('answers `*` without credentials for a rule whose origin is `*`', async () => {
    const p = await options('https://anyone.example', 'GET', 'Range');
    expect(p.status).toBe(200);
    expect(p.headers['access-control-allow-origin']).toBe('*');
    expect(p.headers['access-control-allow-credentials']).toBeUndefined();
    expect(p.headers['access-control-allow-headers']).toBe('range');
  });

  it('refuses a preflight whose header, method or origin is not allowed', async () => {
    const header = await options('https://anyone.example', 'GET', 'x-custom');
    expect(header.status).toBe(403);
    expect(errorCode(header)).toBe('AccessForbidden');
    expect(header.headers['access-control-allow-origin']).toBeUndefined();
    expect((await options(ORIGIN, 'DELETE')).status).toBe(403);
    expect((await options('http://evil.example', 'PUT')).status).toBe(403);
    const wildcard = await options('http://tenant.portal.test', 'PUT');
    expect(wildcard.status).toBe(200);
    expect(wildcard.headers['access-control-allow-origin']).toBe('http://tenant.portal.test');
  });

  it('adds CORS headers (with Expose-Headers) to actual success and error responses', async () => {
    const put = await cosRequest(t, {
      method: 'PUT',
      path: '/uploads/file.bin',
      body: 'data',
      unsignedHeaders: { Origin: ORIGIN },
    });
    expect(put.status).toBe(200);
    expect(put.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(put.headers['access-control-expose-headers']).toBe(
      'ETag,x-cos-hash-crc64ecma,x-cos-request-id',
    );
    const denied = await cosRequest(t, {
      method: 'PUT',
      path: '/uploads/file.bin',
      body: 'data',
      sign: false,
      unsignedHeaders: { Origin: ORIGIN },
    });
    expect(denied.status).toBe(403);
    expect(denied.headers['access-control-allow-origin']).toBe(ORIGIN);
    const missing = await cosRequest(t, {
      method: 'GET',
      path: '/nope',
      unsignedHeaders: { Origin: ORIGIN },
    });
    expect(missing.status).toBe(404);
    expect(missing.headers['access-control-expose-headers']).toContain('ETag');
    // An origin no rule allows: the request is not refused, it just gets no CORS headers.
    const foreign = await cosRequest(t, {
      method: 'PUT',
      path: '/uploads/file2.bin',
      body: 'data',
      unsignedHeaders: { Origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(200);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('keeps rules across a restart; DELETE ?cors removes them', async () => {
    await t.restart();
    expect((await options(ORIGIN, 'PUT')).status).toBe(200);
    const d = await cosRequest(t, { method: 'DELETE', path: '/?cors' });
    expect(d.status).toBe(204);
    expect(errorCode(await cosRequest(t, { method: 'GET', path: '/?cors' }))).toBe(
      'NoSuchCORSConfiguration',
    );
    expect((await options(ORIGIN, 'PUT')).status).toBe(403);
  });
});
