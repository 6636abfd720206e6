import type { MiddlewareHandler } from 'hono';
import { errorResponse } from './error-response';
import { setHeader } from './set-header';

const API_METHODS = 'GET, POST';
const API_HEADERS = 'authorization, content-type';

/** CORS for the API: exact origins only, no credentials (the token travels in a header). */
export function apiCors(portalOrigins: readonly string[]): MiddlewareHandler {
  const origins = new Set(portalOrigins);
  return async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && origins.has(origin);
    if (c.req.method === 'OPTIONS') {
      c.header('Vary', 'Origin');
      if (!allowed) {
        return errorResponse(
          c,
          { code: 'origin-not-allowed', message: 'This origin may not call the upload API.' },
          403,
        );
      }
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': API_METHODS,
        'Access-Control-Allow-Headers': API_HEADERS,
        'Access-Control-Max-Age': '600',
      });
    }
    await next();
    setHeader(c, 'Vary', 'Origin', { append: true });
    if (allowed) setHeader(c, 'Access-Control-Allow-Origin', origin);
    // Answers depend on the bearer token, which is not in the URL: a browser must never reuse
    // one (Chromium keeps a 410 without caching headers as fresh, and would show an expired
    // link's answer for the next link opened in the same tab).
    setHeader(c, 'Cache-Control', 'no-store');
  };
}
