/**
 * An open-loop load generator that offers an exact, evenly spaced request rate: request n is
 * due at start + n / rate, whatever happened to the ones before it. Autocannon's rate mode
 * releases each connection's requests at the start of every second, so at 20 requests/s
 * (2,000 files/s in batches of 100) twenty requests arrive together and the last waits for
 * the nineteen before it: its p99 measures the burst, not the server.
 *
 * Latency runs from when a request was due, not from when it was sent, so a server that falls
 * behind (or a generator that is late, or every connection busy) shows as latency instead of
 * silently lowering the rate ("coordinated omission"). Requests share a keep-alive pool of
 * `connections` sockets; one still unanswered after `timeoutMs` counts as a time-out.
 *
 * Run as a script (`tsx bench/paced-load.ts '<json options>'`) it prints its result as JSON, so
 * the benchmark can pin it to a core of its own with `taskset`.
 */
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PacedLoadOptions {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  /** Requests per second offered. */
  rate: number;
  connections: number;
  durationSeconds: number;
  timeoutMs?: number;
}

export interface PacedLoadResult {
  /** Requests that were due during the run (all of them are waited for). */
  offered: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** From the first request due to the last one answered. */
  seconds: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
}

/** The value below which `q` of the sorted values lie (nearest rank). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

export async function runPacedLoad(options: PacedLoadOptions): Promise<PacedLoadResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const body = Buffer.from(options.body);
  const headers = { ...options.headers, 'Content-Length': String(body.length) };
  const total = Math.round(options.rate * options.durationSeconds);
  const latencies: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  let lastAnswer = 0;

  const send = (dueAt: number) =>
    new Promise<void>((resolve) => {
      let settled = false;
      const settle = (kind: 'ok' | 'non2xx' | 'error' | 'timeout') => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        lastAnswer = performance.now();
        if (kind === 'timeout') timeouts++;
        else if (kind === 'error') errors++;
        else {
          latencies.push(lastAnswer - dueAt);
          if (kind === 'ok') ok++;
          else non2xx++;
        }
        resolve();
      };
      const req = http.request(options.url, { method: options.method, headers, agent }, (res) => {
        res.resume();
        res.on('end', () =>
          settle(res.statusCode! >= 200 && res.statusCode! < 300 ? 'ok' : 'non2xx'),
        );
        res.on('error', () => settle('error'));
      });
      // Measured from when the request was due, like the latency.
      const timer = setTimeout(
        () => {
          settle('timeout');
          req.destroy();
        },
        Math.max(0, dueAt + timeoutMs - performance.now()),
      );
      req.on('error', () => settle('error'));
      req.end(body);
    });

  const startedAt = performance.now() + 20;
  const pending: Array<Promise<void>> = [];
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      // Everything due by now goes out; timers fire about once a millisecond, so at most a
      // millisecond's worth of requests leaves together.
      while (next < total && startedAt + (next * 1000) / options.rate <= now) {
        pending.push(send(startedAt + (next * 1000) / options.rate));
        next++;
      }
      if (next < total) {
        const wait = startedAt + (next * 1000) / options.rate - performance.now();
        setTimeout(tick, Math.max(0, Math.floor(wait)));
      } else resolve();
    };
    setTimeout(tick, 20);
  });
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    offered: total,
    ok,
    non2xx,
    errors,
    timeouts,
    seconds: (Math.max(lastAnswer, startedAt) - startedAt) / 1000,
    latencyP50Ms: percentile(latencies, 0.5),
    latencyP99Ms: percentile(latencies, 0.99),
    latencyMaxMs: latencies.length ? latencies[latencies.length - 1]! : 0,
  };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const options = JSON.parse(process.argv[2] ?? '{}') as PacedLoadOptions;
  runPacedLoad(options).then(
    (result) => process.stdout.write(JSON.stringify(result)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
