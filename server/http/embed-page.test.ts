import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkInfoResponse } from '../../protocol/schemas';
import type { LinkOptions } from '../links/link-types';
import { createLogger } from '../log/logger';
import { mintTestLink } from '../testing/mint-test-link';
import type { TestStack } from '../testing/test-stack';
import { startTestStack } from '../testing/test-stack';
import { createApp } from './app';
import { EMBED_ORIGINS_META } from '../../protocol/embed-protocol';
import { LOADER_CACHE_CONTROL, withEmbedOrigins } from './embed-page';
import { tamperMac } from '../testing/tamper-token';

let stack: TestStack;
let app: Hono;
let clock = Date.now();

const INDEX = '<!doctype html><html><head><title>Portal</title></head><body></body></html>';
const LOADER = '(function(){window.CosUploadPortal={}})();';

beforeAll(async () => {
  stack = await startTestStack();
  app = createApp({
    config: stack.config,
    cos: stack.cos,
    logger: createLogger('silent'),
    now: () => clock,
  });
  await mkdir(stack.config.distDir, { recursive: true });
  await writeFile(path.join(stack.config.distDir, 'index.html'), INDEX);
});
afterAll(async () => {
  await stack?.close();
});

const link = (options: LinkOptions = {}): string => mintTestLink(stack, options, clock);

function frameAncestors(res: Response): string | undefined {
  return /frame-ancestors ([^;]+)/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
}

describe('embed pages', () => {
  it('lists exactly the link’s origins in frame-ancestors and in the page', async () => {
    const origins = ['https://forms.example.org', 'http://localhost:8081'];
    const res = await app.request(`/embed/${link({ embedOrigins: origins })}`);
    expect(res.status).toBe(200);
    expect(frameAncestors(res)).toBe(origins.join(' '));
    const html = await res.text();
    expect(html).toContain(`<meta name="${EMBED_ORIGINS_META}" content="${origins.join(' ')}" />`);
  });

  it('keeps the origins of an expired link, so its page can tell the host', async () => {
    const token = link({ embedOrigins: ['https://forms.example.org'], expiresInSeconds: 60 });
    const saved = clock;
    clock += 120_000;
    try {
      const res = await app.request(`/embed/${token}`);
      expect(frameAncestors(res)).toBe('https://forms.example.org');
      const api = await app.request('/api/v1/link', {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(api.status).toBe(410);
    } finally {
      clock = saved;
    }
  });

  it('lets nobody frame a forged token, a link without origins, or any other page', async () => {
    const token = link({ embedOrigins: ['https://forms.example.org'] });
    const forged = tamperMac(token);
    for (const route of [`/embed/${forged}`, `/embed/${link()}`, `/u/${token}`, '/']) {
      const res = await app.request(route);
      expect(frameAncestors(res), route).toBe("'none'");
      expect(await res.text(), route).not.toContain(EMBED_ORIGINS_META);
    }
  });

  it('tells the portal the origins in GET /link too', async () => {
    const token = link({ embedOrigins: ['https://forms.example.org'] });
    const res = await app.request('/api/v1/link', {
      headers: { Authorization: `Bearer ${token}` },
    });
    const body = LinkInfoResponse.parse(await res.json());
    expect(body.link.embedOrigins).toEqual(['https://forms.example.org']);
  });

  it('escapes the origins it writes into the page', () => {
    const html = withEmbedOrigins('<head></head>', ['https://a.example"><script>']);
    expect(html).toBe(
      `<head><meta name="${EMBED_ORIGINS_META}" content="https://a.example&quot;&gt;&lt;script&gt;" />\n</head>`,
    );
    expect(withEmbedOrigins('<head></head>', [])).toBe('<head></head>');
  });
});

describe('the embed loader', () => {
  it('is a 404 until built', async () => {
    expect((await app.request('/embed.js')).status).toBe(404);
  });

  it('is served with revalidated caching, CORP and an ETag that answers 304', async () => {
    await writeFile(path.join(stack.config.distDir, 'embed.js'), LOADER);
    await writeFile(path.join(stack.config.distDir, 'embed.d.ts'), 'export {};\n');
    const res = await app.request('/embed.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(LOADER);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe(LOADER_CACHE_CONTROL);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // A classic <script> needs no CORS; the file is not opened to cross-origin reads.
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{22}"$/);

    const again = await app.request('/embed.js', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    await writeFile(path.join(stack.config.distDir, 'embed.js'), `${LOADER}\n// v2`);
    const changed = await app.request('/embed.js', { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);

    const types = await app.request('/embed.d.ts');
    expect(types.status).toBe(200);
    expect(types.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });
});
