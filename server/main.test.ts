import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from './testing/test-stack';
import { setBucketVersioning, startTestStack, TEST_LINK_SECRET } from './testing/test-stack';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, exited, output: () => out };
}

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

describe('server/main.ts', () => {
  it('exits 1 listing every configuration problem', async () => {
    const p = run({});
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain('Invalid configuration:');
    expect(p.output()).toContain('COS_SECRET_ID is required');
    expect(p.output()).toContain('LINK_SECRET is required');
  });

  it('prints its URL and shuts down cleanly on SIGTERM', async () => {
    const p = run({
      PORT: '0',
      COS_SECRET_ID: stack.config.cos.secretId,
      COS_SECRET_KEY: stack.config.cos.secretKey,
      COS_BUCKET: stack.config.cos.bucket,
      COS_REGION: stack.config.cos.region,
      COS_DOMAIN: stack.emulatorUrl,
      LINK_SECRET: TEST_LINK_SECRET,
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
      const p = run({
        PORT: '0',
        COS_SECRET_ID: own.config.cos.secretId,
        COS_SECRET_KEY: own.config.cos.secretKey,
        COS_BUCKET: own.config.cos.bucket,
        COS_REGION: own.config.cos.region,
        COS_DOMAIN: own.emulatorUrl,
        LINK_SECRET: TEST_LINK_SECRET,
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
