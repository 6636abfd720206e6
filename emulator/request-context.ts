import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import type { VersioningStore } from './bucket-versioning';
import type { CorsStore } from './cors';
import type { QueryParam } from './cos-encoding';
import type { CosError } from './cos-error';
import type { FaultInjector, FaultOperation, FaultPlan } from './faults';
import type { MultipartStore } from './multipart-store';
import type { StatsCounter, StatsOperation } from './stats';
import type { ObjectStore } from './storage';
import { pooledRandomBytes } from '../server/random-pool';
import { errorXml } from './xml';

export interface BucketState {
  name: string;
  objects: ObjectStore;
  uploads: MultipartStore;
  cors: CorsStore;
  versioning: VersioningStore;
}

/** State shared by every request of one emulator instance. */
export interface EmulatorEnv {
  region: string;
  defaultBucket: string;
  buckets: Map<string, BucketState>;
  tmpDir: string;
  now: () => number;
  expiryMode: 'atStart' | 'interrupt';
  lookupSecret: (secretId: string) => string | undefined;
  faults: FaultInjector;
  stats: StatsCounter;
  /** The request currently being served on each socket (to answer IncompleteBody). */
  active: WeakMap<Socket, RequestContext>;
}

export interface RequestContext {
  env: EmulatorEnv;
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  traceId: string;
  method: string;
  rawPath: string;
  query: QueryParam[];
  /** Set once routing found the bucket. */
  bucket?: BucketState;
  /** Decoded object key; '' for bucket-level requests. */
  key: string;
  op: StatsOperation;
  faultOp?: FaultOperation;
  plan: FaultPlan;
  /** CORS headers of the first rule matching this request's Origin (added to every answer). */
  cors: Record<string, string>;
  /** End of the signature's validity (Unix seconds), once authenticated. */
  expiresAtSec?: number;
  /** No signature: only a GET/HEAD of an object whose ACL allows everyone may succeed. */
  anonymous?: boolean;
  responded: boolean;
  /**
   * Answer with `Connection: close` and end the connection afterwards: bytes after this
   * request could not be parsed (a body longer than its Content-Length), so nothing more can
   * be read from this connection.
   */
  closeConnection?: boolean;
}

/** Request IDs shaped like COS's: base64 of a time/random string. */
export function newRequestId(): string {
  const t = Math.floor(Date.now() / 1000).toString(16);
  const hex = Buffer.from(pooledRandomBytes(9)).toString('hex');
  return Buffer.from(`${t}_${hex.slice(0, 8)}_${hex.slice(8, 12)}_${hex.slice(12)}`).toString(
    'base64',
  );
}

export function newTraceId(): string {
  return Buffer.from(Buffer.from(pooledRandomBytes(36)).toString('hex'))
    .toString('base64')
    .slice(0, 96);
}

/** Headers every answer carries: request id, COS's Server token, and a correct Date. */
export function baseHeaders(ctx: RequestContext): Record<string, string> {
  return {
    'x-cos-request-id': ctx.requestId,
    Server: 'tencent-cos',
    Date: new Date(ctx.env.now()).toUTCString(),
    ...ctx.cors,
  };
}

/** `<bucket>.cos.<region>.myqcloud.com/<path>` as COS prints in `<Resource>`. */
export function resourceOf(ctx: RequestContext): string {
  const bucket = ctx.bucket?.name ?? ctx.env.defaultBucket;
  return `${bucket}.cos.${ctx.env.region}.myqcloud.com${ctx.rawPath}`;
}

export function send(
  ctx: RequestContext,
  status: number,
  headers: Record<string, string>,
  body?: string | Buffer,
): void {
  if (ctx.responded || ctx.res.headersSent) return;
  const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
  const all: Record<string, string> = { ...baseHeaders(ctx), ...headers };
  if (all['Content-Length'] === undefined) all['Content-Length'] = String(payload?.length ?? 0);
  if (ctx.closeConnection) all.Connection = 'close';
  // Marked answered only once the head is out: a head Node refuses (a bad header) throws, and
  // the error answer must still go, or the request would hang.
  ctx.res.writeHead(status, all);
  ctx.responded = true;
  if (ctx.method === 'HEAD' || payload === undefined) ctx.res.end();
  else ctx.res.end(payload);
}

