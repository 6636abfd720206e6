import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorsRule } from '../cos/cos-client';
import { recordCompletion } from '../state/ledger';
import { createStateStore } from '../state/state-store';
import { runScript } from '../testing/run-script';
import { stackEnv } from '../testing/stack-env';
import type { TestStack } from '../testing/test-stack';
import { setBucketVersioning, startTestStack } from '../testing/test-stack';
import { CosError } from '../cos/cos-error';
import type { CliSetup } from './cli-env';
import { cosCleanup, cosSelftest, cosSetup } from './cos-commands';

const ORIGIN = 'https://portal.example.com';
let stack: TestStack;
let setup: CliSetup;

beforeAll(async () => {
  stack = await startTestStack({ PORTAL_ORIGINS: ORIGIN });
  setup = { config: stack.config, cos: stack.cos, emulatorUrl: null };
});
afterAll(async () => {
  await stack?.close();
});

async function run(
  command: (s: CliSetup, argv: string[], out: (l: string) => void) => Promise<number>,
  argv: string[] = [],
) {
  const lines: string[] = [];
  const code = await command(setup, argv, (l) => lines.push(l));
  return { code, text: lines.join('\n') };
}

const rule = (over: Partial<CorsRule>): CorsRule => ({
  allowedOrigins: [ORIGIN],
  allowedMethods: ['PUT'],
  allowedHeaders: ['*'],
  exposeHeaders: ['ETag', 'x-cos-hash-crc64ecma'],
  ...over,
});

describe('cos:setup and cos:selftest', () => {
  it('applies the portal rule, reads it back, and then every self-test check passes', async () => {
    const applied = await run(cosSetup);
    expect(applied.code).toBe(0);
    expect(applied.text).toContain(`AllowedOrigin: ${ORIGIN}`);
    expect(applied.text).toContain('ExposeHeader:  ETag, Content-Length, x-cos-hash-crc64ecma');
    const checked = await run(cosSelftest);
    expect(checked.code).toBe(0);
    expect(checked.text).not.toContain('✗');
    expect(checked.text).toContain('✓ x-cos-hash-crc64ecma returned and equal');
    expect(checked.text).toContain('All checks passed.');
    // The test object was removed again.
    expect((await stack.cos.listObjects('.portal/selftest/')).objects).toEqual([]);
  });

  it.each([
    [
      'no rule for the origin',
      [rule({ allowedOrigins: ['https://other.example.com'] })],
      'origin-not-allowed',
      `No CORS rule allows the portal origin ${ORIGIN}`,
    ],
    [
      'PUT missing',
      [rule({ allowedMethods: ['GET', 'HEAD'] })],
      'put-not-allowed',
      'does not allow PUT',
    ],
    [
      'headers missing',
      [rule({ allowedHeaders: ['content-type'] })],
      'headers-not-allowed',
      'Set AllowedHeader to *',
    ],
    [
      'ETag hidden',
      [rule({ exposeHeaders: ['x-cos-hash-crc64ecma'] })],
      'etag-not-exposed',
      'Add ETag to ExposeHeader',
    ],
    [
      'CRC64 hidden',
      [rule({ exposeHeaders: ['ETag'] })],
      'crc64-not-exposed',
      'Add x-cos-hash-crc64ecma to ExposeHeader',
    ],
    [
      'a first matching rule that exposes nothing shadows a good one',
      [rule({ exposeHeaders: [] }), rule({})],
      'etag-not-exposed',
      'Add ETag to ExposeHeader',
    ],
  ])('names the missing rule: %s', async (_what, rules, problem, advice) => {
    await stack.cos.putBucketCors(rules);
    const checked = await run(cosSelftest, ['--json']);
    expect(checked.code).toBe(1);
    const report = (JSON.parse(checked.text) as { reports: Array<{ problems: string[] }> })
      .reports[0]!;
    expect(report.problems).toContain(problem);
    const words = await run(cosSelftest);
    expect(words.text).toContain(advice);
    expect(words.text).toContain('✗');
  });

  it('works as a command against the bucket in the environment', { timeout: 60_000 }, async () => {
    const env = { ...stackEnv(stack), PORTAL_ORIGINS: ORIGIN };
    const exec = (script: string, args: string[]) => runScript(script, args, env);
    const set = await exec('server/cli/cos-setup.ts', ['--json']);
    expect(set.status).toBe(0);
    expect(JSON.parse(set.stdout).rules[0]).toMatchObject({
      id: 'cos-upload-portal',
      allowedOrigins: [ORIGIN],
    });
    const test = await exec('server/cli/cos-selftest.ts', []);
    expect(test.stdout).toContain('All checks passed.');
    expect(test.status).toBe(0);
  });
});

