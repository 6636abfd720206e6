/**
 * Builds the benchmark's own pages (raw-XHR baseline, Uppy peer) with Vite and serves them from
 * a small static server on its own loopback origin, like any site that embeds an uploader. The
 * build goes to a temporary folder: a minified Uppy bundle inside the repository would only
 * trip the linters.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { ROOT } from '../scripts/stack';

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

export async function buildPages(): Promise<string> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'cup-bench-pages-'));
  const root = path.join(ROOT, 'bench/pages');
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: {
        input: { raw: path.join(root, 'raw.html'), uppy: path.join(root, 'uppy.html') },
      },
    },
  });
  return outDir;
}

/**
 * Serves `dir` and one helper: `/echo?xml=…` answers any method with the given XML. The Uppy
 * page uses it for the two multipart POSTs our signer performs server-side (see pages/uppy.ts).
 */
export async function startPageServer(dir: string): Promise<PageServer> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/echo') {
      // Drain the request body (Uppy sends the CompleteMultipartUpload XML) before answering.
      req.resume();
      req.on('end', () => {
        const xml = url.searchParams.get('xml') ?? '';
        res.writeHead(200, { 'Content-Type': 'application/xml', 'Cache-Control': 'no-store' });
        res.end(xml);
      });
      return;
    }
    const file = path.join(
      dir,
      path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''),
    );
    if (!file.startsWith(dir) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        rmSync(dir, { recursive: true, force: true });
      }),
  };
}
