import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

/**
 * The built portal (`vite build` → dist/). Hashed files under /assets never change, so they are
 * cached for a year; the page itself and other root files are revalidated so a deploy shows up
 * at once. Paths are resolved strictly inside dist/.
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Reads dist/index.html, or null when the portal has not been built. */
export async function readIndexHtml(distDir: string): Promise<string | null> {
  try {
    return await readFile(path.join(distDir, 'index.html'), 'utf8');
  } catch {
    return null;
  }
}

/**
 * A file under dist/ for a URL path, or null (missing, a directory, or outside dist/).
 * `urlPath` is the raw request path; it is decoded once and must stay inside `distDir`.
 */
export async function staticFile(distDir: string, urlPath: string): Promise<Response | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((s) => s === '..' || s === '.')) return null;
  const root = path.resolve(distDir);
  const file = path.resolve(root, `.${decoded}`);
  if (!file.startsWith(root + path.sep)) return null;
  try {
    const info = await stat(file);
    if (!info.isFile()) return null;
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: { 'Content-Type': type, 'Content-Length': String(info.size) },
    });
  } catch {
    return null;
  }
}
