import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FaultInjector } from './faults';
import {
  cosRequest,
  errorCode,
  rawExchange,
  signFor,
  startTestEmulator,
  type TestEmulator,
} from './test-harness';

describe('FaultInjector', () => {
  it('is reproducible from a seed', () => {
    const decisions = (seed: number): boolean[] => {
      const f = new FaultInjector({ seed, put: { errorRate: 0.5 } });
      return Array.from({ length: 40 }, () => f.plan('put').error !== undefined);
    };
    expect(decisions(42)).toEqual(decisions(42));
    expect(decisions(42)).not.toEqual(decisions(7));
    const hits = decisions(42).filter(Boolean).length;
    expect(hits).toBeGreaterThan(5);
    expect(hits).toBeLessThan(35);
  });

  it('applies `any` only to operations without their own rule; maxFaults caps injections', () => {
    const f = new FaultInjector({ any: { errorRate: 1 }, put: { latencyMs: 5 } });
    expect(f.plan('put').error).toBeUndefined();
    expect(f.plan('put').latencyMs).toBe(5);
    expect(f.plan('head').error?.code).toBe('InternalError');
    expect(f.plan(undefined).error?.status).toBe(500);
    const capped = new FaultInjector({
      part: { errorRate: 1, maxFaults: 2, errorCode: 'SlowDown' },
    });
    const codes = Array.from({ length: 4 }, () => capped.plan('part').error?.code);
    expect(codes).toEqual(['SlowDown', 'SlowDown', undefined, undefined]);
  });

  it('rejects unknown fields and out-of-range values', () => {
    expect(() => new FaultInjector({ put: { errorRate: 2 } })).toThrow(/errorRate/);
    expect(() => new FaultInjector(JSON.parse('{"put":{"eror":1}}'))).toThrow();
  });
});

