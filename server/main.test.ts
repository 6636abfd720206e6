import { describe, expect, it } from 'vitest';
import { spawnMain } from './testing/spawn-main';
import { stackEnv } from './testing/stack-env';
import { setBucketVersioning, startTestStack, useTestStack } from './testing/test-stack';

const t = useTestStack();

describe('server/main.ts', () => {
  it('exits 1 listing every configuration problem', async () => {
    const p = spawnMain({});
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain('Invalid configuration:');
    expect(p.output()).toContain('COS_SECRET_ID is required');
    expect(p.output()).toContain('LINK_SECRET is required');
  });

  it('prints its URL and shuts down cleanly on SIGTERM', async () => {
    const p = spawnMain({
      PORT: '0',
      ...stackEnv(t.stack),
      LOG_LEVEL: 'silent',
    });
    try {
      const deadline = Date.now() + 15_000;
      let match: RegExpExecArray | null = null;
      while (!(match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(p.output()))) {
        if (Date.now() > deadline) throw new Error(`no URL printed:\n${p.output()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const res = await fetch(`${match[1]}/config.json`);
      expect(res.status).toBe(200);
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    } finally {
      if (p.child.exitCode === null) p.child.kill('SIGKILL');
    }
  });
});

describe('server/main.ts on a versioned bucket', () => {
  it('refuses to start and says why and what to do', async () => {
    const own = await startTestStack();
    try {
      await setBucketVersioning(own, 'Enabled');
      const p = spawnMain({
        PORT: '0',
        ...stackEnv(own),
        LOG_LEVEL: 'silent',
      });
      expect(await p.exited).toBe(1);
      const out = p.output();
      expect(out).toContain(
        `signer failed to start: Versioning: Enabled on ${own.config.cos.bucket}`,
      );
      expect(out).toContain('COS ignores x-cos-forbid-overwrite');
      expect(out).toContain('Versioning cannot be turned off again');
      expect(out).not.toContain('listening on');
    } finally {
      await own.close();
    }
  });
});
