/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) for tests of browser code that does real
 * network I/O (the API client, the XHR transport in jsdom). Test-only, and Node code: the
 * portal's tests import it, the portal never does (tsconfig.test.json type-checks the two
 * together; the lint's layer rules keep it out of the portal).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface LoopbackRequest {
  method: string;
  url: string;
  /** Lowercased names. */
  headers: Record<string, string | undefined>;
  body: Uint8Array;
}

export interface LoopbackReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** 'hang' never answers; 'drop' destroys the connection without an answer. */
export type LoopbackHandler = (
  request: LoopbackRequest,
) => LoopbackReply | 'hang' | 'drop' | Promise<LoopbackReply | 'hang' | 'drop'>;

export interface LoopbackServerOptions {
  /** Answer CORS preflights and add CORS headers, exposing these response headers. */
  cors?: { exposeHeaders: readonly string[] };
}

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly port: number;
  /** Every request except CORS preflights, in arrival order. */
  readonly requests: LoopbackRequest[];
  setHandler(handler: LoopbackHandler): void;
  close(): Promise<void>;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const size = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function flatten(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export async function startLoopbackServer(
  handler: LoopbackHandler = () => ({ status: 200 }),
  options: LoopbackServerOptions = {},
): Promise<LoopbackServer> {
  let current = handler;
  const requests: LoopbackRequest[] = [];
  const server = createServer((req, res) => {
    if (options.cors) {
      res.setHeader('Access-Control-Allow-Origin', flatten(req.headers).origin ?? '*');
      res.setHeader('Access-Control-Expose-Headers', options.cors.exposeHeaders.join(', '));
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'PUT,GET,POST,DELETE,HEAD');
        res.setHeader(
          'Access-Control-Allow-Headers',
          flatten(req.headers)['access-control-request-headers'] ?? '',
        );
        res.writeHead(200);
        res.end();
        return;
      }
    }
    const chunks: Uint8Array[] = [];
    req.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    req.on('end', () => {
      const request: LoopbackRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: flatten(req.headers),
        body: concat(chunks),
      };
      requests.push(request);
      void Promise.resolve(current(request)).then((reply) => {
        if (reply === 'hang') return;
        if (reply === 'drop') {
          req.socket.destroy();
          return;
        }
        res.writeHead(reply.status, reply.headers ?? {});
        res.end(reply.body ?? '');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    setHandler(next) {
      current = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Helper for tests: a JSON reply. */
export function jsonReply(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): LoopbackReply {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}
