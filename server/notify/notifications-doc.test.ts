/**
 * The verification code docs/notifications.md gives receivers, run as written against a
 * signature the notifier makes.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { signWebhook } from './webhook-signature';

const DOC = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../docs/notifications.md',
);
const SECRET = 'doc-snippet-secret-0123456789abcdefghijk';

describe('docs/notifications.md', () => {
  it('its Node snippet verifies a real signature, and refuses a wrong secret, body or old t', async () => {
    const doc = await readFile(DOC, 'utf8');
    const snippet = /Node:\n\n```js\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(snippet).toContain('export function verifyPortalSignature');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'notify-doc-'));
    try {
      const file = path.join(dir, 'verify.mjs');
      await writeFile(file, snippet!);
      const { verifyPortalSignature } = (await import(pathToFileURL(file).href)) as {
        verifyPortalSignature: (h: string, b: string, s: string, tol?: number) => boolean;
      };
      const body = '{"id":"e1","type":"test"}';
      const header = signWebhook([SECRET, 'o'.repeat(40)], body, Date.now());
      expect(verifyPortalSignature(header, body, SECRET)).toBe(true);
      expect(verifyPortalSignature(header, body, 'o'.repeat(40))).toBe(true);
      expect(verifyPortalSignature(header, body, 'x'.repeat(40))).toBe(false);
      expect(verifyPortalSignature(header, `${body}\n`, SECRET)).toBe(false);
      const old = signWebhook([SECRET], body, Date.now() - 301_000);
      expect(verifyPortalSignature(old, body, SECRET)).toBe(false);
      expect(verifyPortalSignature('t=1,v1=zz', body, SECRET)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
