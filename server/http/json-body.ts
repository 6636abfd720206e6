import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * A request's body parsed as JSON. On Node (@hono/node-server) the bytes are read straight
 * from the `IncomingMessage`: `c.req.json()` first turns the server's lightweight request into
 * a full web Request with a web stream over the Node stream, which profiling showed as a tenth
 * of a signing call. Used only for bodies of a declared length that nobody has read yet (the
 * size was checked against the limit before; Node's parser delivers no more than that length);
 * anything else, and requests made in-process (tests), go through Hono. Throws on invalid JSON
 * and when the client goes away before the end of the body.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const incoming = directBodySource(c);
  if (!incoming) return c.req.json();
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    incoming.once('error', reject);
    incoming.once('close', () => {
      if (!incoming.complete) reject(new Error('the client went away during the body'));
    });
  });
  return JSON.parse(text) as unknown;
}

/** Node's request, when its body can be read from it directly; null otherwise. */
export function directBodySource(c: Context): IncomingMessage | null {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const direct =
    incoming !== undefined &&
    c.req.header('content-length') !== undefined &&
    c.req.header('transfer-encoding') === undefined &&
    !incoming.readableDidRead;
  return direct ? incoming : null;
}
