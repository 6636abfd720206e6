/**
 * Starts the stack exactly as `npm start` does (scripts/start.ts in a child process) on free
 * loopback ports with a throw-away data folder, and stops it again.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface StackInfo {
  portalUrl: string;
  linkUrl: string;
  linkToken: string;
  emulator: { url: string; adminUrl: string } | null;
  bucket: string;
  region: string;
  dataDir: string;
  /** ADMIN_TOKEN the stack runs with: specs mint and revoke links through the admin API. */
  adminToken: string;
}

export interface LaunchedStack extends StackInfo {
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

export async function launchStack(env: Record<string, string> = {}): Promise<LaunchedStack> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cup-e2e-'));
  const statusFile = path.join(dataDir, 'status.json');
  const [port, emulatorPort, adminPort] = [await freePort(), await freePort(), await freePort()];
  const adminToken = env.ADMIN_TOKEN ?? randomBytes(24).toString('base64url');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/start.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      COS_SECRET_ID: '',
      COS_SECRET_KEY: '',
      COS_BUCKET: '',
      COS_REGION: '',
      PORT: String(port),
      EMULATOR_PORT: String(emulatorPort),
      EMULATOR_ADMIN_PORT: String(adminPort),
      DATA_DIR: dataDir,
      START_STATUS_FILE: statusFile,
      ADMIN_TOKEN: adminToken,
      // Specs that need the demo host start their own; the default would collide on one port.
      DEMO_HOST_PORT: 'off',
      // COS's documented expiry behaviour, whatever a developer's .env says (tests stay strict).
      EMULATOR_EXPIRY_MODE: 'interrupt',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + 30_000;
  while (!existsSync(statusFile)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`stack did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const info = JSON.parse(readFileSync(statusFile, 'utf8')) as Omit<
    StackInfo,
    'dataDir' | 'adminToken'
  >;
  return {
    ...info,
    dataDir,
    adminToken,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