describe('faults in the running emulator', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator({
      faults: {
        seed: 1,
        head: { errorRate: 1, errorCode: 'ServiceUnavailable', retryAfterSeconds: 3 },
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => {
    t.emu.setFaults({});
  });

  const put = (key: string, body: Buffer | string) =>
    cosRequest(t, { method: 'PUT', path: `/${key}`, body });
  const head = (key: string) => cosRequest(t, { method: 'HEAD', path: `/${key}` });

  it('takes faults from the options', async () => {
    const res = await head('anything');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('3');
  });

  it('answers 500 / 503 / 429 (with Retry-After) instead of handling; nothing stored', async () => {
    t.emu.setFaults({ put: { errorRate: 1, errorCode: 'SlowDown', retryAfterSeconds: 2 } });
    const slow = await put('e1.txt', 'x');
    expect(slow.status).toBe(429);
    expect(errorCode(slow)).toBe('SlowDown');
    expect(slow.headers['retry-after']).toBe('2');
    t.emu.setFaults({ put: { errorRate: 1 } });
    const internal = await put('e1.txt', 'x');
    expect(internal.status).toBe(500);
    expect(errorCode(internal)).toBe('InternalError');
    t.emu.setFaults({});
    expect((await head('e1.txt')).status).toBe(404);
    expect(t.emu.stats().faults.error).toBeGreaterThanOrEqual(2);
  });

  it('maxFaults lets a retry succeed', async () => {
    t.emu.setFaults({ put: { errorRate: 1, maxFaults: 1 } });
    expect((await put('retry.txt', 'x')).status).toBe(500);
    expect((await put('retry.txt', 'x')).status).toBe(200);
  });

  it('drops the connection after N body bytes; nothing stored, no temp file left', async () => {
    t.emu.resetStats();
    t.emu.setFaults({ put: { dropAfterBytes: 1000 } });
    await expect(put('dropped.bin', randomBytes(200_000))).rejects.toThrow();
    t.emu.setFaults({});
    expect((await head('dropped.bin')).status).toBe(404);
    expect(t.emu.stats().faults.drop).toBe(1);
    // The client sees the drop at once; the temp file's removal may finish a moment later.
    await vi.waitFor(async () => expect(await readdir(path.join(t.dataDir, 'tmp'))).toEqual([]), {
      timeout: 2_000,
    });
  });

  it('commit-then-drop stores the object but never answers', async () => {
    t.emu.setFaults({ put: { commitThenDropRate: 1 } });
    await expect(put('lost-ack.txt', 'landed')).rejects.toThrow();
    t.emu.setFaults({});
    const g = await cosRequest(t, { method: 'GET', path: '/lost-ack.txt' });
    expect(g.status).toBe(200);
    expect(g.text).toBe('landed');
    expect(t.emu.stats().faults.commitThenDrop).toBeGreaterThanOrEqual(1);
  });

  it('adds latency', async () => {
    t.emu.setFaults({ head: { latencyMs: 300 } });
    const started = performance.now();
    await head('whatever');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('caps the bandwidth of request bodies', async () => {
    t.emu.setFaults({ put: { bandwidthBytesPerSec: 200_000 } });
    const started = performance.now();
    const res = await put('slow.bin', randomBytes(150_000));
    const elapsed = performance.now() - started;
    expect(res.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(650);
  });

  it('admin API: GET/PUT /faults, GET /stats, POST /stats/reset', async () => {
    const admin = t.emu.adminUrl;
    expect(admin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const set = await fetch(`${admin}/faults`, {
      method: 'PUT',
      body: JSON.stringify({ seed: 99, put: { errorRate: 1, errorCode: 'ServiceUnavailable' } }),
    });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({
      seed: 99,
      put: { errorRate: 1, errorCode: 'ServiceUnavailable' },
    });
    expect((await put('admin.txt', 'x')).status).toBe(503);
    expect(await (await fetch(`${admin}/faults`)).json()).toMatchObject({ seed: 99 });
    const bad = await fetch(`${admin}/faults`, {
      method: 'PUT',
      body: '{"put":{"errorRate":"lots"}}',
    });
    expect(bad.status).toBe(400);
    const stats = (await (await fetch(`${admin}/stats`)).json()) as {
      put: number;
      errors: Record<string, number>;
    };
    expect(stats.put).toBeGreaterThanOrEqual(1);
    expect(stats.errors.ServiceUnavailable).toBeGreaterThanOrEqual(1);
    const reset = await fetch(`${admin}/stats/reset`, { method: 'POST' });
    expect(((await reset.json()) as { put: number }).put).toBe(0);
    expect(t.emu.stats().requests).toBe(0);
    const off = await fetch(`${admin}/faults`, { method: 'PUT', body: '{}' });
    expect(off.status).toBe(200);
    expect((await put('admin.txt', 'x')).status).toBe(200);
  });
});

describe('signature expiry modes', () => {
  /** Sends headers and half the body, moves the clock past the end, then waits. */
  async function halfSentUpload(t: TestEmulator, key: string, finish: boolean): Promise<string> {
    const host = `127.0.0.1:${t.emu.port}`;
    const auth = signFor(t, 'PUT', `/${key}`, host, { 'Content-Length': '20' }, 5);
    return rawExchange(
      t.emu.port,
      (s) => {
        s.write(
          `PUT /${key} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${auth}\r\nContent-Length: 20\r\nConnection: close\r\n\r\n0123456789`,
        );
        setTimeout(() => t.clock.advance(60_000), 100);
        if (finish) setTimeout(() => s.write('abcdefghij'), 600);
      },
      1500,
    );
  }

  it('interrupt: a transfer still running at expiry is aborted with "Request has expired"', async () => {
    const t = await startTestEmulator({ expiryMode: 'interrupt' });
    try {
      const raw = await halfSentUpload(t, 'interrupted.bin', true);
      expect(raw).toMatch(/^HTTP\/1\.1 403 /);
      expect(raw).toContain('<Message>Request has expired</Message>');
      t.clock.set(Date.now());
      expect((await cosRequest(t, { method: 'HEAD', path: '/interrupted.bin' })).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('interrupt is the default (COS documents it; a lenient default made CI lie)', async () => {
    const t = await startTestEmulator();
    try {
      const raw = await halfSentUpload(t, 'default-mode.bin', true);
      expect(raw).toMatch(/^HTTP\/1\.1 403 /);
      expect(raw).toContain('<Message>Request has expired</Message>');
    } finally {
      await t.close();
    }
  });

  it('atStart: the same transfer completes, since it started in time', async () => {
    const t = await startTestEmulator({ expiryMode: 'atStart' });
    try {
      const raw = await halfSentUpload(t, 'finished.bin', true);
      expect(raw).toMatch(/^HTTP\/1\.1 200 /);
      t.clock.set(Date.now());
      const g = await cosRequest(t, { method: 'GET', path: '/finished.bin' });
      expect(g.text).toBe('0123456789abcdefghij');
    } finally {
      await t.close();
    }
  });
});
