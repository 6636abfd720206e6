/**
 * A userspace network in front of loopback servers, for `npm run bench -- --network wan`: no
 * root, no kernel modules (this machine's kernel has no netem). One TCP listener per target;
 * every connection through it gets
 *
 * - latency: each byte is delivered half a round trip after it passed the bottleneck, in both
 *   directions, so a request and its answer cost one round trip; and the client's first byte
 *   cannot leave before one round trip after it connected (the TCP handshake), so a new
 *   connection costs a round trip more, as on a real network;
 * - bandwidth: a token bucket per connection and direction, and one per direction shared by all
 *   connections of the proxy (every target: the uplink is one), served round robin in quanta of
 *   16 KiB so parallel connections share it fairly;
 * - backpressure: a sender whose bytes wait at the bottleneck is paused (its reads stop, so TCP
 *   slows it down), and a receiver that does not keep up pauses its connection's bottleneck.
 *
 * The proxy is transparent: bytes pass unchanged (the Host header and with it every signature
 * stay valid); clients reach it through Chromium's `--host-resolver-rules` or by connecting to
 * its port with the original Host header (see network-profile.ts).
 *
 * Not modelled: TCP slow start and receive windows (a connection gets its full share at once),
 * loss, jitter.
 */
import net from 'node:net';
import { TokenBucket } from './token-bucket';

export interface ShapingOptions {
  /** Round trip added to every exchange, ms (half each way). */
  rttMs: number;
  /** Bytes per second, per connection and direction. */
  perConnectionBytesPerSec: number;
  /** Bytes per second over all connections together, per direction. */
  totalBytesPerSec: number;
}

export interface Target {
  host: string;
  port: number;
}

export interface ProxyStats {
  connections: number;
  /** Client → server bytes delivered. */
  bytesUp: number;
  /** Server → client bytes delivered. */
  bytesDown: number;
}

export interface ShapingProxy {
  /** One listener per target, in the order given: `127.0.0.1:<port>` reaches `target`. */
  routes: Array<{ target: Target; port: number }>;
  stats(): ProxyStats;
  close(): Promise<void>;
}

/** Bytes handed to the bottleneck at a time: small enough for fair sharing, large enough to be cheap. */
const QUANTUM = 16 * 1024;
/** How much a bucket may save up while data waits (late timers catch up), ms of its rate. */
const BACKLOG_BURST_MS = 50;
/** Bytes a flow holds for the bottleneck before its sender is paused. */
const MAX_QUEUED = 256 * 1024;
/** Bytes unwritten at the receiver before the flow stops passing the bottleneck. */
const RECEIVER_HIGH_WATER = 1024 * 1024;

class Link {
  readonly bucket: TokenBucket;
  /** Flows with bytes waiting, in round-robin order. */
  readonly backlogged = new Set<Flow>();
  timer: NodeJS.Timeout | null = null;
  timerAt = Infinity;

  constructor(rate: number, now: number) {
    this.bucket = new TokenBucket(rate, (rate * BACKLOG_BURST_MS) / 1000, now, QUANTUM);
  }
}

