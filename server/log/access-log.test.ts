import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createApp } from '../http/app';
import { mintLinkToken } from '../links/link-token';
import { createLinkClaims } from '../links/link-types';
import type { TestStack } from '../testing/test-stack';
import { startTestStack } from '../testing/test-stack';
import { createLogger, redactPath, redactTokens } from './logger';

/**
 * Link tokens are capabilities: whoever reads one from a log may upload. They must not reach
 * the log on any path, routed or not (a proxy with a path prefix, a doubled slash, another
 * case, an encoded slash, a trailing segment), nor through an error's message or stack.
 */
let stack: TestStack;
let app: Hono;
const lines: string[] = [];
let token = '';

beforeAll(async () => {
  stack = await startTestStack({ PORTAL_ORIGINS: 'https://portal.example.com' });
  app = createApp({
    config: stack.config,
    cos: stack.cos,
    logger: createLogger('info', (line) => lines.push(line)),
  });
  token = mintLinkToken(
    stack.config.linkKeys,
    createLinkClaims({ title: 'A link' }, stack.config.uploadPrefix),
  );
});
afterAll(async () => {
  await stack?.close();
});

/** Pieces of the token that must never appear: its payload and its MAC. */
function leaks(text: string): boolean {
  const [, payload, mac] = token.split('.') as [string, string, string];
  return text.includes(payload.slice(0, 16)) || text.includes(mac);
}

async function logged(path: string, init?: RequestInit): Promise<string> {
  lines.length = 0;
  await app.request(path, init);
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('the access log', () => {
  const paths: Array<[string, (t: string) => string]> = [
    ['a doubled slash', (t) => `//u/${t}`],
    ['upper case', (t) => `/U/${t}`],
    ['a proxy path prefix', (t) => `/portal/u/${t}`],
    ['a prefix and a doubled slash', (t) => `/portal//embed/${t}`],
    ['a trailing segment', (t) => `/u/${t}/extra`],
    ['an encoded slash', (t) => `/u%2F${t}`],
    ['an encoded letter', (t) => `/%75/${t}`],
    ['encoded dots', (t) => `/x/${t.replaceAll('.', '%2E')}`],
    ['an embed page in upper case', (t) => `/EMBED/${t}`],
    ['an unknown API route', (t) => `/api/v1/link/${t}`],
    ['an admin route', (t) => `/api/v1/admin/links/${t}`],
    ['a file name', (t) => `/assets/${t}.js`],
    ['a routed page', (t) => `/u/${t}`],
  ];
  it.each(paths)('redacts a token after %s', async (_what, pathOf) => {
    const line = await logged(pathOf(token));
    expect(leaks(line)).toBe(false);
    expect(line).toContain('<redacted>');
  });

  it('redacts a token cut short (no MAC) after /u/ in any spelling', async () => {
    const cut = token.split('.').slice(0, 2).join('.');
    for (const path of [`/U/${cut}`, `/portal/u/${cut}`, `//embed/${cut}`]) {
      const line = await logged(path);
      expect(line).not.toContain(cut.slice(3, 20));
    }
  });

  it('logs neither the query string nor headers that carry a token', async () => {
    const line = await logged(`/nothing-here?link=${token}`, {
      headers: {
        Referer: `https://portal.example.com/u/${token}`,
        Authorization: `Bearer ${token}`,
      },
    });
    expect(line).toMatch(/INFO GET \/nothing-here 404 \d+ms$/);
    expect(leaks(line)).toBe(false);
  });

  it('writes one line per request, whatever the path encodes', async () => {
    const line = await logged('/nothing%0D%0A2030-01-01T00:00:00.000Z%20INFO%20GET%20/forged');
    expect(line).not.toMatch(/[\r\n]/);
    expect(line).toContain('/nothing%0D%0A2030');
  });

  it('keeps paths without tokens readable', async () => {
    expect(await logged('/assets/index-B1x2y3z4.js')).toContain('/assets/index-B1x2y3z4.js');
    expect(await logged('/embed.js')).toContain('/embed.js');
    expect(await logged('/api/v1/link')).toContain('/api/v1/link 401');
  });
});

describe('every log line', () => {
  it('redacts tokens in messages and error stacks', () => {
    const out: string[] = [];
    const logger = createLogger('debug', (line) => out.push(line));
    logger.error('failed', new Error(`could not parse ${token}`));
    logger.warn(`saw ticket ${token}`);
    expect(out).toHaveLength(2);
    expect(out.some(leaks)).toBe(false);
  });

  it('redacts URL signatures and bearer credentials quoted by an error', () => {
    const out: string[] = [];
    const logger = createLogger('debug', (line) => out.push(line));
    logger.error(
      'storage call failed',
      new Error(
        'PUT https://b.cos.example/k?q-sign-algorithm=sha1&q-signature=0123abcd4567ef&x=1 ' +
          'with Authorization: Bearer admin-token-for-tests-0123456789',
      ),
    );
    expect(out[0]).toContain('q-signature=<redacted>&x=1');
    expect(out[0]).toContain('Bearer <redacted>');
    expect(out[0]).not.toContain('0123abcd4567ef');
    expect(out[0]).not.toContain('admin-token-for-tests');
  });

  it('redactTokens and redactPath leave ordinary text alone', () => {
    expect(redactTokens('GET /assets/index.abc123.js 200 3ms')).toBe(
      'GET /assets/index.abc123.js 200 3ms',
    );
    expect(redactPath('/menu/x')).toBe('/menu/x');
    expect(redactPath('/uploads/a/b')).toBe('/uploads/a/b');
  });
});
