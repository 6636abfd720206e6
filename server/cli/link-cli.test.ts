import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminLinksResponse } from '../../protocol/admin';
import { linkKeySet } from '../links/link-keys';
import { verifyLinkToken } from '../links/link-token';
import { LinkState } from '../state/link-state';
import { writeLocalStack } from './local-stack';
import { runScript } from '../testing/run-script';
import { stackEnv } from '../testing/stack-env';
import type { TestStack } from '../testing/test-stack';
import { startTestStack, TEST_LINK_SECRET } from '../testing/test-stack';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

function cli(args: string[], env: Record<string, string>) {
  return runScript('server/cli/link-cli.ts', args, { DATA_DIR: stack.dataDir, ...env });
}

function bucketEnv(): Record<string, string> {
  return { ...stackEnv(stack), PUBLIC_URL: 'https://up.example.com' };
}

async function unusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('npm run link', () => {
  // Each step starts a process (tsx + the SDK): seconds apiece on a busy machine.
  it('creates, lists, shows and revokes links in the bucket', { timeout: 180_000 }, async () => {
    const env = bucketEnv();
    const created = await cli(
      [
        'create',
        '--title',
        'CLI',
        '--max-files',
        '3',
        '--max-total',
        '1MiB',
        '--expires',
        '1h',
        '--json',
      ],
      env,
    );
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const { id, token, url, registered } = JSON.parse(created.stdout) as Record<string, unknown>;
    expect(registered).toBe(true);
    expect(url).toBe(`https://up.example.com/u/${token as string}`);
    const verified = verifyLinkToken(
      linkKeySet([{ kid: 'k0', secret: TEST_LINK_SECRET }]),
      token as string,
      Date.now(),
    );
    expect(verified.ok && verified.link).toMatchObject({ id, title: 'CLI', maxFiles: 3 });

    const listed = await cli(['list', '--json'], env);
    expect(listed.status).toBe(0);
    const links = AdminLinksResponse.parse(JSON.parse(listed.stdout)).links;
    expect(links.find((l) => l.id === id)).toMatchObject({
      title: 'CLI',
      usage: { files: 0, bytes: 0 },
      inFlight: { files: 0, bytes: 0 },
      url,
      revoked: null,
    });
    const table = await cli(['list'], env);
    expect(table.stdout).toMatch(new RegExp(`^${id as string}\\s+open\\s+`, 'm'));

    const shown = await cli(['show', id as string], env);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('Title:        CLI');
    expect(shown.stdout).toContain('Max files:    3');
    expect(shown.stdout).toContain(`Upload URL:   ${url as string}`);

    const revoked = await cli(['revoke', id as string, '--reason', 'test'], env);
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toContain(`Revoked link ${id as string}`);
    // What every signer reads:
    const state = new LinkState({
      cos: stack.cos,
      statePrefix: '.portal/',
      cacheSeconds: 0,
      now: Date.now,
    });
    expect(await state.revocation(id as string)).toMatchObject({ reason: 'test' });

    // A link minted offline is revoked by its URL.
    const offline = JSON.parse(
      (await cli(['create', '--no-register', '--json'], env)).stdout,
    ) as Record<string, string>;
    const byUrl = await cli(['revoke', offline.url!, '--json'], env);
    expect(byUrl.status).toBe(0);
    expect(JSON.parse(byUrl.stdout)).toMatchObject({ id: offline.id });
    expect(await state.revocation(offline.id!)).not.toBeNull();

    const missing = await cli(['show', 'AAAAAAAAAAAAAAAAAAAAAA'], env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('No registered link has the id');
  });

  it(
    'says clearly when the local emulator is not running, and can still mint offline',
    {
      timeout: 90_000,
    },
    async () => {
      const env = {
        EMULATOR_PORT: String(await unusedPort()),
        LINK_SECRET: TEST_LINK_SECRET,
      };
      const failed = await cli(['create', '--title', 'x'], env);
      expect(failed.status).toBe(1);
      expect(failed.stderr).toContain('The local COS emulator is not reachable');
      expect(failed.stderr).toContain('npm start');
      const offline = await cli(['create', '--title', 'x', '--no-register', '--json'], env);
      expect(offline.status).toBe(0);
      expect(JSON.parse(offline.stdout)).toMatchObject({ registered: false });
      const bad = await cli(['create', '--types', 'text/html; x'], env);
      expect(bad.status).toBe(2);
    },
  );

  it(
    'points links at the portal npm start is running, with its emulator and keys, and says so',
    { timeout: 90_000 },
    async () => {
      // What scripts/stack.ts records for the tools: this (living) process stands in for it.
      const forget = writeLocalStack(stack.dataDir, {
        pid: process.pid,
        publicUrl: 'http://127.0.0.1:4321',
        emulator: {
          url: stack.emulatorUrl,
          secretId: stack.config.cos.secretId,
          secretKey: stack.config.cos.secretKey,
          bucket: stack.config.cos.bucket,
          region: stack.config.cos.region,
        },
      });
      try {
        // No COS_*, no PORT, no PUBLIC_URL, no emulator keys: all from the running stack.
        const created = await cli(['create', '--title', 'Here', '--json'], {
          LINK_SECRET: TEST_LINK_SECRET,
        });
        expect(created.status).toBe(0);
        const { id, url } = JSON.parse(created.stdout) as Record<string, string>;
        expect(url!.startsWith('http://127.0.0.1:4321/u/')).toBe(true);
        expect(created.stderr).toContain('Links point at http://127.0.0.1:4321');
        expect(created.stderr).toContain('npm start is running');
        // Registered in that emulator's bucket, so its keys were the ones used.
        const state = new LinkState({
          cos: stack.cos,
          statePrefix: '.portal/',
          cacheSeconds: 0,
          now: Date.now,
        });
        expect((await state.readRecord(id!))?.claims.title).toBe('Here');
      } finally {
        forget();
      }
      // Without a running stack, PORT decides, and the command says so.
      const offline = await cli(['create', '--no-register', '--json'], {
        LINK_SECRET: TEST_LINK_SECRET,
        PORT: '5555',
      });
      expect(offline.status).toBe(0);
      expect((JSON.parse(offline.stdout) as { url: string }).url).toMatch(
        /^http:\/\/127\.0\.0\.1:5555\/u\//,
      );
      expect(offline.stderr).toContain('Links point at http://127.0.0.1:5555 (PORT 5555;');
    },
  );

  it(
    'prints JSON alone through npm run -s, and says how when npm prints its banner',
    {
      timeout: 120_000,
    },
    async () => {
      const npm = (args: string[]) =>
        new Promise<{ stdout: string; stderr: string; status: number | null }>((resolve) => {
          const env: Record<string, string> = {};
          for (const [k, v] of Object.entries(process.env)) {
            if (v !== undefined && !k.toLowerCase().startsWith('npm_')) env[k] = v;
          }
          const child = spawn('npm', args, {
            cwd: ROOT,
            env: { ...env, DATA_DIR: stack.dataDir, LINK_SECRET: TEST_LINK_SECRET },
          });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
          child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
          child.on('exit', (status) => resolve({ status, stdout, stderr }));
        });
      const silent = await npm(['run', '-s', 'link', '--', 'create', '--no-register', '--json']);
      expect(silent.status).toBe(0);
      expect(JSON.parse(silent.stdout)).toMatchObject({ registered: false });
      expect(silent.stderr).not.toContain('npm run -s');
      const noisy = await npm(['run', 'link', '--', 'create', '--no-register', '--json']);
      expect(noisy.stdout).toMatch(/^\s*> cos-upload-portal/);
      expect(noisy.stderr).toContain('npm run -s link');
    },
  );
});

describe('npm run link with a wrong value', () => {
  it(
    'says in a sentence which option is wrong and gives a valid example',
    { timeout: 90_000 },
    async () => {
      const env = { LINK_SECRET: TEST_LINK_SECRET, PUBLIC_URL: 'https://up.example.com' };
      const cases: Array<[string[], string]> = [
        [
          ['--types', 'exe'],
          '--types: “exe” is neither a file extension nor a MIME type. Extensions start with a dot, for example --types ".pdf,image/*". Did you mean .exe?',
        ],
        [
          ['--embed-origins', 'https://a.example/path'],
          '--embed-origins: “https://a.example/path” has a path; an origin is only scheme, host and port, for example --embed-origins https://forms.example.org. Did you mean https://a.example?',
        ],
        [['--max-files', '0'], '--max-files cannot be 0: the link would accept nothing.'],
        [['--max-file-size', 'lots'], '--max-file-size: “lots” is not a size.'],
        [
          ['--expires', 'soon'],
          '--expires: “soon” is not a length of time. For example: 30m, 12h or 7d.',
        ],
      ];
      for (const [args, sentence] of cases) {
        const r = await cli(['create', '--no-register', ...args], env);
        expect(r.status, args.join(' ')).toBe(2);
        expect(r.stderr).toContain(sentence);
        // No schema dump: no JSON, no regular expression, no usage page.
        expect(r.stderr).not.toMatch(/[[{]\s*"|\^\(\?:|Usage:/);
        expect(r.stdout).toBe('');
      }
    },
  );
});

describe('production code and the emulator', () => {
  it('the signer and its tools import nothing from emulator/ (its keys come as configuration)', async () => {
    const files = (await readdir(path.join(ROOT, 'server'), { recursive: true }))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('testing'))
      .map((f) => path.join(ROOT, 'server', f));
    expect(files.length).toBeGreaterThan(20);
    const offenders: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      if (/from '(\.\.\/)+emulator\//.test(text)) offenders.push(path.relative(ROOT, file));
    }
    expect(offenders).toEqual([]);
  });
});
