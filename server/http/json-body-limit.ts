import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorResponse } from './error-response';

export const MAX_JSON_BODY_BYTES = 256 * 1024;

const tooLarge = (c: Context) =>
  errorResponse(c, { code: 'payload-too-large', message: 'The request body is too large.' }, 413);

/**
 * API bodies up to MAX_JSON_BODY_BYTES. A declared length is checked as it is; Hono's
 * bodyLimit is used for bodies of unknown length only: it wraps the request in a stream,
 * which on Node builds a full web Request and costs more than the rest of a signing call.
 */
export function jsonBodyLimit(): MiddlewareHandler {
  const streamedLimit = bodyLimit({ maxSize: MAX_JSON_BODY_BYTES, onError: tooLarge });
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) {
      return streamedLimit(c, next);
    }
    return Number(length) > MAX_JSON_BODY_BYTES ? tooLarge(c) : next();
  };
}
