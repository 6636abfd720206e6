/**
 * Starts what `npm start` runs: the COS emulator (only when no COS_* credentials are set),
 * the signing server and the built portal it serves, and mints a demo upload link.
 * Shared by `npm start`, `npm run dev`, the end-to-end tests and the benchmarks, so all of
 * them exercise the same stack a newcomer starts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../server/config';
import { startSigner } from '../server/start-signer';
import { createCosClient } from '../server/cos/cos-client';
import { applyBucketCors, localPortalOrigins } from '../server/cos/bucket-cors';
import { writeLocalStack } from '../server/cli/local-stack';
import type { LinkOptions } from '../server/links/link-types';
import { DEV_SECRET_ID, DEV_SECRET_KEY } from '../emulator/dev-credentials';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Stack {
  portalUrl: string;
  /** Upload page URL of the demo link (contains the link token: treat as a secret). */
  linkUrl: string;
  linkToken: string;
  /** null when a real bucket is used. */
  emulator: { url: string; adminUrl: string } | null;
  bucket: string;
  region: string;
  /** Mints and registers a link with the signer's own code (as `npm run link -- create`). */
  mintLink(options?: LinkOptions): Promise<{ id: string; token: string; url: string }>;
  close(): Promise<void>;
}

const COS_VARS = ['COS_SECRET_ID', 'COS_SECRET_KEY', 'COS_BUCKET', 'COS_REGION'] as const;

/** The demo link's secret, kept in the data folder so printed links survive restarts. Dev only. */
function devLinkSecret(dataDir: string): string {
  const file = path.join(dataDir, 'dev-link-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

function startEmulatorProcess(
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    // An IPC channel makes the emulator exit by itself if this process dies (no orphans).
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'emulator/main.ts')],
      {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      },
    );
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(buffered);
      if (match) {
        child.stdout?.off('data', onData);
        child.stdout?.pipe(process.stdout);
        resolve({ child, url: match[1]! });
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`COS emulator exited early (code ${code})`)));
  });
}

export async function startStack(baseEnv: NodeJS.ProcessEnv = process.env): Promise<Stack> {
  const env: NodeJS.ProcessEnv = { ...baseEnv };
  const port = Number(env.PORT ?? 8080);
  env.PORT = String(port);
  const dataDir = path.resolve(ROOT, env.DATA_DIR ?? '.data');
  env.DATA_DIR = dataDir;
  mkdirSync(dataDir, { recursive: true });

  const useEmulator = COS_VARS.every((name) => !env[name]);
  let emulatorChild: ChildProcess | null = null;
  let emulator: Stack['emulator'] = null;
  if (useEmulator) {
    const emulatorPort = Number(env.EMULATOR_PORT ?? 9000);
    const adminPort = Number(env.EMULATOR_ADMIN_PORT ?? emulatorPort + 1);
    const started = await startEmulatorProcess({
      ...env,
      EMULATOR_PORT: String(emulatorPort),
      EMULATOR_ADMIN_PORT: String(adminPort),
      EMULATOR_DATA_DIR: env.EMULATOR_DATA_DIR ?? path.join(dataDir, 'cos'),
    });
    emulatorChild = started.child;
    emulator = { url: started.url, adminUrl: `http://127.0.0.1:${adminPort}` };
    env.COS_SECRET_ID = env.EMULATOR_SECRET_ID ?? DEV_SECRET_ID;
    env.COS_SECRET_KEY = env.EMULATOR_SECRET_KEY ?? DEV_SECRET_KEY;
    env.COS_BUCKET = env.EMULATOR_BUCKET ?? 'portal-1250000000';
    env.COS_REGION = env.EMULATOR_REGION ?? 'ap-guangzhou';
    env.COS_DOMAIN = started.url;
  }

  const stopEmulator = () => {
    if (emulatorChild && emulatorChild.exitCode === null) emulatorChild.kill('SIGTERM');
  };
  try {
    const config = loadConfig(env, {
      devLinkSecret: useEmulator ? devLinkSecret(dataDir) : undefined,
    });
    if (useEmulator) {
      // The emulator starts with no CORS rules, like a new bucket: apply the portal's rules
      // through the SDK exactly as `npm run cos:setup` does for a real bucket.
      const extra = (env.EXTRA_PORTAL_ORIGINS ?? '').split(',').filter(Boolean);
      await applyBucketCors(
        createCosClient(config),
        localPortalOrigins(config.publicUrl, port, extra),
      );
    }
    const signer = await startSigner(config);
    // For the command-line tools in another terminal (server/cli/local-stack.ts): which
    // portal runs, and which emulator with which (dev-only) keys.
    const forgetLocalStack = writeLocalStack(dataDir, {
      pid: process.pid,
      publicUrl: signer.url,
      emulator: emulator && {
        url: emulator.url,
        secretId: config.cos.secretId,
        secretKey: config.cos.secretKey,
        bucket: config.cos.bucket,
        region: config.cos.region,
      },
    });
    const demo = await signer.mintLink({
      title: env.DEMO_LINK_TITLE ?? 'Local demo upload link',
      message: 'Files you drop here land in the local COS emulator.',
      expiresInSeconds: 7 * 24 * 3600,
    });
    return {
      portalUrl: signer.url,
      linkUrl: demo.url,
      linkToken: demo.token,
      emulator,
      bucket: config.cos.bucket,
      region: config.cos.region,
      mintLink: (options) => signer.mintLink(options),
      async close() {
        forgetLocalStack();
        await signer.close();
        stopEmulator();
      },
    };
  } catch (error) {
    stopEmulator();
    throw error;
  }
}