describe('cos:setup and cos:selftest on bucket versioning', () => {
  it('say the bucket never had versioning when it has not', async () => {
    const applied = await run(cosSetup);
    expect(applied.text).toContain(
      `✓ Versioning: never enabled on ${stack.config.cos.bucket} (as the portal needs`,
    );
    expect(JSON.parse((await run(cosSelftest, ['--json'])).text).versioning).toEqual({
      state: 'never',
    });
  });

  it('say plainly that a versioned bucket cannot be used, what it means, what to do; exit 1', async () => {
    const own = await startTestStack({ PORTAL_ORIGINS: ORIGIN });
    const ownSetup: CliSetup = { config: own.config, cos: own.cos, emulatorUrl: null };
    const runOwn = async (
      command: (s: CliSetup, argv: string[], out: (l: string) => void) => Promise<number>,
      argv: string[] = [],
    ) => {
      const lines: string[] = [];
      const code = await command(ownSetup, argv, (l) => lines.push(l));
      return { code, text: lines.join('\n') };
    };
    try {
      await setBucketVersioning(own, 'Enabled');
      const applied = await runOwn(cosSetup);
      expect(applied.code).toBe(1);
      expect(applied.text).toContain(`AllowedOrigin: ${ORIGIN}`);
      expect(applied.text).toContain(`✗ Versioning: Enabled on ${own.config.cos.bucket}.`);
      expect(applied.text).toContain(
        'an upload with an existing key replaces the current version instead of being refused',
      );
      expect(applied.text).toContain('Use a bucket that has never had versioning');

      await setBucketVersioning(own, 'Suspended');
      const checked = await runOwn(cosSelftest);
      expect(checked.code).toBe(1);
      // The browser's checks still pass; the bucket is refused for its versioning alone.
      expect(checked.text).toContain('✓ tiny PUT from');
      expect(checked.text).toContain(`✗ Versioning: Suspended on ${own.config.cos.bucket}.`);
      expect(checked.text).toContain('Versioning cannot be turned off again, only suspended');
      expect(checked.text).not.toContain('All checks passed.');
      const json = JSON.parse((await runOwn(cosSelftest, ['--json'])).text);
      expect(json).toMatchObject({ ok: false, versioning: { state: 'Suspended' } });
    } finally {
      await own.close();
    }
  });

  it('cos:selftest fails when the versioning cannot be read, naming the permission', async () => {
    const lines: string[] = [];
    const cos = {
      ...stack.cos,
      getBucketVersioning: () =>
        Promise.reject(new CosError('AccessDenied', 'Access Denied.', 403, null)),
    };
    await stack.cos.putBucketCors([rule({})]);
    const code = await cosSelftest({ ...setup, cos }, [], (l) => lines.push(l));
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain('✗ Versioning: could not be read');
    expect(lines.join('\n')).toContain('name/cos:GetBucketVersioning');
  });
});

