import type { Context } from 'hono';
import { Hono } from 'hono';
import { PortalConfig } from '../../protocol/schemas';
import { API_BASE } from '../../protocol/version';
import type { SignerConfig } from '../config';
import type { CosClient } from '../cos/cos-client';
import { embedOriginsOf, LOADER_PATHS, loaderResponse, withEmbedOrigins } from './embed-page';
import { portalCsp } from './security-headers';
import { IMMUTABLE, readIndexHtml, staticFile } from './static-portal';

/**
 * What the browser loads that is not the API: the portal's runtime config, its pages (the
 * upload page, `/embed/<token>` for iframes, `/admin`), the embed loader and the built files.
 */
export function createPortalRoutes(deps: { config: SignerConfig; cos: CosClient }): Hono {
  const { config, cos } = deps;
  const app = new Hono();

  app.get('/config.json', (c) => {
    const portal = PortalConfig.parse({
      apiBase: API_BASE,
      concurrency: 6,
      stallTimeoutMs: 30_000,
      // The browser sends bytes only to URLs on this origin (signed-request-check.ts), so a
      // signer answer tampered on the way cannot send a file elsewhere.
      storageOrigin: cos.endpointOrigin,
    });
    c.header('Cache-Control', 'no-store');
    return c.json(portal);
  });

  // The portal page. `/embed/<token>` may be framed by the origins its link names; every
  // other page by nobody.
  async function page(c: Context, frameAncestors: string[]): Promise<Response> {
    const html = await readIndexHtml(config.distDir);
    if (html === null) {
      c.header('Cache-Control', 'no-store');
      return c.text('portal not built: run npm run build', 503);
    }
    c.header('Cache-Control', 'no-store');
    c.header(
      'Content-Security-Policy',
      portalCsp({ connectOrigins: [cos.endpointOrigin], frameAncestors }),
    );
    return c.html(withEmbedOrigins(html, frameAncestors));
  }

  app.get('/', (c) => page(c, []));
  app.get('/index.html', (c) => page(c, []));
  app.get('/u/:token', (c) => page(c, []));
  // The admin view: never framed, token asked for on the page and kept in memory only.
  app.get('/admin', (c) => page(c, []));
  app.get('/embed/:token', (c) => page(c, embedOriginsOf(config.linkKeys, c.req.param('token'))));

  // The embed loader: one stable URL that host pages include (see embed-page.ts).
  for (const file of LOADER_PATHS) {
    app.get(file, async (c) => {
      const res = await loaderResponse(config.distDir, file, c.req.header('if-none-match'));
      return res ?? c.text('not found', 404);
    });
  }

  app.get('/assets/*', async (c) => {
    const res = await staticFile(config.distDir, c.req.path);
    if (!res) return c.text('not found', 404);
    res.headers.set('Cache-Control', IMMUTABLE);
    return res;
  });

  // Other files vite copied from public/ (icons, the embed loader): revalidated each time.
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith(`${API_BASE}/`) || c.req.path === API_BASE) return next();
    const res = await staticFile(config.distDir, c.req.path);
    if (!res) return next();
    res.headers.set('Cache-Control', 'no-cache');
    return res;
  });

  return app;
}
