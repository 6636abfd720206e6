/**
 * The demo host: a plain page on an origin of its own that embeds an upload link with the
 * loader and lists the portal's events as they arrive, the way a site owner's page would.
 * `npm start` runs it (scripts/start.ts); the end-to-end tests run one per scenario.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LinkOptions } from '../server/links/link-types';

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

const PAGES: Record<string, string> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  // The README's snippet and nothing else.
  '/one-tag.html': 'one-tag.html',
};

const FILES: Record<string, { file: string; type: string }> = {
  '/demo.js': { file: 'demo.js', type: 'text/javascript; charset=utf-8' },
  '/one-tag.js': { file: 'one-tag.js', type: 'text/javascript; charset=utf-8' },
  '/demo.css': { file: 'demo.css', type: 'text/css; charset=utf-8' },
};

export interface DemoHostOptions {
  /** The portal's public URL: the loader comes from `<portalUrl>/embed.js`. */
  portalUrl: string;
  /**
   * The upload link to embed, given this host's origin once it is listening (a link that may
   * be embedded here lists that origin in its embedOrigins).
   */
  linkFor(origin: string): string | Promise<string>;
  port?: number;
  /** Name the page is reached by (`localhost` by default: another site than 127.0.0.1). */
  hostname?: string;
}

export interface DemoHost {
  url: string;
  origin: string;
  linkUrl: string;
  close(): Promise<void>;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

/** The page, with the portal and link written in as escaped attribute values. */
export async function renderDemoPage(page: {
  file: string;
  portalUrl: string;
  linkUrl: string;
  origin: string;
}): Promise<string> {
  const template = await readFile(path.join(PUBLIC_DIR, page.file), 'utf8');
  const portal = new URL(page.portalUrl).origin;
  return template
    .replaceAll('{{portal}}', escapeHtml(portal))
    .replaceAll('{{link}}', escapeHtml(page.linkUrl))
    .replaceAll('{{origin}}', escapeHtml(page.origin));
}

/**
 * What a careful host sends: a CSP that lets in exactly the portal's script and frame, and no
 * referrer at all (the portal then learns the host's origin from the loader's handshake).
 */
export function demoHostHeaders(portalUrl: string): Record<string, string> {
  const portal = new URL(portalUrl).origin;
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      `script-src 'self' ${portal}`,
      `frame-src ${portal}`,
      "style-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

export async function startDemoHost(options: DemoHostOptions): Promise<DemoHost> {
  const hostname = options.hostname ?? 'localhost';
  let origin = '';
  let linkUrl = '';
  const headers = demoHostHeaders(options.portalUrl);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const pathname = new URL(req.url ?? '/', 'http://host').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    const page = PAGES[pathname];
    if (page) {
      const html = await renderDemoPage({
        file: page,
        portalUrl: options.portalUrl,
        linkUrl,
        origin,
      });
      res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : html);
      return;
    }
    const entry = FILES[pathname];
    if (!entry) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    const body = await readFile(path.join(PUBLIC_DIR, entry.file));
    res.writeHead(200, { ...headers, 'Content-Type': entry.type });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: a demo, never a public server.
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${hostname}:${port}`;
  try {
    linkUrl = await options.linkFor(origin);
  } catch (error) {
    server.close();
    throw error;
  }
  return {
    url: `${origin}/`,
    origin,
    linkUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Just what `startDemoHostFor` needs of the running stack (scripts/stack.ts). */
export interface DemoStack {
  portalUrl: string;
  mintLink(options: LinkOptions): { url: string } | Promise<{ url: string }>;
}

/**
 * `npm start`'s demo host on DEMO_HOST_PORT (default 8081, `off` to skip), embedding a fresh
 * week-long link that allows exactly this host's origin. A busy port is a warning, not a
 * failure: the portal itself is what `npm start` is for.
 */
export async function startDemoHostFor(
  stack: DemoStack,
  env: Record<string, string | undefined>,
  warn: (message: string) => void = console.warn,
): Promise<DemoHost | null> {
  const setting = env.DEMO_HOST_PORT ?? '8081';
  if (setting === 'off') return null;
  const port = Number(setting);
  if (setting.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`DEMO_HOST_PORT must be a port number or "off" (got "${setting}")`);
  }
  try {
    return await startDemoHost({
      portalUrl: stack.portalUrl,
      port,
      linkFor: async (origin) =>
        (
          await stack.mintLink({
            title: 'Embedded demo upload link',
            message: 'This upload box is embedded in another website: the demo host page.',
            expiresInSeconds: 7 * 24 * 3600,
            embedOrigins: [origin],
          })
        ).url,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    warn(`  Demo host: port ${port} is in use; set DEMO_HOST_PORT to a free port, or to "off".`);
    return null;
  }
}