describe('cos:cleanup', () => {
  it('aborts multipart uploads older than the cut-off; a dry run only lists them', async () => {
    const a = await stack.cos.initiateMultipart('uploads/l1/a.bin', {
      contentType: 'application/octet-stream',
    });
    await stack.cos.initiateMultipart('uploads/l1/b.bin', {
      contentType: 'application/octet-stream',
    });
    // Outside the upload prefix: never touched.
    await stack.cos.initiateMultipart('elsewhere/c.bin', {
      contentType: 'application/octet-stream',
    });

    const fresh = await run((s, argv, out) => cosCleanup(s, argv, out));
    expect(fresh.code).toBe(0);
    expect(fresh.text).toContain(
      '2 multipart uploads in progress under uploads/; 0 started before',
    );

    const later = Date.now() + 2 * 24 * 3600_000;
    const dry = await run((s, argv, out) => cosCleanup(s, argv, out, later), ['--dry-run']);
    expect(dry.text).toContain(`would abort`);
    expect(dry.text).toContain(a);
    expect(dry.text).toContain('Dry run: nothing was aborted.');
    expect(await stack.cos.listMultipartUploads('uploads/')).toHaveLength(2);

    const real = await run(
      (s, argv, out) => cosCleanup(s, argv, out, later),
      ['--older-than', '1d', '--json'],
    );
    expect(JSON.parse(real.text)).toMatchObject({ found: 2, aborted: 2, failed: [] });
    expect(await stack.cos.listMultipartUploads('uploads/')).toEqual([]);
    expect(await stack.cos.listMultipartUploads('elsewhere/')).toHaveLength(1);

    const bad = await run(cosCleanup, ['--older-than', 'soon']).catch((e: Error) => e);
    expect(bad).toBeInstanceOf(Error);
  });

  it('lists objects never verified and deletes them only with --delete-unverified', async () => {
    const store = createStateStore(stack.cos, stack.config.statePrefix);
    const link = 'CleanupLink000000000001';
    const counted = `uploads/${link}/counted.txt`;
    const orphan = `uploads/${link}/orphan.txt`;
    // A submission's manifest is the signer's own, never an upload to clean.
    const manifest = `uploads/${link}/2026-01-01/manifest.json`;
    for (const key of [counted, orphan, manifest, 'uploads/not-a-link-folder.txt']) {
      await stack.cos.putObject(key, 'twelve bytes');
    }
    await recordCompletion(store, link, {
      key: counted,
      size: 12,
      crc64: null,
      at: Date.now(),
      via: 'complete',
    });
    // Too recent: it may be an upload still finishing.
    const recent = await run(cosCleanup);
    expect(recent.text).toContain('0 objects never verified');
    expect(recent.text).toContain('1 newer one left alone');

    const later = Date.now() + 2 * 24 * 3600_000;
    const listed = await run((s, argv, out) => cosCleanup(s, argv, out, later));
    expect(listed.text).toContain('1 object never verified under uploads/');
    expect(listed.text).toMatch(new RegExp(`kept +\\S+ +${orphan} +\\(12 B\\)`));
    expect(listed.text).not.toContain(counted);
    expect(listed.text).not.toContain(manifest);
    expect(listed.text).toContain('npm run cos:cleanup -- --delete-unverified');
    const dry = await run(
      (s, argv, out) => cosCleanup(s, argv, out, later),
      ['--delete-unverified', '--dry-run'],
    );
    expect(dry.text).toContain('Dry run: nothing was deleted.');
    expect(await stack.cos.headObject(orphan)).not.toBeNull();

    const removed = await run(
      (s, argv, out) => cosCleanup(s, argv, out, later),
      ['--delete-unverified'],
    );
    expect(removed.code).toBe(0);
    expect(removed.text).toMatch(new RegExp(`deleted +\\S+ +${orphan}`));
    expect(await stack.cos.headObject(orphan)).toBeNull();
    expect(await stack.cos.headObject(counted)).not.toBeNull();
    expect(await stack.cos.headObject('uploads/not-a-link-folder.txt')).not.toBeNull();
  });
});
