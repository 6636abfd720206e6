import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The address a request came from, for per-client rate limits. By default the socket's peer
 * address: a client cannot choose it. Behind a reverse proxy every request comes from the
 * proxy, so with `trustProxy` the last `X-Forwarded-For` entry (the one the proxy itself
 * appended) is used instead; earlier entries are whatever the client claimed and are ignored.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded?.split(',').pop()?.trim();
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // In-process requests (tests) have no socket.
    return 'unknown';
  }
}
