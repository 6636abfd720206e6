/**
 * The shaping proxy on real sockets. Timing assertions are one-sided where the shaping makes
 * them exact (nothing may arrive sooner than the configured delay and rates allow: a proxy
 * that shapes too little fails at once), and generous the other way, because on two busy
 * cores a timer can fire late but never early.
 */
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startShapingProxy, type ShapingProxy } from './shaping-proxy';

const QUANTUM = 16 * 1024;
const BURST_MS = 50;

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  // Clients first, then the proxy, then the servers.
  for (const item of open.splice(0).reverse()) await item.close();
});

function listen(onConnection: (socket: net.Socket) => void): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    onConnection(socket);
  });
  open.push({
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
  );
}

async function proxyTo(
  port: number,
  shaping: { rttMs: number; perConnectionBytesPerSec: number; totalBytesPerSec: number },
): Promise<ShapingProxy> {
  const proxy = await startShapingProxy({ ...shaping, targets: [{ host: '127.0.0.1', port }] });
  open.push(proxy);
  return proxy;
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, allowHalfOpen: true }, () =>
      resolve(socket),
    );
    socket.setNoDelay(true);
    socket.once('error', reject);
    open.push({ close: () => socket.destroy() });
  });
}

/** A sink that reports when it has received `bytes` in total from each connection. */
async function startSink(): Promise<{ port: number; done: Array<Promise<number>> }> {
  const done: Array<Promise<number>> = [];
  const port = await listen((socket) => {
    done.push(
      new Promise((resolve) => {
        socket.resume();
        socket.on('end', () => {
          socket.end();
          resolve(performance.now());
        });
      }),
    );
  });
  return { port, done };
}

describe('shaping proxy', () => {
  it('passes bytes unchanged both ways and passes on the end of each direction', async () => {
    // An echo server that ends once the client has ended.
    const port = await listen((socket) => socket.pipe(socket));
    const proxy = await proxyTo(port, {
      rttMs: 4,
      perConnectionBytesPerSec: 50e6,
      totalBytesPerSec: 50e6,
    });
    const client = await connect(proxy.routes[0]!.port);
    const sent = randomBytes(3 * 1024 * 1024 + 17);
    const received: Buffer[] = [];
    const ended = new Promise<void>((resolve) => client.on('end', resolve));
    client.on('data', (chunk: Buffer) => received.push(chunk));
    client.end(sent);
    await ended;
    const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
    expect(md5(Buffer.concat(received))).toBe(md5(sent));
    const stats = proxy.stats();
    expect(stats).toEqual({ connections: 1, bytesUp: sent.length, bytesDown: sent.length });
  });

  it('costs one round trip per exchange, and one more for a new connection', async () => {
    const rttMs = 40;
    // Answers each 1-byte request with 1 byte.
    const port = await listen((socket) => socket.on('data', (d: Buffer) => socket.write(d)));
    const proxy = await proxyTo(port, {
      rttMs,
      perConnectionBytesPerSec: 1e6,
      totalBytesPerSec: 1e6,
    });
    const exchange = (socket: net.Socket) =>
      new Promise<number>((resolve) => {
        const t = performance.now();
        socket.once('data', () => resolve(performance.now() - t));
        socket.write('x');
      });
    const t0 = performance.now();
    const client = await connect(proxy.routes[0]!.port);
    const first = (await exchange(client)) + 0;
    const firstFromConnect = performance.now() - t0;
    const later = [await exchange(client), await exchange(client), await exchange(client)];
    // Never sooner than the network allows (1 ms: timers run on whole milliseconds)…
    expect(firstFromConnect).toBeGreaterThanOrEqual(2 * rttMs - 1);
    for (const t of later) expect(t).toBeGreaterThanOrEqual(rttMs - 1);
    // …and not wildly later, even on a busy machine.
    expect(first).toBeLessThan(2 * rttMs + 300);
    expect(Math.min(...later)).toBeLessThan(rttMs + 150);
  });

  it('holds one connection to its rate', async () => {
    const rate = 4e6;
    const bytes = 2e6;
    const sink = await startSink();
    const proxy = await proxyTo(sink.port, {
      rttMs: 10,
      perConnectionBytesPerSec: rate,
      totalBytesPerSec: 100e6,
    });
    const t0 = performance.now();
    const client = await connect(proxy.routes[0]!.port);
    client.end(Buffer.alloc(bytes, 1));
    await new Promise((r) => client.on('close', r));
    const seconds = ((await sink.done[0]!) - t0) / 1000;
    // The handshake's round trip, half a round trip of delay, then at most the rate: one
    // quantum may pass on credit and one more was saved up when the data arrived.
    const fastest = 0.015 + (bytes - 2 * QUANTUM) / rate;
    expect(seconds).toBeGreaterThanOrEqual(fastest - 0.001);
    expect(seconds).toBeLessThan(fastest * 2.5 + 1); // at least 40 % of the rate
  });

  it('shares the total rate fairly between parallel connections', async () => {
    const total = 6e6;
    const each = 1.5e6;
    const streams = 4;
    const sink = await startSink();
    const proxy = await proxyTo(sink.port, {
      rttMs: 10,
      perConnectionBytesPerSec: 4e6, // 4 × 4 MB/s would be more than the total
      totalBytesPerSec: total,
    });
    const t0 = performance.now();
    const clients = await Promise.all(
      Array.from({ length: streams }, () => connect(proxy.routes[0]!.port)),
    );
    for (const c of clients) c.end(Buffer.alloc(each, 2));
    await Promise.all(clients.map((c) => new Promise((r) => c.on('close', r))));
    const finished = (await Promise.all(sink.done)).map((t) => (t - t0) / 1000);
    const seconds = Math.max(...finished);
    // The shared bucket may save up its burst while every connection is still in its
    // handshake; beyond that, nothing passes faster than the total rate.
    const fastest = (streams * each - (total * BURST_MS) / 1000 - 2 * QUANTUM) / total;
    expect(seconds).toBeGreaterThanOrEqual(fastest - 0.001);
    expect(seconds).toBeLessThan(((streams * each) / total) * 2.5 + 1);
    // Round robin: no connection finishes long before the others.
    expect(Math.min(...finished)).toBeGreaterThan(seconds * 0.6);
  });

  it('closes the client when the target refuses the connection', async () => {
    const port = await listen(() => {});
    // A port that was free a moment ago: nothing listens there now.
    const free = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    expect(port).not.toBe(free);
    const proxy = await proxyTo(free, {
      rttMs: 0,
      perConnectionBytesPerSec: 1e6,
      totalBytesPerSec: 1e6,
    });
    const client = await connect(proxy.routes[0]!.port);
    await expect(
      new Promise((resolve) => {
        client.on('error', () => resolve('reset'));
        client.on('end', () => resolve('ended'));
      }),
    ).resolves.toMatch(/reset|ended/);
  });
});
