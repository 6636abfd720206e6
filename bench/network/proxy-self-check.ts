/**
 * Checks the shaping proxy against Node before the benchmark trusts it: the round trip of a
 * request on an open connection and on a new one, the rate one stream gets, and the rate six
 * parallel streams get together (the browser's connections per host). Measured at a sink
 * behind the proxy, over the middle 80 % of the bytes, so the start-up and the tail do not
 * count.
 *
 * The verdict has two sides. Faster than configured means the shaping is broken, and the
 * benchmark refuses to go on. Slower than configured usually means the machine was too busy
 * for the proxy to keep time; that is reported, and the run's wan numbers are worth less.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ShapingOptions } from './shaping-proxy';

export interface SelfCheckSizes {
  /** Bytes sent by the single stream. */
  singleBytes: number;
  /** Bytes sent by each of the parallel streams. */
  parallelBytes: number;
  streams: number;
}

export const FULL_SELF_CHECK: SelfCheckSizes = {
  singleBytes: 16e6,
  parallelBytes: 16e6,
  streams: 6,
};
/** About a second: long enough that one late timer's catch-up burst is a small share. */
export const SMOKE_SELF_CHECK: SelfCheckSizes = {
  singleBytes: 4e6,
  parallelBytes: 4e6,
  streams: 6,
};

export interface SelfCheckResult {
  /** Median of a few requests on an open connection, ms. */
  rttMs: number;
  /** A request on a new connection (handshake + request), ms. */
  connectRttMs: number;
  singleStreamMBps: number;
  parallelMBps: number;
  streams: number;
  expected: { rttMs: number; singleStreamMBps: number; parallelMBps: number };
  /** 'ok', 'slow' (below target: busy machine) or 'broken' (faster than the shaping allows). */
  verdict: 'ok' | 'slow' | 'broken';
  problems: string[];
}

interface Sink {
  url: string;
  /** Arrival log of body bytes since the last `reset`: [ms, bytes so far]. */
  log: Array<[number, number]>;
  reset(): void;
  close(): Promise<void>;
}

/** A loopback HTTP server that discards bodies and logs when their bytes arrive. */
export async function startSink(): Promise<Sink> {
  let total = 0;
  const log: Array<[number, number]> = [];
  const server = http.createServer((req, res) => {
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      log.push([performance.now(), total]);
    });
    req.on('end', () => res.end('ok'));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    reset() {
      total = 0;
      log.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Bytes per second over the middle of an arrival log (from 10 % to 90 % of the bytes). */
export function middleRate(log: ReadonlyArray<readonly [number, number]>): number {
  const total = log.at(-1)?.[1] ?? 0;
  const at = (fraction: number) => log.find(([, bytes]) => bytes >= total * fraction);
  const a = at(0.1);
  const b = at(0.9);
  if (!a || !b || b[0] <= a[0]) return NaN;
  return ((b[1] - a[1]) / (b[0] - a[0])) * 1000;
}

function request(
  agent: http.Agent,
  proxyPort: number,
  host: string,
  method: string,
  body: Buffer | null,
  repeat = 1,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port: proxyPort,
        method,
        path: '/',
        headers: { Host: host, ...(body ? { 'Content-Length': body.length * repeat } : {}) },
      },
      (res) => {
        res.resume();
        res.on('end', resolve);
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (!body) {
      req.end();
      return;
    }
    // The same buffer written `repeat` times, with backpressure: no large allocation.
    let left = repeat;
    const write = (): void => {
      while (left > 0) {
        left--;
        if (!req.write(body)) {
          req.once('drain', write);
          return;
        }
      }
      req.end();
    };
    write();
  });
}

const CHUNK = Buffer.alloc(64 * 1024, 0x5a);

