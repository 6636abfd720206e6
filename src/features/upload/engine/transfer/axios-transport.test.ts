// @vitest-environment jsdom
/**
 * The real axios XHR adapter (jsdom's XMLHttpRequest, with its CORS checks) against a real
 * HTTP server on loopback. Checks what a signed PUT depends on: exact headers, the Blob sent
 * untouched, readable exposed headers, and errors mapped to TransportError kinds.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../../../../../testing/loopback-server';
import { createAxiosTransport } from './axios-transport';
import { TransportError } from '../ports/transport';

let server: LoopbackServer;

beforeEach(async () => {
  server = await startLoopbackServer(
    () => ({
      status: 200,
      headers: {
        ETag: '"abc"',
        'x-cos-hash-crc64ecma': '123',
        'x-cos-request-id': 'req-1',
        'x-hidden': 'secret',
      },
    }),
    { cors: { exposeHeaders: ['ETag', 'x-cos-hash-crc64ecma', 'x-cos-request-id'] } },
  );
});

afterEach(async () => {
  await server.close();
});

function bytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + 7) & 0xff;
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

describe('createAxiosTransport (XHR adapter in jsdom)', () => {
  it('sends the Blob byte for byte with exactly the signed headers and reads exposed headers', async () => {
    const data = bytes(200_000);
    const blob = new Blob([data as BlobPart], { type: 'application/pdf' });
    const progress: number[] = [];
    const transport = createAxiosTransport();
    const res = await transport.put(`${server.origin}/a%20b.pdf?sig=1`, blob, {
      headers: {
        'Content-Type': 'application/pdf',
        'x-cos-forbid-overwrite': 'true',
        'Content-Length': String(data.length),
        Host: 'ignored.example',
      },
      onProgress: (n) => progress.push(n),
    });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"abc"');
    expect(res.headers['x-cos-hash-crc64ecma']).toBe('123');
    expect(res.headers['x-cos-request-id']).toBe('req-1');
    // Not exposed through CORS, so the browser hides it.
    expect(res.headers['x-hidden']).toBeUndefined();

    const put = server.requests.find((s) => s.method === 'PUT')!;
    expect(put.url).toBe('/a%20b.pdf?sig=1');
    expect(sameBytes(put.body, data)).toBe(true);
    expect(put.headers['content-type']).toBe('application/pdf');
    expect(put.headers['x-cos-forbid-overwrite']).toBe('true');
    expect(put.headers['content-length']).toBe(String(data.length));
    expect(put.headers.host).toBe(new URL(server.origin).host);
    // The browser's own `Accept: */*` for XHR may appear; axios's JSON default must not.
    expect(put.headers.accept ?? '*/*').toBe('*/*');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[progress.length - 1]).toBe(data.length);
  });

  it('adds no Content-Type when the signature does not cover one, even for a typed Blob', async () => {
    const transport = createAxiosTransport();
    const typed = new Blob([bytes(10) as BlobPart], { type: 'image/png' });
    await transport.put(`${server.origin}/x`, typed, { headers: {} });
    const untyped = new Blob([bytes(10) as BlobPart]);
    await transport.put(`${server.origin}/y`, untyped, { headers: { 'x-cos-meta-a': 'b' } });
    const puts = server.requests.filter((s) => s.method === 'PUT');
    expect(puts).toHaveLength(2);
    for (const put of puts) {
      expect(put.headers['content-type']).toBeUndefined();
      expect(put.headers.accept ?? '*/*').toBe('*/*');
      expect(put.body.length).toBe(10);
    }
    expect(puts[1]!.headers['x-cos-meta-a']).toBe('b');
  });

  it('returns HTTP errors as answers with the COS XML body', async () => {
    server.setHandler(() => ({
      status: 403,
      headers: { 'content-type': 'application/xml', 'x-cos-request-id': 'r9' },
      body: '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
    }));
    const transport = createAxiosTransport();
    const res = await transport.put(`${server.origin}/z`, new Blob(['x']), { headers: {} });
    expect(res.status).toBe(403);
    expect(res.body).toContain('<Code>AccessDenied</Code>');
    expect(res.headers['x-cos-request-id']).toBe('r9');
  });

  it('throws TransportError(network) when the connection drops', async () => {
    server.setHandler(() => 'drop');
    const transport = createAxiosTransport();
    const error = await transport
      .put(`${server.origin}/z`, new Blob(['x']), { headers: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('network');
  });

  it('throws TransportError(abort) when the signal aborts', async () => {
    server.setHandler(() => 'hang');
    const controller = new AbortController();
    const transport = createAxiosTransport();
    const pending = transport.put(`${server.origin}/z`, new Blob(['x']), {
      headers: {},
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 30);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('abort');
  });

  it('throws TransportError(timeout) when a whole-request timeout is set and exceeded', async () => {
    server.setHandler(() => 'hang');
    const transport = createAxiosTransport({ timeoutMs: 50 });
    const error = await transport
      .put(`${server.origin}/z`, new Blob(['x']), { headers: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('timeout');
  });
});
