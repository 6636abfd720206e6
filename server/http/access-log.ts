import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../log/logger';
import { redactPath } from '../log/logger';
import { COMMON_SECURITY_HEADERS } from './security-headers';
import { setHeader } from './set-header';

/**
 * Outermost middleware: timing, the security headers every response carries (errors too) and
 * the access log line. Never the query string, never headers; link tokens in paths are
 * redacted.
 */
export function accessLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) setHeader(c, name, value);
    const ms = Math.round(performance.now() - started);
    logger.info(`${c.req.method} ${redactPath(c.req.path)} ${c.res.status} ${ms}ms`);
  };
}
