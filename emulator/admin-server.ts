import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FaultInjector } from './faults';
import type { StatsCounter } from './stats';

const MAX_BODY = 64 * 1024;

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
}

/**
 * The emulator's control plane (never part of the COS API): `GET /stats`, `POST /stats/reset`,
 * `GET /faults`, `PUT /faults` (JSON body replaces the whole fault configuration). The caller
 * binds it to loopback only.
 */
export function createAdminServer(stats: StatsCounter, faults: FaultInjector): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = `${req.method} ${path}`;
    const run = async (): Promise<void> => {
      switch (route) {
        case 'GET /stats':
          return json(res, 200, stats.snapshot());
        case 'POST /stats/reset':
          stats.reset();
          return json(res, 200, stats.snapshot());
        case 'GET /faults':
          return json(res, 200, faults.get());
        case 'PUT /faults': {
          let body: unknown;
          try {
            body = await readJsonBody(req);
          } catch (err) {
            return json(res, 400, { error: { code: 'invalid-request', message: String(err) } });
          }
          try {
            faults.set(body as Parameters<FaultInjector['set']>[0]);
          } catch (err) {
            return json(res, 400, {
              error: {
                code: 'invalid-request',
                message: err instanceof Error ? err.message : String(err),
              },
            });
          }
          return json(res, 200, faults.get());
        }
        case 'GET /health':
          return json(res, 200, { ok: true });
        default:
          return json(res, 404, {
            error: { code: 'not-found', message: `no admin route ${route}` },
          });
      }
    };
    run().catch((err: unknown) => {
      if (!res.headersSent)
        json(res, 500, { error: { code: 'internal-error', message: String(err) } });
    });
  });
}
