import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { crc64 } from '../protocol/crc64';
import { encodeKeyPath } from './cos-encoding';
import {
  TEST_BUCKET,
  cosRequest,
  errorCode,
  md5hex,
  rawExchange,
  signFor,
  startTestEmulator,
  useTestEmulator,
  type TestEmulator,
} from './test-harness';

const md5b64 = (b: Buffer | string): string => createHash('md5').update(b).digest('base64');

const t = useTestEmulator();
afterEach(() => {
  t.clock.set(Date.now());
});

const put = (key: string, body: Buffer | string, headers: Record<string, string> = {}) =>
  cosRequest(t, { method: 'PUT', path: encodeKeyPath(key), body, headers });
const get = (key: string, headers: Record<string, string> = {}) =>
  cosRequest(t, { method: 'GET', path: encodeKeyPath(key), headers });
const head = (key: string) => cosRequest(t, { method: 'HEAD', path: encodeKeyPath(key) });

describe('PUT / HEAD / GET / DELETE Object', () => {
  it('stores bytes and metadata; answers ETag, CRC64 and COS headers', async () => {
    const body = Buffer.from('hello world');
    const res = await put('docs/hello.txt', body, {
      'Content-Type': 'text/plain',
      'Content-MD5': md5b64(body),
      'Content-Disposition': 'attachment; filename="hello.txt"',
      'Cache-Control': 'max-age=60',
      'x-cos-meta-uploader': 'alice',
    });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(`"${md5hex(body)}"`);
    expect(res.headers['x-cos-hash-crc64ecma']).toBe('5981764153023615706');
    expect(res.headers['x-cos-hash-crc64ecma']).toBe(crc64(body));
    expect(res.headers['x-cos-request-id']).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
    expect(res.headers.server).toBe('tencent-cos');
    expect(Math.abs(Date.parse(res.headers.date!) - Date.now())).toBeLessThan(5000);
    expect(res.headers['content-length']).toBe('0');

    const h = await head('docs/hello.txt');
    expect(h.status).toBe(200);
    expect(h.headers['content-length']).toBe('11');
    expect(h.headers['content-type']).toBe('text/plain');
    expect(h.headers['content-disposition']).toBe('attachment; filename="hello.txt"');
    expect(h.headers['cache-control']).toBe('max-age=60');
    expect(h.headers['x-cos-meta-uploader']).toBe('alice');
    expect(h.headers.etag).toBe(`"${md5hex(body)}"`);
    expect(h.headers['x-cos-hash-crc64ecma']).toBe(crc64(body));
    expect(Date.parse(h.headers['last-modified']!)).toBeGreaterThan(0);
    expect(h.body.length).toBe(0);

    const g = await get('docs/hello.txt');
    expect(g.status).toBe(200);
    expect(g.body.equals(body)).toBe(true);
    expect(g.headers['x-cos-hash-crc64ecma']).toBe(crc64(body));
  });

  it('serves ranges with 206 and Content-Range, 416 past the end', async () => {
    await put('range.bin', '0123456789');
    const a = await get('range.bin', { Range: 'bytes=2-5' });
    expect(a.status).toBe(206);
    expect(a.text).toBe('2345');
    expect(a.headers['content-range']).toBe('bytes 2-5/10');
    const b = await get('range.bin', { Range: 'bytes=-3' });
    expect(b.text).toBe('789');
    const c = await get('range.bin', { Range: 'bytes=7-' });
    expect(c.text).toBe('789');
    const d = await get('range.bin', { Range: 'bytes=10-12' });
    expect(d.status).toBe(416);
    expect(errorCode(d)).toBe('InvalidRange');
  });

  it('applies response-* overrides on GET', async () => {
    await put('override.txt', 'x', { 'Content-Type': 'text/html' });
    const g = await cosRequest(t, {
      method: 'GET',
      path: '/override.txt?response-content-disposition=attachment&response-content-type=text%2Fplain',
    });
    expect(g.headers['content-type']).toBe('text/plain');
    expect(g.headers['content-disposition']).toBe('attachment');
  });

  it('refuses a response-* override no header can carry, at once and in words', async () => {
    await put('report.pdf', 'x');
    // 报告 raw, not in RFC 5987's filename*=UTF-8'' form: a header's bytes are Latin-1.
    const raw = encodeURIComponent('attachment; filename="报告.pdf"');
    const g = await cosRequest(t, {
      method: 'GET',
      path: `/report.pdf?response-content-disposition=${raw}`,
    });
    expect(g.status).toBe(400);
    expect(errorCode(g)).toBe('InvalidArgument');
    expect(g.text).toContain('response-content-disposition');
    // The encoded form passes and comes back as sent.
    const encoded = `attachment; filename*=UTF-8''${encodeURIComponent('报告.pdf')}`;
    const ok = await cosRequest(t, {
      method: 'GET',
      path: `/report.pdf?response-content-disposition=${encodeURIComponent(encoded)}`,
    });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-disposition']).toBe(encoded);
  });

  it('DELETE answers 204, also for a missing key; the object is gone', async () => {
    await put('to-delete.txt', 'bye');
    const d = await cosRequest(t, { method: 'DELETE', path: '/to-delete.txt' });
    expect(d.status).toBe(204);
    expect((await head('to-delete.txt')).status).toBe(404);
    const again = await cosRequest(t, { method: 'DELETE', path: '/to-delete.txt' });
    expect(again.status).toBe(204);
  });

  it('decodes a raw + in the path as a space, %2B as a plus', async () => {
    await cosRequest(t, { method: 'PUT', path: '/plus+space.txt', body: 'a' });
    expect((await head('plus space.txt')).status).toBe(200);
    await cosRequest(t, { method: 'PUT', path: '/plus%2Bsign.txt', body: 'b' });
    expect((await head('plus+sign.txt')).status).toBe(200);
  });

  it('last complete write wins for concurrent PUTs of one key', async () => {
    const bodies = Array.from({ length: 6 }, (_, i) => Buffer.alloc(200_000, 65 + i));
    const results = await Promise.all(bodies.map((b) => put('race.bin', b)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const g = await get('race.bin');
    expect(bodies.some((b) => b.equals(g.body))).toBe(true);
    expect(g.headers['x-cos-hash-crc64ecma']).toBe(crc64(g.body));
  });
});

describe('PUT checks', () => {
  it('BadDigest on a Content-MD5 mismatch, InvalidDigest on a malformed one; nothing stored', async () => {
    const bad = await put('md5.txt', 'hello', { 'Content-MD5': md5b64('hellO') });
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('BadDigest');
    expect((await head('md5.txt')).status).toBe(404);
    const malformed = await put('md5.txt', 'hello', { 'Content-MD5': 'not-base64' });
    expect(malformed.status).toBe(400);
    expect(errorCode(malformed)).toBe('InvalidDigest');
    expect((await head('md5.txt')).status).toBe(404);
  });

  it('411 MissingContentLength without Content-Length or chunked encoding', async () => {
    const host = `127.0.0.1:${t.emu.port}`;
    const auth = signFor(t, 'PUT', '/nolength.txt', host, {});
    const raw = await rawExchange(t.emu.port, (s) =>
      s.write(
        `PUT /nolength.txt HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${auth}\r\nConnection: close\r\n\r\n`,
      ),
    );
    expect(raw).toMatch(/^HTTP\/1\.1 411 /);
    expect(raw).toContain('<Code>MissingContentLength</Code>');
  });

  it('accepts a chunked body without Content-Length', async () => {
    const host = `127.0.0.1:${t.emu.port}`;
    const auth = signFor(t, 'PUT', '/chunked.txt', host, {});
    const raw = await rawExchange(t.emu.port, (s) =>
      s.write(
        `PUT /chunked.txt HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${auth}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n`,
      ),
    );
    expect(raw).toMatch(/^HTTP\/1\.1 200 /);
    expect((await get('chunked.txt')).text).toBe('hello world');
  });

  it('IncompleteBody when the client ends before Content-Length bytes; nothing stored', async () => {
    const host = `127.0.0.1:${t.emu.port}`;
    const auth = signFor(t, 'PUT', '/short.txt', host, { 'Content-Length': '100' });
    const raw = await rawExchange(t.emu.port, (s) => {
      s.write(
        `PUT /short.txt HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${auth}\r\nContent-Length: 100\r\n\r\n0123456789`,
      );
      setTimeout(() => s.end(), 100);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain('<Code>IncompleteBody</Code>');
    expect(raw).toContain('x-cos-request-id: ');
    expect((await head('short.txt')).status).toBe(404);
    // The answer goes out as soon as the HTTP parser sees the early end; the body's temp file
    // is removed by its own cleanup, which may finish a moment later on a busy machine.
    await vi.waitFor(async () => expect(await readdir(path.join(t.dataDir, 'tmp'))).toEqual([]), {
      timeout: 2_000,
    });
    expect(t.emu.stats().errors.IncompleteBody).toBeGreaterThanOrEqual(1);
  });

  it('a body longer than Content-Length: the first N bytes are stored and the answer is 200, then the connection closes', async () => {
    // COS: "If the Content-Length value in the request header is smaller than the actual data
    // length transmitted in the request body, COS will still successfully create the file [...]
    // any additional data will be discarded." Node's parser reads the surplus as the start of
    // a next request; it must not answer that with a bare 400 in place of the real answer.
    const host = `127.0.0.1:${t.emu.port}`;
    const auth = signFor(t, 'PUT', '/surplus.txt', host, { 'Content-Length': '10' });
    const raw = await rawExchange(t.emu.port, (s) =>
      s.write(
        `PUT /surplus.txt HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${auth}\r\nContent-Length: 10\r\n\r\n0123456789 and some more bytes`,
      ),
    );
    expect(raw).toMatch(/^HTTP\/1\.1 200 /);
    expect(raw).toContain(`ETag: "${md5hex('0123456789')}"`);
    expect(raw).toContain('x-cos-request-id: ');
    // One answer only (no second status line), and the server closed the connection after it.
    expect(raw.match(/HTTP\/1\.1 /g)).toHaveLength(1);
    expect(raw).toMatch(/Connection: close/i);
    expect((await get('surplus.txt')).text).toBe('0123456789');
  });

  it('a request that is not HTTP gets a COS XML error with a request id', async () => {
    const raw = await rawExchange(t.emu.port, (s) => s.write('HELLO WORLD\r\n\r\n'));
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain('Content-Type: application/xml');
    expect(raw).toContain('<Code>InvalidRequest</Code>');
    expect(raw).toMatch(/x-cos-request-id: \S+/);
    expect(raw).toMatch(/<RequestId>[^<]+<\/RequestId>/);
    expect(raw).toContain('Server: tencent-cos');
  });

  it('oversized request headers get a COS XML error with a request id', async () => {
    const raw = await rawExchange(t.emu.port, (s) =>
      s.write(`GET /x HTTP/1.1\r\nHost: a\r\nx-cos-meta-big: ${'a'.repeat(20_000)}\r\n\r\n`),
    );
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toMatch(/<Code>[A-Za-z]+<\/Code>/);
    expect(raw).toMatch(/x-cos-request-id: \S+/);
  });

  it('CONNECT gets a COS XML 405, not a dropped connection', async () => {
    const raw = await rawExchange(t.emu.port, (s) =>
      s.write(`CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n`),
    );
    expect(raw).toMatch(/^HTTP\/1\.1 405 /);
    expect(raw).toContain('<Code>MethodNotAllowed</Code>');
    expect(raw).toMatch(/x-cos-request-id: \S+/);
  });

  it('an Expect other than 100-continue gets a COS XML error, not a bare 417', async () => {
    const host = `127.0.0.1:${t.emu.port}`;
    const raw = await rawExchange(t.emu.port, (s) =>
      s.write(
        `PUT /expect.txt HTTP/1.1\r\nHost: ${host}\r\nExpect: something-else\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx`,
      ),
    );
    expect(raw).toMatch(/^HTTP\/1\.1 417 /);
    expect(raw).toContain('<Code>ExpectationFailed</Code>');
    expect(raw).toMatch(/x-cos-request-id: \S+/);
  });

  it('EntityTooLarge for a declared length over 5 GB, before reading the body', async () => {
    const host = `127.0.0.1:${t.emu.port}`;
    const length = String(5 * 1024 ** 3 + 1);
    const auth = signFor(t, 'PUT', '/huge.bin', host, { 'Content-Length': length });
    const raw = await rawExchange(
      t.emu.port,
      (s) =>
        s.write(
          `PUT /huge.bin HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${auth}\r\nContent-Length: ${length}\r\n\r\n`,
        ),
      500,
    );
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain('<Code>EntityTooLarge</Code>');
  });

  it('x-cos-forbid-overwrite: 409 FileAlreadyExists and the first object stays', async () => {
    const first = await put('once.txt', 'first', { 'x-cos-forbid-overwrite': 'true' });
    expect(first.status).toBe(200);
    const second = await put('once.txt', 'second', { 'x-cos-forbid-overwrite': 'true' });
    expect(second.status).toBe(409);
    expect(errorCode(second)).toBe('FileAlreadyExists');
    expect((await get('once.txt')).text).toBe('first');
  });

  it('MetadataTooLarge when x-cos-meta-* exceeds 2 KB', async () => {
    const res = await put('meta.txt', 'x', { 'x-cos-meta-big': 'a'.repeat(2100) });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('MetadataTooLarge');
  });
});

describe('errors as COS answers them', () => {
  it('NoSuchKey as COS XML with request and trace ids', async () => {
    const res = await get('missing/key.txt');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/xml');
    expect(res.headers['x-cos-trace-id']).toBeTruthy();
    const requestId = res.headers['x-cos-request-id'] as string;
    expect(res.text).toBe(
      `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n\t<Code>NoSuchKey</Code>\n\t<Message>The specified key does not exist.</Message>\n\t<Resource>${TEST_BUCKET}.cos.ap-guangzhou.myqcloud.com/missing/key.txt</Resource>\n\t<RequestId>${requestId}</RequestId>\n\t<TraceId>${res.headers['x-cos-trace-id'] as string}</TraceId>\n</Error>`,
    );
  });

  it('HEAD errors have no body', async () => {
    const res = await head('missing.txt');
    expect(res.status).toBe(404);
    expect(res.body.length).toBe(0);
    expect(res.headers['x-cos-request-id']).toBeTruthy();
  });

  it('anonymous ⇒ AccessDenied "Access Denied."', async () => {
    const res = await cosRequest(t, { method: 'GET', path: '/docs/hello.txt', sign: false });
    expect(res.status).toBe(403);
    expect(errorCode(res)).toBe('AccessDenied');
    expect(res.text).toContain('<Message>Access Denied.</Message>');
  });

  it('expired ⇒ AccessDenied "Request has expired"; header and query forms', async () => {
    await put('exp.txt', 'x');
    const host = `127.0.0.1:${t.emu.port}`;
    const auth = signFor(t, 'GET', '/exp.txt', host, {}, 60);
    const presigned = '/exp.txt?' + signFor(t, 'GET', '/exp.txt', host, {}, 60);
    t.clock.advance(120_000);
    const a = await cosRequest(t, {
      method: 'GET',
      path: '/exp.txt',
      sign: false,
      unsignedHeaders: { Authorization: auth },
    });
    expect(a.status).toBe(403);
    expect(a.text).toContain('<Code>AccessDenied</Code>');
    expect(a.text).toContain('<Message>Request has expired</Message>');
    const b = await cosRequest(t, { method: 'GET', path: presigned, sign: false });
    expect(b.status).toBe(403);
    expect(b.text).toContain('<Message>Request has expired</Message>');
  });

  it('SignatureDoesNotMatch with StringToSign and FormatString', async () => {
    const host = `127.0.0.1:${t.emu.port}`;
    const auth = signFor(t, 'PUT', '/sig.txt', host, { 'Content-Type': 'text/plain' });
    const res = await cosRequest(t, {
      method: 'PUT',
      path: '/sig.txt',
      body: 'x',
      sign: false,
      unsignedHeaders: { Authorization: auth, 'Content-Type': 'text/html' },
    });
    expect(res.status).toBe(403);
    expect(errorCode(res)).toBe('SignatureDoesNotMatch');
    expect(res.text).toContain('<Message>The Signature you specified is invalid.</Message>');
    expect(res.text).toContain('<StringToSign>sha1\n');
    expect(res.text).toContain(
      `<FormatString>put\n/sig.txt\n\ncontent-type=text%2Fhtml&amp;host=127.0.0.1%3A${t.emu.port}\n</FormatString>`,
    );
    expect((await head('sig.txt')).status).toBe(404);
  });

  it('InvalidAccessKeyId for an unknown SecretId', async () => {
    const host = `127.0.0.1:${t.emu.port}`;
    const auth = signFor(t, 'GET', '/x', host, {}).replace(/q-ak=[^&]+/, 'q-ak=AKIDNOBODY');
    const res = await cosRequest(t, {
      method: 'GET',
      path: '/x',
      sign: false,
      unsignedHeaders: { Authorization: auth },
    });
    expect(res.status).toBe(403);
    expect(errorCode(res)).toBe('InvalidAccessKeyId');
  });

  it('routes virtual hosts; unknown bucket or region ⇒ NoSuchBucket', async () => {
    const vhost = `${TEST_BUCKET}.cos.ap-guangzhou.localhost:${t.emu.port}`;
    const ok = await cosRequest(t, { method: 'PUT', path: '/vhost.txt', body: 'v', host: vhost });
    expect(ok.status).toBe(200);
    expect((await get('vhost.txt')).text).toBe('v');
    const other = await cosRequest(t, {
      method: 'GET',
      path: '/vhost.txt',
      host: 'other-1250000000.cos.ap-guangzhou.myqcloud.com',
    });
    expect(other.status).toBe(404);
    expect(errorCode(other)).toBe('NoSuchBucket');
    const wrongRegion = await cosRequest(t, {
      method: 'GET',
      path: '/vhost.txt',
      host: `${TEST_BUCKET}.cos.ap-beijing.myqcloud.com`,
    });
    expect(errorCode(wrongRegion)).toBe('NoSuchBucket');
  });

  it('501 NotImplemented for COS APIs the emulator lacks (not a fake success)', async () => {
    for (const [method, target] of [
      ['PUT', '/docs/hello.txt?acl'],
      ['GET', '/docs/hello.txt?tagging'],
      ['GET', '/docs/hello.txt?versionId=MTg0NDUxNTc1NjIzMTQ1MDAwODg'],
      ['GET', '/?versions'],
      ['GET', '/?acl'],
    ] as const) {
      const res = await cosRequest(t, { method, path: target });
      expect(res.status, `${method} ${target}`).toBe(501);
      expect(errorCode(res)).toBe('NotImplemented');
    }
  });
});

describe('GET Bucket (ListObjects)', () => {
  let lt: TestEmulator;
  beforeAll(async () => {
    lt = await startTestEmulator();
    for (const key of ['a.txt', 'dir/1.txt', 'dir/2.txt', 'dir/sub/3.txt', 'e f.txt', 'z.txt']) {
      await cosRequest(lt, { method: 'PUT', path: encodeKeyPath(key), body: key });
    }
  });
  afterAll(async () => {
    await lt.close();
  });
  const list = (query: string) => cosRequest(lt, { method: 'GET', path: `/?${query}` });
  const keys = (xml: string): string[] =>
    [...xml.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]!);

  it('lists with prefix, delimiter and CommonPrefixes', async () => {
    const all = await list('');
    expect(all.status).toBe(200);
    expect(all.text).toContain('<ListBucketResult>');
    expect(all.text).toContain(`<Name>${TEST_BUCKET}</Name>`);
    expect(keys(all.text)).toEqual([
      'a.txt',
      'dir/1.txt',
      'dir/2.txt',
      'dir/sub/3.txt',
      'e f.txt',
      'z.txt',
    ]);
    const d = await list('prefix=dir%2F&delimiter=%2F');
    expect(keys(d.text)).toEqual(['dir/1.txt', 'dir/2.txt']);
    expect(d.text).toContain(
      '<CommonPrefixes>\n\t\t<Prefix>dir/sub/</Prefix>\n\t</CommonPrefixes>',
    );
    const top = await list('delimiter=%2F');
    expect(keys(top.text)).toEqual(['a.txt', 'e f.txt', 'z.txt']);
    expect(top.text).toContain('<Prefix>dir/</Prefix>');
  });

  it('pages with max-keys and marker', async () => {
    const p1 = await list('max-keys=2');
    expect(keys(p1.text)).toEqual(['a.txt', 'dir/1.txt']);
    expect(p1.text).toContain('<IsTruncated>true</IsTruncated>');
    expect(p1.text).toContain('<NextMarker>dir/1.txt</NextMarker>');
    const p2 = await list('max-keys=2&marker=dir%2F1.txt');
    expect(keys(p2.text)).toEqual(['dir/2.txt', 'dir/sub/3.txt']);
    const p3 = await list('max-keys=2&marker=dir%2Fsub%2F3.txt');
    expect(keys(p3.text)).toEqual(['e f.txt', 'z.txt']);
    expect(p3.text).toContain('<IsTruncated>false</IsTruncated>');
  });

  it('url-encodes keys with encoding-type=url', async () => {
    const res = await list('encoding-type=url&prefix=e');
    expect(keys(res.text)).toEqual(['e%20f.txt']);
  });
});

describe('key safety', () => {
  it('stores hostile keys literally and never writes outside the data folder', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'cos-keys-'));
    const kt = await startTestEmulator({ dataDir: path.join(parent, 'data') });
    try {
      const hostile = [
        '../escape.txt',
        '../../../../tmp/escape.txt',
        'a/../../b.txt',
        '..',
        '.',
        'nul\u0000byte',
        'C:\\windows\\system32',
        '%2e%2e/literal-percent',
        '报告/😀 ☃ \u202Egnp.exe',
        'x'.repeat(850),
        '\u00e9'.repeat(425),
      ];
      for (const key of hostile) {
        const res = await cosRequest(kt, {
          method: 'PUT',
          path: encodeKeyPath(key),
          body: `body:${key}`,
        });
        expect(res.status, key).toBe(200);
      }
      for (const key of hostile) {
        const res = await cosRequest(kt, { method: 'GET', path: encodeKeyPath(key) });
        expect(res.text, key).toBe(`body:${key}`);
      }
      // Raw dot segments in the request line are not normalised either.
      const raw = await cosRequest(kt, { method: 'PUT', path: '/a/../../raw.txt', body: 'raw' });
      expect(raw.status).toBe(200);
      expect(
        (await cosRequest(kt, { method: 'GET', path: encodeKeyPath('a/../../raw.txt') })).text,
      ).toBe('raw');

      expect(await readdir(parent)).toEqual(['data']);
      const files = await readdir(path.join(parent, 'data'), { recursive: true });
      for (const f of files) {
        expect(f).toMatch(/^(tmp|buckets)(\/|$)/);
        expect(f).not.toContain('..');
        expect(f).not.toContain('escape');
      }
      const listing = await cosRequest(kt, { method: 'GET', path: '/?encoding-type=url' });
      expect(listing.text).toContain('<Key>..%2Fescape.txt</Key>');
    } finally {
      await kt.close();
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('KeyTooLong over 850 bytes; InvalidObjectName for a leading slash', async () => {
    const long = await put('x'.repeat(851), 'x');
    expect(long.status).toBe(400);
    expect(errorCode(long)).toBe('KeyTooLong');
    const multibyte = await put('\u00e9'.repeat(426), 'x');
    expect(errorCode(multibyte)).toBe('KeyTooLong');
    const slash = await cosRequest(t, { method: 'PUT', path: '//abs.txt', body: 'x' });
    expect(slash.status).toBe(400);
    expect(errorCode(slash)).toBe('InvalidObjectName');
  });

  it('InvalidURI for malformed percent-encoding', async () => {
    const res = await cosRequest(t, { method: 'GET', path: '/bad%E0%A4', sign: false });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('InvalidURI');
  });
});

describe('persistence', () => {
  it('objects and CORS rules survive a restart on the same data folder', async () => {
    const pt = await startTestEmulator();
    try {
      const body = Buffer.alloc(300_000, 7);
      await cosRequest(pt, {
        method: 'PUT',
        path: '/keep.bin',
        body,
        headers: { 'x-cos-meta-k': 'v' },
      });
      await pt.restart();
      const g = await cosRequest(pt, { method: 'GET', path: '/keep.bin' });
      expect(g.status).toBe(200);
      expect(g.body.equals(body)).toBe(true);
      expect(g.headers['x-cos-meta-k']).toBe('v');
      expect(g.headers['x-cos-hash-crc64ecma']).toBe(crc64(body));
    } finally {
      await pt.close();
    }
  });
});
