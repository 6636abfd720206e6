import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EMBED_ORIGINS_META } from '../../protocol/embed-protocol';
import type { LinkKeySet } from '../links/link-keys';
import { verifyLinkToken } from '../links/link-token';

/**
 * What the server adds for embedding (docs/embedding.md): whom an `/embed/<token>` page lets
 * frame it, the same list handed to the page itself, and the loader script hosts include.
 */

/**
 * The origins an authentic link token allows to frame its embed page, expired or not.
 * Checked as at the epoch because expiry does not change whom the owner allowed, and an
 * expired link's page must still be shown to its host to say so (`link-error`); every API
 * call still refuses the expired link. A forged or malformed token allows nobody.
 */
export function embedOriginsOf(keys: LinkKeySet, token: string): string[] {
  const result = verifyLinkToken(keys, token, 0);
  return result.ok ? [...result.link.embedOrigins] : [];
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * index.html with the allowed origins in a <meta>: even when the link itself cannot be read
 * (expired, revoked), the page knows exactly whom it may tell. The origins were validated as
 * bare `scheme://host:port` when the link was minted; they are escaped all the same.
 */
export function withEmbedOrigins(html: string, origins: readonly string[]): string {
  if (origins.length === 0 || !html.includes('</head>')) return html;
  const content = origins.join(' ').replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
  return html.replace(
    '</head>',
    `<meta name="${EMBED_ORIGINS_META}" content="${content}" />\n</head>`,
  );
}

/**
 * The loader keeps one URL for every host page that includes it, so it cannot be cached
 * forever like the hashed assets: an hour fresh, then a day served stale while revalidated
 * (ETag), so a fix reaches every host within a day without each page load asking first.
 */
export const LOADER_CACHE_CONTROL = 'public, max-age=3600, stale-while-revalidate=86400';

const LOADER_FILES: Record<string, string> = {
  '/embed.js': 'text/javascript; charset=utf-8',
  '/embed.d.ts': 'text/plain; charset=utf-8',
};

export const LOADER_PATHS: readonly string[] = Object.keys(LOADER_FILES);

/**
 * `/embed.js` (or its `.d.ts`) from dist/, with a content ETag. A classic script tag loads it
 * from any site without CORS; `Cross-Origin-Resource-Policy: cross-origin` lets hosts that
 * require CORP (COEP pages) load it too. Null when the loader has not been built.
 */
export async function loaderResponse(
  distDir: string,
  urlPath: string,
  ifNoneMatch: string | undefined,
): Promise<Response | null> {
  const type = LOADER_FILES[urlPath];
  if (!type) return null;
  let body: Buffer;
  try {
    body = await readFile(path.join(distDir, urlPath.slice(1)));
  } catch {
    return null;
  }
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  const headers = {
    'Cache-Control': LOADER_CACHE_CONTROL,
    ETag: etag,
    'Cross-Origin-Resource-Policy': 'cross-origin',
  };
  const matches = (ifNoneMatch ?? '')
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
  if (matches) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(body), {
    headers: { ...headers, 'Content-Type': type, 'Content-Length': String(body.length) },
  });
}
