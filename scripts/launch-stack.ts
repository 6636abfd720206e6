/**
 * Starts the stack exactly as `npm start` runs it (scripts/start.ts in a child process) on
 * free loopback ports with a throw-away data folder, and stops it again: the one launcher of
 * the end-to-end tests (e2e/support/launch-stack.ts adds their defaults) and the benchmarks.
 * The status file start.ts writes gives the URLs and the demo link.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT, type Stack } from './stack';

/** What start.ts reports about the stack it started. */
export type StackStatus = Pick<
  Stack,
  'portalUrl' | 'linkUrl' | 'linkToken' | 'emulator' | 'bucket' | 'region'
>;

export interface LaunchedStack extends StackStatus {
  /** The start.ts process (its emulator is a child of it). */
  pid: number;
  dataDir: string;
  /** The tail of what the stack printed; shown when something goes wrong. */
  output(): string;
  stop(): Promise<void>;
}

export interface LaunchOptions {
  /** Names the data folder and the error when the stack does not start. */
  label: string;
  env?: Record<string, string>;
  /** Run under `taskset -c <cpus>` (the signer load test pins the signer to one core). */
  cpus?: string;
  timeoutMs?: number;
}

/** Output is kept to a bounded tail: a long run logs one line per request. */
const MAX_OUTPUT = 64 * 1024;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function launchStack(options: LaunchOptions): Promise<LaunchedStack> {
  const env = options.env ?? {};
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `cup-${options.label}-`));
  const statusFile = path.join(dataDir, 'status.json');
  const port = env.PORT ?? String(await freePort());
  const nodeArgs = ['--import', 'tsx', path.join(ROOT, 'scripts/start.ts')];
  const [cmd, args] = options.cpus
    ? ['taskset', ['-c', options.cpus, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const child: ChildProcess = spawn(cmd, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      // The emulator, whatever the developer's environment says.
      COS_SECRET_ID: '',
      COS_SECRET_KEY: '',
      COS_BUCKET: '',
      COS_REGION: '',
      DATA_DIR: dataDir,
      START_STATUS_FILE: statusFile,
      ...env,
      PORT: port,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 2 * MAX_OUTPUT) output = output.slice(-MAX_OUTPUT);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (!existsSync(statusFile)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`${options.label} stack did not start:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const status = JSON.parse(readFileSync(statusFile, 'utf8')) as StackStatus;
  return {
    portalUrl: status.portalUrl,
    linkUrl: status.linkUrl,
    linkToken: status.linkToken,
    emulator: status.emulator,
    bucket: status.bucket,
    region: status.region,
    pid: child.pid!,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
