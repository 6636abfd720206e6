/**
 * Starts `scripts/start.ts` in a child process, exactly as `npm start` runs it (the benchmark
 * builds the portal first, as `npm start` does), on free loopback ports with a throw-away data
 * folder. The status file start.ts writes gives the URLs and the demo link.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface StackStatus {
  portalUrl: string;
  linkUrl: string;
  linkToken: string;
  emulator: { url: string; adminUrl: string } | null;
  bucket: string;
  region: string;
}

export interface StackProcess extends StackStatus {
  /** The start.ts process (its emulator is a child of it). */
  pid: number;
  dataDir: string;
  /** Everything the stack printed; shown when something goes wrong. */
  output(): string;
  stop(): Promise<void>;
}

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

export interface LaunchOptions {
  env: Record<string, string>;
  /** Run under `taskset -c <cpus>` (the signer load test pins the signer to one core). */
  cpus?: string;
  label: string;
  timeoutMs?: number;
}

/** Output is kept to a bounded tail: a long run logs one line per request. */
const MAX_OUTPUT = 64 * 1024;

export async function launchStack(options: LaunchOptions): Promise<StackProcess> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `cup-bench-${options.label}-`));
  const statusFile = path.join(dataDir, 'status.json');
  const port = options.env.PORT ?? String(await freePort());
  const nodeArgs = ['--import', 'tsx', path.join(ROOT, 'scripts/start.ts')];
  const [cmd, args] = options.cpus
    ? ['taskset', ['-c', options.cpus, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const child: ChildProcess = spawn(cmd, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      COS_SECRET_ID: '',
      COS_SECRET_KEY: '',
      COS_BUCKET: '',
      COS_REGION: '',
      DATA_DIR: dataDir,
      START_STATUS_FILE: statusFile,
      ...options.env,
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
    ...status,
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