/** One direction of one connection: bytes from `src`, through the bottleneck and the delay, to `dst`. */
class Flow {
  readonly bucket: TokenBucket;
  private queue: Buffer[] = [];
  queued = 0;
  /** The receiver is not keeping up: hold the bottleneck for this flow. */
  blocked = false;
  private paused = false;
  private srcEnded = false;
  private finSent = false;
  private closed = false;
  private inflight: Array<{ at: number; data: Buffer | null }> = [];
  private deliveryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly shaper: Shaper,
    readonly link: Link,
    private readonly src: net.Socket,
    private readonly dst: net.Socket,
    /** Nothing passes before this (the handshake's round trip). */
    readonly notBefore: number,
    private readonly count: (bytes: number) => void,
  ) {
    const rate = shaper.options.perConnectionBytesPerSec;
    // Its clock starts when bytes may first pass: nothing is saved up during the handshake.
    const start = Math.max(notBefore, shaper.clock());
    this.bucket = new TokenBucket(rate, (rate * BACKLOG_BURST_MS) / 1000, start, QUANTUM);
    src.on('data', (chunk: Buffer) => this.enqueue(chunk));
    src.on('end', () => {
      this.srcEnded = true;
      this.maybeFinish(this.shaper.clock());
    });
    dst.on('drain', () => {
      if (!this.blocked) return;
      this.blocked = false;
      this.shaper.pump(this.link);
    });
  }

  private enqueue(chunk: Buffer): void {
    if (this.closed || chunk.length === 0) return;
    const now = this.shaper.clock();
    if (this.queued === 0) {
      this.bucket.wake(now);
      if (this.link.backlogged.size === 0) this.link.bucket.wake(now);
      this.link.backlogged.add(this);
    }
    this.queue.push(chunk);
    this.queued += chunk.length;
    if (this.queued > MAX_QUEUED && !this.paused) {
      this.paused = true;
      this.src.pause();
    }
    this.shaper.pump(this.link);
  }

  /** Takes up to `max` bytes off the front of the queue. */
  dequeue(max: number): Buffer {
    const head = this.queue[0]!;
    let piece: Buffer;
    if (head.length <= max) {
      piece = head;
      this.queue.shift();
    } else {
      piece = head.subarray(0, max);
      this.queue[0] = head.subarray(max);
    }
    this.queued -= piece.length;
    if (this.paused && this.queued <= MAX_QUEUED / 2) {
      this.paused = false;
      this.src.resume();
    }
    return piece;
  }

  /** Passed the bottleneck at `now`: arrives half a round trip later. */
  send(data: Buffer | null, now: number): void {
    this.inflight.push({ at: now + this.shaper.oneWayMs, data });
    if (!this.deliveryTimer) this.armDelivery();
  }

  /** The sender closed its side and everything before it has passed: pass the FIN on too. */
  maybeFinish(now: number): void {
    if (!this.srcEnded || this.finSent || this.queued > 0 || this.closed) return;
    this.finSent = true;
    this.link.backlogged.delete(this);
    this.send(null, Math.max(now, this.notBefore));
  }

  private armDelivery(): void {
    const head = this.inflight[0];
    if (!head || this.closed) return;
    const delay = Math.max(0, Math.ceil(head.at - this.shaper.clock()));
    this.deliveryTimer = setTimeout(() => this.deliver(), delay);
  }

  private deliver(): void {
    this.deliveryTimer = null;
    if (this.closed) return;
    const now = this.shaper.clock();
    if (!this.dst.destroyed) {
      this.dst.cork();
      // Half a millisecond early is fine: timers fire on whole milliseconds.
      while (this.inflight.length > 0 && this.inflight[0]!.at <= now + 0.5) {
        const { data } = this.inflight.shift()!;
        if (data === null) this.dst.end();
        else {
          this.dst.write(data);
          this.count(data.length);
        }
      }
      this.dst.uncork();
      if (this.dst.writableLength > RECEIVER_HIGH_WATER) this.blocked = true;
    }
    this.armDelivery();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.link.backlogged.delete(this);
    if (this.deliveryTimer) clearTimeout(this.deliveryTimer);
    this.deliveryTimer = null;
    this.queue = [];
    this.queued = 0;
    this.inflight = [];
  }
}

class Shaper {
  readonly oneWayMs: number;
  readonly up: Link;
  readonly down: Link;

  constructor(
    readonly options: ShapingOptions,
    readonly clock: () => number,
  ) {
    this.oneWayMs = options.rttMs / 2;
    this.up = new Link(options.totalBytesPerSec, clock());
    this.down = new Link(options.totalBytesPerSec, clock());
  }

