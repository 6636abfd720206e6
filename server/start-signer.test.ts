import { describe, expect, it } from 'vitest';
import { LinkInfoResponse, PortalConfig } from '../protocol/schemas';
import { createLogger } from './log/logger';
import { startSigner } from './start-signer';
import { CosError } from './cos/cos-error';
import { setBucketVersioning, startTestStack, useTestStack } from './testing/test-stack';

const t = useTestStack();

describe('startSigner', () => {
  it('binds an ephemeral loopback port, mints working links, and closes with keep-alive sockets open', async () => {
    const lines: string[] = [];
    const signer = await startSigner(t.stack.config, {
      cos: t.stack.cos,
      logger: createLogger('info', (l) => lines.push(l)),
    });
    try {
      expect(signer.port).toBeGreaterThan(0);
      expect(signer.url).toBe(`http://127.0.0.1:${signer.port}`);
      // The default allowed origin follows the bound port.
      expect(signer.config.portalOrigins).toEqual([signer.url]);

      const cfg = await fetch(`${signer.url}/config.json`);
      expect(PortalConfig.parse(await cfg.json()).apiBase).toBe('/api/v1');

      const { id, token, url } = await signer.mintLink({ title: 'Demo', maxFileSize: 5 });
      expect(url).toBe(`${signer.url}/u/${token}`);
      // Registered in the bucket, as the CLI and the admin API do.
      expect((await signer.state.readRecord(id))?.claims.title).toBe('Demo');
      const info = await fetch(`${signer.url}/api/v1/link`, {
        headers: { Authorization: `Bearer ${token}`, Origin: signer.url },
      });
      expect(info.headers.get('access-control-allow-origin')).toBe(signer.url);
      expect(LinkInfoResponse.parse(await info.json()).link).toMatchObject({
        title: 'Demo',
        limits: { maxFileSize: 5 },
      });
      const page = await fetch(url);
      expect(page.status).toBe(503);
      await page.text();
      expect(lines.some((l) => l.includes('GET /u/<redacted> 503'))).toBe(true);
      expect(lines.join('\n')).not.toContain(token);
    } finally {
      const started = Date.now();
      await signer.close();
      expect(Date.now() - started).toBeLessThan(2000);
    }
    await expect(fetch(`${signer.url}/config.json`)).rejects.toThrow();
  });

  it('fails clearly when the port is taken', async () => {
    const first = await startSigner(t.stack.config, {
      cos: t.stack.cos,
      logger: createLogger('silent'),
    });
    try {
      await expect(
        startSigner(
          { ...t.stack.config, port: first.port },
          { cos: t.stack.cos, logger: createLogger('silent') },
        ),
      ).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});

describe('startSigner and bucket versioning', () => {
  it('starts on a bucket that never had versioning, and refuses one that has had it', async () => {
    const own = await startTestStack();
    try {
      const signer = await startSigner(own.config, {
        cos: own.cos,
        logger: createLogger('silent'),
      });
      await signer.close();
      for (const status of ['Enabled', 'Suspended'] as const) {
        await setBucketVersioning(own, status);
        const refused = startSigner(own.config, {
          cos: own.cos,
          logger: createLogger('silent'),
        });
        await expect(refused).rejects.toThrow(`Versioning: ${status} on ${own.config.cos.bucket}`);
        await expect(refused).rejects.toThrow(
          'an upload with an existing key replaces the current version',
        );
        await expect(refused).rejects.toThrow('Use a bucket that has never had versioning');
      }
    } finally {
      await own.close();
    }
  });

  it('says so and starts when the versioning cannot be read (no permission)', async () => {
    const lines: string[] = [];
    const cos = {
      ...t.stack.cos,
      getBucketVersioning: () =>
        Promise.reject(new CosError('AccessDenied', 'Access Denied.', 403, null)),
    };
    const signer = await startSigner(t.stack.config, {
      cos,
      logger: createLogger('info', (l) => lines.push(l)),
    });
    await signer.close();
    const warning = lines.find((l) => l.includes(' WARN '));
    expect(warning).toContain('Versioning: could not be read');
    expect(warning).toContain('AccessDenied (HTTP 403)');
    expect(warning).toContain('name/cos:GetBucketVersioning');
  });
});
