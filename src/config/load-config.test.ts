import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonReply, startLoopbackServer, type LoopbackServer } from '../../testing/loopback-server';
import { loadConfig } from './load-config';

// A real HTTP server on loopback: loadConfig goes through the platform's fetch unchanged.
const replies: Record<string, { status: number; body: string }> = {
  '/good.json': { status: 200, body: JSON.stringify({ apiBase: '/api/v1' }) },
  '/tuned.json': {
    status: 200,
    body: JSON.stringify({ apiBase: 'https://sign.example.com/api/v1', concurrency: 3 }),
  },
  '/invalid.json': { status: 200, body: JSON.stringify({ apiBase: '', concurrency: 99 }) },
  '/broken.json': { status: 200, body: '{"apiBase": ' },
};
let server: LoopbackServer;

beforeAll(async () => {
  server = await startLoopbackServer((request) => {
    const reply = replies[request.url];
    return reply
      ? { status: reply.status, headers: { 'content-type': 'application/json' }, body: reply.body }
      : jsonReply(404, { error: 'not found' });
  });
});
afterAll(() => server.close());

describe('loadConfig', () => {
  it('returns the config with declared defaults filled in', async () => {
    const result = await loadConfig(`${server.origin}/good.json`);
    expect(result).toEqual({
      ok: true,
      config: { apiBase: '/api/v1', concurrency: 6, stallTimeoutMs: 30_000 },
    });
    const tuned = await loadConfig(`${server.origin}/tuned.json`);
    expect(tuned.ok && tuned.config.concurrency).toBe(3);
  });

  it('asks past every cache', async () => {
    await loadConfig(`${server.origin}/good.json`);
    expect(server.requests.at(-1)!.headers['cache-control']).toContain('no-cache');
  });

  it('names a missing file by its HTTP status', async () => {
    const result = await loadConfig(`${server.origin}/missing.json`);
    expect(result).toEqual({
      ok: false,
      url: `${server.origin}/missing.json`,
      problem: { kind: 'status', status: 404 },
    });
  });

  it('names a file that is not JSON', async () => {
    const result = await loadConfig(`${server.origin}/broken.json`);
    expect(!result.ok && result.problem).toEqual({ kind: 'not-json' });
  });

  it('lists each invalid field', async () => {
    const result = await loadConfig(`${server.origin}/invalid.json`);
    if (result.ok || result.problem.kind !== 'invalid') throw new Error('expected invalid');
    expect(result.problem.issues).toHaveLength(2);
    expect(result.problem.issues[0]).toMatch(/^apiBase: /);
    // Words an operator can act on, not zod/mini's bare "Invalid input".
    expect(result.problem.issues[1]).toMatch(/^concurrency: Too big: .*32/);
  });

  it('reports an unreachable server instead of throwing', async () => {
    const closed = await startLoopbackServer();
    await closed.close();
    const result = await loadConfig(`${closed.origin}/config.json`);
    expect(!result.ok && result.problem.kind).toBe('unreachable');
  });
});
