import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { createApiClient, requestJson, SignerError } from './api-client';
import { jsonReply, startLoopbackServer, type LoopbackServer } from '../../testing/loopback-server';

let server: LoopbackServer;
let base: string;

beforeEach(async () => {
  server = await startLoopbackServer();
  base = `${server.origin}/api/v1/`;
});

afterEach(async () => {
  await server.close();
});

const Pong = z.object({ serverTime: z.number(), ok: z.literal(true) });

describe('createApiClient', () => {
  it('sends JSON with the bearer token read at request time and validates the answer', async () => {
    let token = 'first';
    const client = createApiClient({ apiBase: base, getToken: () => token });
    server.setHandler(() => jsonReply(200, { serverTime: 5, ok: true }));
    token = 'second';
    const out = await requestJson(client, { method: 'POST', url: '/ping', data: { a: 1 } }, Pong);
    expect(out).toEqual({ serverTime: 5, ok: true });
    const seen = server.requests[0]!;
    expect(seen.url).toBe('/api/v1/ping');
    expect(seen.headers.authorization).toBe('Bearer second');
    expect(seen.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(new TextDecoder().decode(seen.body))).toEqual({ a: 1 });
  });

  it('omits Authorization when there is no token', async () => {
    const client = createApiClient({ apiBase: base, getToken: () => null });
    server.setHandler(() => jsonReply(200, { serverTime: 1, ok: true }));
    await requestJson(client, { method: 'GET', url: '/ping' }, Pong);
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('maps a protocol error body to a typed SignerError with code, status and details', async () => {
    const client = createApiClient({ apiBase: base, getToken: () => 't' });
    server.setHandler(() =>
      jsonReply(413, {
        error: { code: 'file-too-large', message: 'too big', details: { limit: 10 } },
      }),
    );
    const error = await requestJson(client, { method: 'POST', url: '/uploads' }, Pong).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SignerError);
    expect(error).toMatchObject({
      code: 'file-too-large',
      status: 413,
      message: 'too big',
      details: { limit: 10 },
    });
  });

  it('keeps Retry-After of a rate-limited answer in details', async () => {
    const client = createApiClient({ apiBase: base, getToken: () => 't' });
    server.setHandler(() =>
      jsonReply(
        429,
        { error: { code: 'rate-limited', message: 'slow down' } },
        { 'retry-after': '7' },
      ),
    );
    const error = await requestJson(client, { url: '/x' }, Pong).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'rate-limited',
      status: 429,
      details: { retryAfter: '7' },
    });
  });

  it('maps bare HTTP failures (no protocol body) by status', async () => {
    const client = createApiClient({ apiBase: base, getToken: () => 't' });
    server.setHandler(() => ({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html>bad gateway</html>',
    }));
    await expect(requestJson(client, { url: '/x' }, Pong)).rejects.toMatchObject({
      code: 'signer-unavailable',
      status: 502,
    });
    server.setHandler(() => ({ status: 401 }));
    await expect(requestJson(client, { url: '/x' }, Pong)).rejects.toMatchObject({
      code: 'unauthorized',
      status: 401,
    });
  });

  it('rejects a 2xx answer that does not follow the protocol', async () => {
    const client = createApiClient({ apiBase: base, getToken: () => 't' });
    server.setHandler(() => jsonReply(200, { serverTime: 'soon' }));
    await expect(requestJson(client, { url: '/x' }, Pong)).rejects.toMatchObject({
      code: 'signer-unavailable',
      status: 200,
      details: { reason: 'invalid-response' },
    });
  });

  it('maps a refused connection to signer-unavailable with status 0', async () => {
    const closed = await startLoopbackServer();
    await closed.close();
    const client = createApiClient({ apiBase: closed.origin, getToken: () => 't' });
    await expect(requestJson(client, { url: '/x' }, Pong)).rejects.toMatchObject({
      code: 'signer-unavailable',
      status: 0,
      details: { reason: 'network' },
    });
  });

  it('maps a timeout to signer-unavailable (reason timeout)', async () => {
    const client = createApiClient({ apiBase: base, getToken: () => 't', timeoutMs: 100 });
    server.setHandler(() => 'hang');
    await expect(requestJson(client, { url: '/x' }, Pong)).rejects.toMatchObject({
      code: 'signer-unavailable',
      status: 0,
      details: { reason: 'timeout' },
    });
  });

  it('maps an aborted request to code cancelled', async () => {
    const client = createApiClient({ apiBase: base, getToken: () => 't' });
    server.setHandler(() => 'hang');
    const controller = new AbortController();
    const pending = requestJson(client, { url: '/x', signal: controller.signal }, Pong);
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
  });
});
