import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeCosPath, parseQuery } from './cos-encoding';
import { ConnectionGone, CosError, accessDenied } from './cos-error';
import { actualHeaders, matchActual } from './cors';
import { abortMultipartUpload } from './handlers/multipart-abort';
import { deleteBucketCors, getBucketCors, putBucketCors } from './handlers/bucket-cors';
import { getBucketVersioning, putBucketVersioning } from './handlers/bucket-versioning';
import { getObjectAcl } from './handlers/get-object-acl';
import { completeMultipartUpload } from './handlers/multipart-complete';
import { deleteObject } from './handlers/delete-object';
import { initiateMultipartUpload } from './handlers/multipart-initiate';
import { listMultipartUploads, listParts } from './handlers/multipart-list';
import { listObjects } from './handlers/list-objects';
import { uploadPart } from './handlers/multipart-part';
import { preflight } from './handlers/preflight';
import { putObject } from './handlers/put-object';
import { readObject } from './handlers/read-object';
import {
  newRequestId,
  newTraceId,
  send,
  sendError,
  type EmulatorEnv,
  type RequestContext,
} from './request-context';
import { assertModelledHeaders } from './request-headers';
import { bucketFromHost, classify, validateKey } from './route';
import { verifyRequest } from './signature';
import type { AuthKind, StatsOperation } from './stats';

type Handler = (ctx: RequestContext) => void | Promise<void>;

const HANDLERS: Record<StatsOperation, Handler> = {
  put: putObject,
  part: uploadPart,
  initiate: initiateMultipartUpload,
  complete: completeMultipartUpload,
  abort: abortMultipartUpload,
  listParts,
  listUploads: listMultipartUploads,
  head: readObject,
  get: readObject,
  delete: deleteObject,
  list: listObjects,
  preflight,
  putCors: putBucketCors,
  getCors: getBucketCors,
  deleteCors: deleteBucketCors,
  headBucket: (ctx) => send(ctx, 200, {}),
  getAcl: getObjectAcl,
  putVersioning: putBucketVersioning,
  getVersioning: getBucketVersioning,
  other: () => {
    throw new CosError(
      501,
      'NotImplemented',
      'This COS API is not implemented by the local emulator.',
    );
  },
};

/** Splits the request target into raw path and raw query (absolute-form targets too). */
function splitTarget(url: string): { rawPath: string; rawQuery: string } {
  let target = url;
  if (!target.startsWith('/')) {
    try {
      const u = new URL(target);
      target = u.pathname + u.search;
    } catch {
      throw new CosError(400, 'InvalidURI', 'Could not parse the specified URI.');
    }
  }
  const q = target.indexOf('?');
  return q < 0
    ? { rawPath: target, rawQuery: '' }
    : { rawPath: target.slice(0, q), rawQuery: target.slice(q + 1) };
}

/** How the request is signed, by its form alone (as `extractAuth` looks for it). */
function authKindOf(req: IncomingMessage, query: RequestContext['query']): AuthKind {
  const header = req.headers.authorization;
  if (typeof header === 'string' && header.trim() !== '') return 'header';
  return query.some((p) => p.name === 'q-signature' || p.name === 'q-ak') ? 'url' : 'none';
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * One request, start to finish: route (bucket from Host, API from method + query), CORS headers,
 * preflight (unsigned), faults, signature, key rules, then the API handler. Every failure
 * becomes a COS XML error; a deliberately dropped connection gets no answer at all.
 */
function newContext(env: EmulatorEnv, req: IncomingMessage, res: ServerResponse): RequestContext {
  return {
    env,
    req,
    res,
    requestId: newRequestId(),
    traceId: newTraceId(),
    method: (req.method ?? 'GET').toUpperCase(),
    rawPath: '/',
    query: [],
    key: '',
    op: 'other',
    plan: { latencyMs: 0, commitThenDrop: false },
    cors: {},
    responded: false,
  };
}

async function handle(env: EmulatorEnv, req: IncomingMessage, res: ServerResponse): Promise<void> {
  env.stats.request();
  const ctx = newContext(env, req, res);
  env.active.set(req.socket, ctx);
  try {
    const { rawPath, rawQuery } = splitTarget(req.url ?? '/');
    ctx.rawPath = rawPath;
    ctx.query = parseQuery(rawQuery);
    const pathname = decodeCosPath(rawPath);
    ctx.key = pathname.slice(1);
    const operation = classify(ctx.method, ctx.key, ctx.query, req.headers);
    ctx.op = operation.op;
    if (operation.faultOp) ctx.faultOp = operation.faultOp;
    env.stats.operation(ctx.op, authKindOf(req, ctx.query));

    const target = bucketFromHost(req.headers.host, env.defaultBucket);
    const bucket = env.buckets.get(target.bucket);
    if (!bucket || (target.region !== undefined && target.region !== env.region)) {
      throw new CosError(404, 'NoSuchBucket', 'The specified bucket does not exist.');
    }
    ctx.bucket = bucket;

    const origin = req.headers.origin;
    if (ctx.op !== 'preflight' && origin && bucket.cors.rules) {
      const rule = matchActual(bucket.cors.rules, origin, ctx.method);
      if (rule) ctx.cors = actualHeaders(rule, origin);
    }
    if (ctx.op === 'preflight') {
      preflight(ctx);
      return;
    }

    ctx.plan = env.faults.plan(ctx.faultOp);
    if (ctx.plan.latencyMs > 0) await sleep(ctx.plan.latencyMs);
    if (ctx.plan.error) throw ctx.plan.error;

    const auth = verifyRequest({
      method: ctx.method,
      pathname,
      query: ctx.query,
      headers: req.headers,
      lookupSecret: env.lookupSecret,
      nowMs: env.now(),
    });
    if (!auth.ok) throw auth.error;
    if (auth.anonymous) {
      // The bucket is private: only an object's own ACL can let an unsigned GET/HEAD through,
      // which readObject decides.
      if (ctx.op !== 'get' && ctx.op !== 'head') throw accessDenied();
      ctx.anonymous = true;
    } else {
      ctx.expiresAtSec = auth.expiresAtSec;
    }

    if (ctx.key !== '') validateKey(ctx.key);
    assertModelledHeaders(ctx.op, req.headers);
    await HANDLERS[ctx.op](ctx);
  } catch (err) {
    if (err instanceof ConnectionGone) {
      // Injected drops were counted when they fired; a vanished client needs no answer.
      ctx.responded = true;
      return;
    }
    if (ctx.responded) return;
    if (err instanceof CosError) {
      sendError(ctx, err);
    } else {
      console.error('COS emulator: unexpected error', err);
      sendError(
        ctx,
        new CosError(500, 'InternalError', 'We encountered an internal error. Please try again.'),
      );
    }
  } finally {
    if (env.active.get(req.socket) === ctx) env.active.delete(req.socket);
  }
}

export function createRequestHandler(
  env: EmulatorEnv,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handle(env, req, res);
  };
}

/** `checkExpectation`: an `Expect` other than 100-continue, refused as a COS XML error. */
export function createExpectationHandler(
  env: EmulatorEnv,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    env.stats.request();
    const ctx = newContext(env, req, res);
    ctx.rawPath = (req.url ?? '/').split('?')[0] || '/';
    sendError(
      ctx,
      new CosError(
        417,
        'ExpectationFailed',
        `The Expect header is not supported: ${String(req.headers.expect)}. Only 100-continue is.`,
      ),
    );
  };
}