export function sendXml(ctx: RequestContext, status: number, xml: string): void {
  send(ctx, status, { 'Content-Type': 'application/xml' }, xml);
}

export function sendStream(
  ctx: RequestContext,
  status: number,
  headers: Record<string, string>,
  stream: Readable,
): void {
  if (ctx.responded || ctx.res.headersSent) {
    stream.destroy();
    return;
  }
  try {
    ctx.res.writeHead(status, {
      ...baseHeaders(ctx),
      ...headers,
      ...(ctx.closeConnection ? { Connection: 'close' } : {}),
    });
  } catch (error) {
    stream.destroy();
    throw error;
  }
  ctx.responded = true;
  stream.on('error', () => ctx.res.destroy());
  ctx.res.on('close', () => stream.destroy());
  stream.pipe(ctx.res);
}

function errorParts(
  ctx: RequestContext,
  err: CosError,
): { headers: Record<string, string>; body: string } {
  const body = errorXml({
    code: err.code,
    message: err.message,
    resource: resourceOf(ctx),
    requestId: ctx.requestId,
    traceId: ctx.traceId,
    extra: err.extra,
  });
  return {
    headers: {
      'Content-Type': 'application/xml',
      'x-cos-trace-id': ctx.traceId,
      ...err.headers,
    },
    body,
  };
}

/** How long an unread request body may keep the socket after an early error answer. */
const DRAIN_LIMIT_MS = 30_000;

/**
 * Answers with a COS XML error. When the request body has not been read (auth failure,
 * injected fault, expiry mid-body), the rest of it is read and discarded so that the client,
 * which usually reads the answer only after sending, actually sees the error.
 */
export function sendError(ctx: RequestContext, err: CosError): void {
  if (ctx.responded || ctx.res.headersSent) return;
  ctx.env.stats.error(err.code);
  const { headers, body } = errorParts(ctx, err);
  const req = ctx.req;
  if (!req.complete) {
    ctx.res.on('finish', () => {
      if (req.complete) return;
      const timer = setTimeout(() => req.socket.destroy(), DRAIN_LIMIT_MS);
      timer.unref();
      req.on('end', () => clearTimeout(timer));
      req.on('close', () => clearTimeout(timer));
      req.resume();
    });
  }
  send(ctx, err.status, headers, ctx.method === 'HEAD' ? undefined : body);
}

/**
 * The same error as raw HTTP bytes, for the cases where Node's response object is not usable:
 * the client half-closed mid-body (IncompleteBody) or sent bytes the HTTP parser refused, both
 * seen only by `clientError`. The connection closes after it.
 */
export function rawErrorResponse(ctx: RequestContext, err: CosError): string {
  ctx.env.stats.error(err.code);
  const { headers, body } = errorParts(ctx, err);
  return rawResponse(err.status, { ...baseHeaders(ctx), ...headers }, body);
}

/**
 * A COS XML error for bytes that never became a request (not HTTP, headers too large, headers
 * too slow): there is no bucket or key, but there is a request id, like every COS answer.
 */
export function rawErrorWithoutRequest(env: EmulatorEnv, err: CosError): string {
  env.stats.error(err.code);
  const requestId = newRequestId();
  const traceId = newTraceId();
  const body = errorXml({
    code: err.code,
    message: err.message,
    resource: `${env.defaultBucket}.cos.${env.region}.myqcloud.com/`,
    requestId,
    traceId,
  });
  return rawResponse(
    err.status,
    {
      'x-cos-request-id': requestId,
      Server: 'tencent-cos',
      Date: new Date(env.now()).toUTCString(),
      'Content-Type': 'application/xml',
      'x-cos-trace-id': traceId,
      ...err.headers,
    },
    body,
  );
}

function rawResponse(status: number, headers: Record<string, string>, body: string): string {
  const all: Record<string, string> = {
    ...headers,
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
  };
  const lines = Object.entries(all).map(([k, v]) => `${k}: ${v}`);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}