  /** Lets through whatever the buckets allow now, round robin, and sets a timer for the rest. */
  pump(link: Link): void {
    const now = this.clock();
    let wake = Infinity;
    for (let passed = true; passed;) {
      passed = false;
      const linkWait = link.bucket.waitMs(now);
      if (linkWait > 0) {
        wake = Math.min(wake, now + linkWait);
        break;
      }
      for (const flow of [...link.backlogged]) {
        if (flow.blocked) continue;
        if (now < flow.notBefore) {
          wake = Math.min(wake, flow.notBefore);
          continue;
        }
        const flowWait = flow.bucket.waitMs(now);
        if (flowWait > 0) {
          wake = Math.min(wake, now + flowWait);
          continue;
        }
        if (link.bucket.waitMs(now) > 0) break; // the next round sets the wake-up
        const piece = flow.dequeue(QUANTUM);
        flow.bucket.take(piece.length, now);
        link.bucket.take(piece.length, now);
        flow.send(piece, now);
        passed = true;
        // To the back of the line; gone from it once it has nothing left.
        link.backlogged.delete(flow);
        if (flow.queued > 0) link.backlogged.add(flow);
        else flow.maybeFinish(now);
      }
    }
    if (wake === Infinity || (link.timer && link.timerAt <= wake)) return;
    if (link.timer) clearTimeout(link.timer);
    link.timerAt = wake;
    link.timer = setTimeout(
      () => {
        link.timer = null;
        link.timerAt = Infinity;
        this.pump(link);
      },
      Math.max(1, Math.ceil(wake - now)),
    );
  }

  stop(): void {
    for (const link of [this.up, this.down]) {
      if (link.timer) clearTimeout(link.timer);
      link.timer = null;
    }
  }
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

export function validateShaping(options: ShapingOptions): void {
  if (!(options.rttMs >= 0 && Number.isFinite(options.rttMs)))
    throw new RangeError(`round trip must be ≥ 0 ms (got ${options.rttMs})`);
  for (const [name, value] of [
    ['per-connection rate', options.perConnectionBytesPerSec],
    ['total rate', options.totalBytesPerSec],
  ] as const) {
    if (!(value > 0 && Number.isFinite(value)))
      throw new RangeError(`${name} must be a positive number of bytes per second (got ${value})`);
  }
}

export async function startShapingProxy(
  options: ShapingOptions & { targets: Target[]; clock?: () => number },
): Promise<ShapingProxy> {
  validateShaping(options);
  const shaper = new Shaper(options, options.clock ?? (() => performance.now()));
  const stats: ProxyStats = { connections: 0, bytesUp: 0, bytesDown: 0 };
  const sockets = new Set<net.Socket>();
  const servers: net.Server[] = [];
  const routes: ShapingProxy['routes'] = [];

  const connect = (target: Target, client: net.Socket): void => {
    stats.connections++;
    const upstream = net.connect({ host: target.host, port: target.port, allowHalfOpen: true });
    upstream.setNoDelay(true);
    client.setNoDelay(true);
    sockets.add(client);
    sockets.add(upstream);
    const now = shaper.clock();
    const up = new Flow(shaper, shaper.up, client, upstream, now + options.rttMs, (n) => {
      stats.bytesUp += n;
    });
    const down = new Flow(shaper, shaper.down, upstream, client, now, (n) => {
      stats.bytesDown += n;
    });
    const destroyAll = (): void => {
      up.close();
      down.close();
      client.destroy();
      upstream.destroy();
    };
    // A reset or error on either side resets the other at once.
    client.on('error', destroyAll);
    upstream.on('error', destroyAll);
    client.on('close', (hadError) => {
      sockets.delete(client);
      down.close();
      if (hadError) destroyAll();
    });
    upstream.on('close', (hadError) => {
      sockets.delete(upstream);
      up.close();
      if (hadError) destroyAll();
    });
  };

  try {
    for (const target of options.targets) {
      const server = net.createServer({ allowHalfOpen: true }, (client) => connect(target, client));
      servers.push(server);
      routes.push({ target, port: await listen(server) });
    }
  } catch (error) {
    for (const s of servers) s.close();
    throw error;
  }

  return {
    routes,
    stats: () => ({ ...stats }),
    async close() {
      shaper.stop();
      for (const socket of sockets) socket.destroy();
      await Promise.all(
        servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
      );
    },
  };
}
