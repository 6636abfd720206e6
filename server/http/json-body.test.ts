import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directBodySource, readJsonBody } from './json-body';

let server: Server;
let base: string;

beforeAll(async () => {
  const app = new Hono();
  app.post('/echo', async (c) => {
    try {
      const direct = directBodySource(c) !== null;
      return c.json({ got: await readJsonBody(c), direct });
    } catch (error) {
      return c.json({ error: (error as Error).name }, 400);
    }
  });
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const post = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  fetch(`${base}/echo`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
    ...(typeof body === 'string' ? {} : { duplex: 'half' }),
  } as RequestInit);

describe('readJsonBody on a real Node server', () => {
  it('reads a declared-length body, multi-byte characters and all', async () => {
    const value = { files: [{ name: '报告 v1.txt', size: 3 }], big: 'x'.repeat(200_000) };
    const res = await post(JSON.stringify(value));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ got: value, direct: true });
  });

  it('reads a chunked body (no Content-Length) through Hono', async () => {
    const bytes = new TextEncoder().encode('{"a":[1,2,3]}');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 5));
        controller.enqueue(bytes.subarray(5));
        controller.close();
      },
    });
    const res = await post(stream);
    expect(await res.json()).toEqual({ got: { a: [1, 2, 3] }, direct: false });
  });

  it('throws on a body that is not JSON', async () => {
    const res = await post('{"a":');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'SyntaxError' });
  });
});
