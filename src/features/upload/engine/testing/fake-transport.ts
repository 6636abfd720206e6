/**
 * Test double: a transport scripted turn by turn. Each PUT takes the next scripted turn (or
 * the default: progress, then the FakeCos answer after `latencyMs`). A turn can report
 * progress, answer any status, fail like the network, hang until aborted, or let the request
 * land and lose the answer. Every request is logged and the number in flight is tracked.
 * Test-only.
 */
import {
  TransportError,
  type PutOptions,
  type Transport,
  type TransportResponse,
} from '../ports/transport';
import type { FakeCos } from './fake-cos';

export interface FakeRequest {
  readonly index: number;
  /** Fake-clock time the request started. */
  readonly startedAt: number;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: Blob;
  readonly signal: AbortSignal | undefined;
  /** Report upload progress (bytes of this request). */
  progress(loaded: number): void;
  /** What the strict COS would answer (the body is stored). */
  forward(): Promise<TransportResponse>;
  /** Resolves after `ms` on the (fake) clock, rejects with an abort TransportError on abort. */
  wait(ms: number): Promise<void>;
  /** Never answers; rejects with an abort TransportError when the engine aborts. */
  hang(): Promise<never>;
}

export type Turn = (request: FakeRequest) => Promise<TransportResponse> | TransportResponse;

export class FakeTransport implements Transport {
  readonly requests: FakeRequest[] = [];
  private readonly turns: Turn[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Decides per request when set (after scripted turns run out). */
  handler: Turn | null = null;

  constructor(
    private readonly cos: FakeCos,
    private readonly latencyMs = 10,
  ) {}

  /** Queue turns for the next requests, in order. */
  script(...turns: Turn[]): void {
    this.turns.push(...turns);
  }

  /** Default behaviour: progress in two steps, then the COS answer. */
  readonly normal: Turn = async (req) => {
    req.progress(Math.floor(req.body.size / 2));
    await req.wait(this.latencyMs);
    req.progress(req.body.size);
    return req.forward();
  };

  async put(url: string, body: Blob, options: PutOptions): Promise<TransportResponse> {
    const signal = options.signal;
    if (signal?.aborted) throw new TransportError('abort', 'aborted before start');
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    let aborted: () => void = () => {};
    const abortPromise = new Promise<never>((_, reject) => {
      aborted = () => reject(new TransportError('abort', 'aborted'));
      signal?.addEventListener('abort', aborted, { once: true });
    });
    abortPromise.catch(() => {});
    const req: FakeRequest = {
      index: this.requests.length,
      startedAt: Date.now(),
      url,
      headers: options.headers,
      body,
      signal,
      progress: (loaded) => {
        if (!signal?.aborted) options.onProgress?.(loaded);
      },
      forward: () => this.cos.handlePut(url, body, options.headers),
      wait: (ms) =>
        Promise.race([new Promise<void>((resolve) => setTimeout(resolve, ms)), abortPromise]),
      hang: () => abortPromise,
    };
    this.requests.push(req);
    const turn = this.turns.shift() ?? this.handler ?? this.normal;
    try {
      return await Promise.race([Promise.resolve().then(() => turn(req)), abortPromise]);
    } finally {
      this.inFlight--;
      signal?.removeEventListener('abort', aborted);
    }
  }
}

/** Turn helpers. */
export const turns = {
  respond:
    (status: number, headers: Record<string, string> = {}, body = ''): Turn =>
    () => ({ status, headers, body }),
  cosError:
    (status: number, code: string, message: string, headers: Record<string, string> = {}): Turn =>
    () => ({
      status,
      headers: { 'content-type': 'application/xml', 'x-cos-request-id': 'req-x', ...headers },
      body: `<Error><Code>${code}</Code><Message>${message}</Message><RequestId>req-x</RequestId></Error>`,
    }),
  network:
    (afterBytes = 0): Turn =>
    (req) => {
      if (afterBytes > 0) req.progress(afterBytes);
      throw new TransportError('network', 'connection reset');
    },
  hang:
    (afterBytes = 0): Turn =>
    (req) => {
      if (afterBytes > 0) req.progress(afterBytes);
      return req.hang();
    },
  /** The bytes land in COS but the answer never arrives. */
  lostAck: (): Turn => async (req) => {
    await req.forward();
    throw new TransportError('network', 'connection reset after commit');
  },
};
