import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEV_SECRET_ID, DEV_SECRET_KEY } from './dev-credentials';
import { createAuthorization } from './signature';
import { rawExchange } from './test-harness';

const MAIN = path.join(import.meta.dirname, 'main.ts');
const LINE =
  /COS emulator listening on (http:\/\/127\.0\.0\.1:(\d+)) \(bucket ([^,]+), admin (http:\/\/127\.0\.0\.1:\d+)\)/;

let dataDir: string;
let child: ChildProcess | undefined;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'cos-emulator-cli-'));
});
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

const baseEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  EMULATOR_PORT: '0',
  EMULATOR_DATA_DIR: dataDir,
});

function waitForLine(p: ChildProcess): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    p.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = LINE.exec(out);
      if (m) resolve(m);
    });
    p.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}

const exited = (p: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => {
    if (p.exitCode !== null) resolve(p.exitCode);
    else p.on('exit', (code) => resolve(code));
  });

describe('emulator CLI (main.ts)', () => {
  it('starts from env (dev credentials, faults, seed) and exits on SIGTERM', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: {
        ...baseEnv(),
        EMULATOR_FAULTS: '{"put":{"errorRate":0.25}}',
        EMULATOR_FAULT_SEED: '5',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const m = await waitForLine(child);
    const [, url, port, bucket, adminUrl] = m;
    expect(bucket).toBe('portal-1250000000');
    expect(await (await fetch(`${adminUrl}/faults`)).json()).toEqual({
      seed: 5,
      put: { errorRate: 0.25 },
    });

    // The dev key pair signs requests the emulator accepts.
    const start = Math.floor(Date.now() / 1000) - 1;
    const authorization = createAuthorization({
      secretId: DEV_SECRET_ID,
      secretKey: DEV_SECRET_KEY,
      keyTime: `${start};${start + 60}`,
      method: 'GET',
      pathname: '/nothing-here',
      headers: [['host', `127.0.0.1:${port}`]],
    });
    const res = await fetch(`${url}/nothing-here`, { headers: { authorization } });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('<Code>NoSuchKey</Code>');

    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });

  it('by default interrupts a body still arriving when its signature ends, as COS documents', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: baseEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [, , port] = await waitForLine(child);
    const host = `127.0.0.1:${port}`;
    const nowSec = Math.floor(Date.now() / 1000);
    const authorization = createAuthorization({
      secretId: DEV_SECRET_ID,
      secretKey: DEV_SECRET_KEY,
      keyTime: `${nowSec - 1};${nowSec + 1}`,
      method: 'PUT',
      pathname: '/late.bin',
      headers: [
        ['host', host],
        ['content-length', '20'],
      ],
    });
    // Half the body now, the rest once the signature has ended (it ends within 2 s).
    const raw = await rawExchange(
      Number(port),
      (s) => {
        s.write(
          `PUT /late.bin HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${authorization}\r\nContent-Length: 20\r\nConnection: close\r\n\r\n0123456789`,
        );
        setTimeout(() => s.write('abcdefghij'), 3_000);
      },
      4_000,
    );
    expect(raw).toMatch(/^HTTP\/1\.1 403 /);
    expect(raw).toContain('<Message>Request has expired</Message>');
  }, 20_000);

  it('exits by itself when the parent disconnects its IPC channel', async () => {
    child = fork(MAIN, [], {
      execArgv: ['--import', 'tsx'],
      env: baseEnv(),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    await waitForLine(child);
    child.disconnect();
    expect(await exited(child)).toBe(0);
  });

  it('refuses a bad configuration with a readable message', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: { ...baseEnv(), EMULATOR_FAULTS: '{"put":{"errorRate":3}}' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    expect(await exited(child)).toBe(1);
    expect(err).toContain('COS emulator failed to start');
    expect(err).toContain('errorRate');
  });
});
