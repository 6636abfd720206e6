import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { percentile, runPacedLoad } from './paced-load';

let server: http.Server | null = null;
afterEach(async () => {
  const s = server;
  server = null;
  if (s) await new Promise((r) => s.close(r));
});

/** A server that answers every request after `delayMs`; records when requests arrived. */
async function slowServer(delayMs: number, arrivals: number[] = []): Promise<string> {
  server = http.createServer((req, res) => {
    arrivals.push(performance.now());
    req.resume();
    req.on('end', () => setTimeout(() => res.end('{}'), delayMs));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const base = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' };

describe('runPacedLoad', () => {
  it('offers the rate evenly, not in bursts, and measures the answers', async () => {
    const arrivals: number[] = [];
    const url = await slowServer(5, arrivals);
    const r = await runPacedLoad({ ...base, url, rate: 100, connections: 8, durationSeconds: 1 });
    expect(r).toMatchObject({ offered: 100, ok: 100, non2xx: 0, errors: 0, timeouts: 0 });
    expect(r.latencyP50Ms).toBeGreaterThanOrEqual(5);
    expect(r.seconds).toBeGreaterThan(0.95);
    // Evenly spaced: no 100 ms window holds more than a third of the second's requests
    // (a per-second burst would put all of them in one).
    const most = Math.max(
      ...arrivals.map((t) => arrivals.filter((u) => u >= t && u < t + 100).length),
    );
    expect(most).toBeLessThan(34);
  });

  it('counts waiting for a busy connection as latency (no coordinated omission)', async () => {
    // One connection, 50 ms per answer, 40 requests/s offered: the server can do 20/s, so the
    // queue grows and late requests wait far longer than the 50 ms a closed loop would report.
    const url = await slowServer(50);
    const r = await runPacedLoad({ ...base, url, rate: 40, connections: 1, durationSeconds: 1 });
    expect(r.ok).toBe(40);
    expect(r.latencyP50Ms).toBeGreaterThan(200);
    expect(r.latencyMaxMs).toBeGreaterThan(800);
  });

  it('reports time-outs and refused connections instead of latencies', async () => {
    const url = await slowServer(1_000);
    const r = await runPacedLoad({
      ...base,
      url,
      rate: 10,
      connections: 4,
      durationSeconds: 0.5,
      timeoutMs: 200,
    });
    expect(r.timeouts).toBe(5);
    expect(r.ok).toBe(0);
    const refused = await runPacedLoad({
      ...base,
      url: 'http://127.0.0.1:9/',
      rate: 10,
      connections: 1,
      durationSeconds: 0.3,
    });
    expect(refused.errors).toBe(3);
  });

  it('percentile is the nearest rank', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(v, 0.5)).toBe(50);
    expect(percentile(v, 0.99)).toBe(99);
    expect(percentile([], 0.99)).toBe(0);
  });
});
