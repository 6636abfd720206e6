import type { Context } from 'hono';

/**
 * A header on a response that is already made (middleware after `next()`). Hono's `c.header`
 * rebuilds a finished response to do that, and on Node that turns the server's lightweight
 * response into a full web Response first: profiled, a seventh of a signing call. The headers
 * of a response we made ourselves can simply be changed; only one with immutable headers
 * (say, a proxied fetch) goes the long way.
 */
export function setHeader(
  c: Context,
  name: string,
  value: string,
  options?: { append?: boolean },
): void {
  try {
    if (options?.append) c.res.headers.append(name, value);
    else c.res.headers.set(name, value);
  } catch {
    c.header(name, value, options);
  }
}