export async function runProxySelfCheck(options: {
  sink: Sink;
  /** The proxy's port in front of the sink. */
  proxyPort: number;
  shaping: ShapingOptions;
  sizes: SelfCheckSizes;
  /** Smoke runs are short: a small timing error is a large share, so only gross errors fail. */
  tolerance: number;
}): Promise<SelfCheckResult> {
  const { sink, proxyPort, shaping, sizes } = options;
  const host = new URL(sink.url).host;
  const repeats = (bytes: number) => Math.max(1, Math.round(bytes / CHUNK.length));

  // A first exchange warms up both ends (a cold proxy's first connection measures its JIT).
  const warmUp = new http.Agent({ keepAlive: false });
  await request(warmUp, proxyPort, host, 'GET', null).finally(() => warmUp.destroy());
  // Round trips: one on a new connection, then requests on it.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let connectRttMs: number;
  const rtts: number[] = [];
  try {
    let t = performance.now();
    await request(agent, proxyPort, host, 'GET', null);
    connectRttMs = performance.now() - t;
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      await request(agent, proxyPort, host, 'GET', null);
      rtts.push(performance.now() - t);
    }
  } finally {
    agent.destroy();
  }
  rtts.sort((a, b) => a - b);
  const rttMs = rtts[Math.floor(rtts.length / 2)]!;

  const streamsAgent = new http.Agent({ keepAlive: true, maxSockets: sizes.streams });
  let single: number;
  let parallel: number;
  try {
    sink.reset();
    await request(streamsAgent, proxyPort, host, 'PUT', CHUNK, repeats(sizes.singleBytes));
    single = middleRate(sink.log);
    sink.reset();
    await Promise.all(
      Array.from({ length: sizes.streams }, () =>
        request(streamsAgent, proxyPort, host, 'PUT', CHUNK, repeats(sizes.parallelBytes)),
      ),
    );
    parallel = middleRate(sink.log);
  } finally {
    streamsAgent.destroy();
  }

  const expected = {
    rttMs: shaping.rttMs,
    singleStreamMBps: Math.min(shaping.perConnectionBytesPerSec, shaping.totalBytesPerSec) / 1e6,
    parallelMBps:
      Math.min(shaping.perConnectionBytesPerSec * sizes.streams, shaping.totalBytesPerSec) / 1e6,
  };
  const result = {
    rttMs,
    connectRttMs,
    singleStreamMBps: single / 1e6,
    parallelMBps: parallel / 1e6,
    streams: sizes.streams,
    expected,
  };
  return { ...result, ...judgeSelfCheck(result, options.tolerance) };
}

/**
 * Faster than configured (beyond the tolerance) is broken; slower is 'slow'. A round trip can
 * only be longer than configured (time to process the request adds to it), so it is judged
 * from below, with 1 ms for timer rounding.
 */
export function judgeSelfCheck(
  r: Omit<SelfCheckResult, 'verdict' | 'problems'>,
  tolerance: number,
): Pick<SelfCheckResult, 'verdict' | 'problems'> {
  const broken: string[] = [];
  const slow: string[] = [];
  const rate = (name: string, got: number, want: number) => {
    if (!Number.isFinite(got)) broken.push(`${name}: not measurable`);
    else if (got > want * (1 + tolerance))
      broken.push(`${name} ${got.toFixed(1)} MB/s, more than ${want} MB/s allows`);
    else if (got < want * (1 - tolerance))
      slow.push(`${name} ${got.toFixed(1)} MB/s, below ${want} MB/s`);
  };
  rate('one stream', r.singleStreamMBps, r.expected.singleStreamMBps);
  rate(`${r.streams} streams`, r.parallelMBps, r.expected.parallelMBps);
  if (r.rttMs < r.expected.rttMs - 1)
    broken.push(`round trip ${r.rttMs.toFixed(1)} ms, shorter than ${r.expected.rttMs} ms`);
  else if (r.rttMs > r.expected.rttMs * (1 + tolerance) + 5)
    slow.push(`round trip ${r.rttMs.toFixed(1)} ms, above ${r.expected.rttMs} ms`);
  if (r.connectRttMs < 2 * r.expected.rttMs - 1)
    broken.push(
      `a new connection's first answer took ${r.connectRttMs.toFixed(1)} ms, less than two round trips`,
    );
  if (broken.length) return { verdict: 'broken', problems: [...broken, ...slow] };
  return { verdict: slow.length ? 'slow' : 'ok', problems: slow };
}

export function formatSelfCheck(r: SelfCheckResult): string {
  const e = r.expected;
  return (
    `proxy self-check: round trip ${r.rttMs.toFixed(1)} ms (target ${e.rttMs}), ` +
    `new connection ${r.connectRttMs.toFixed(1)} ms (target ${2 * e.rttMs}), ` +
    `one stream ${r.singleStreamMBps.toFixed(2)} MB/s (target ${e.singleStreamMBps}), ` +
    `${r.streams} streams ${r.parallelMBps.toFixed(2)} MB/s (target ${e.parallelMBps}): ` +
    `${r.verdict}${r.problems.length ? ` (${r.problems.join('; ')})` : ''}`
  );
}
