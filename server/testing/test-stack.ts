import { afterAll, beforeAll } from 'vitest';
import type { Hono } from 'hono';
import COS from 'cos-nodejs-sdk-v5';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../emulator/start-emulator';
import type { SignerConfig } from '../config';
import { loadConfig } from '../config';
import type { CosClient } from '../cos/cos-client';
import { createCosClient } from '../cos/cos-client';

/**
 * Test support: a real COS emulator on an ephemeral loopback port with a throw-away data
 * folder, a signer config pointing at it, and an SDK-backed client. No mocks of COS.
 */
export const TEST_SECRET_ID = 'AKIDSIGNERTEST000000000000000000';
export const TEST_SECRET_KEY = 'signer-test-secret-key-0000000000';
export const TEST_BUCKET = 'portal-1250000000';
export const TEST_REGION = 'ap-guangzhou';
export const TEST_LINK_SECRET = 'test-link-secret-'.padEnd(40, 'x');

export interface TestStack {
  emulatorUrl: string;
  config: SignerConfig;
  cos: CosClient;
  dataDir: string;
  /** The emulator's fault injection (latency, errors), for tests of the signer's COS calls. */
  setFaults: RunningEmulator['setFaults'];
  /** The emulator's request counters (`byAuth.header`: the signer's own COS requests). */
  stats: RunningEmulator['stats'];
  resetStats: RunningEmulator['resetStats'];
  close(): Promise<void>;
}

export async function startTestStack(
  env: Record<string, string> = {},
  emulatorNow?: () => number,
): Promise<TestStack> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'signer-test-'));
  const emu = await startEmulator({
    dataDir,
    credentials: [{ secretId: TEST_SECRET_ID, secretKey: TEST_SECRET_KEY }],
    defaultBucket: TEST_BUCKET,
    region: TEST_REGION,
    ...(emulatorNow ? { now: emulatorNow } : {}),
  });
  const config = loadConfig({
    PORT: '0',
    COS_SECRET_ID: TEST_SECRET_ID,
    COS_SECRET_KEY: TEST_SECRET_KEY,
    COS_BUCKET: TEST_BUCKET,
    COS_REGION: TEST_REGION,
    COS_DOMAIN: emu.url,
    LINK_SECRET: TEST_LINK_SECRET,
    PORTAL_DIST_DIR: path.join(dataDir, 'dist'),
    LOG_LEVEL: 'silent',
    ...env,
  });
  const cos = createCosClient(config, { timeoutMs: 10_000 });
  return {
    emulatorUrl: emu.url,
    config,
    cos,
    dataDir,
    setFaults: (faults) => emu.setFaults(faults),
    stats: () => emu.stats(),
    resetStats: () => emu.resetStats(),
    async close() {
      await emu.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Parts of 1 MiB, multipart from 1 MiB on: multipart uploads with files of a few MiB. */
export const SMALL_PARTS = {
  ALLOW_SMALL_PARTS: '1',
  MULTIPART_PART_SIZE: String(1024 * 1024),
  MULTIPART_THRESHOLD: String(1024 * 1024),
};

/** An API call as the portal makes it (in-process): the answer's status and JSON, null if empty. */
export async function postJson(
  app: Hono,
  token: string,
  route: string,
  body: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await app.request(`/api/v1${route}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
}

/** Sends a pre-signed request the way the portal does: URL as given, headers as given. */
export function sendSigned(
  request: { url: string; headers: Record<string, string>; method?: string },
  body: Uint8Array,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  return fetch(request.url, {
    method: request.method ?? 'PUT',
    headers: { ...request.headers, ...extraHeaders },
    // A copy typed over a plain ArrayBuffer, which is what fetch's BodyInit accepts.
    body: new Uint8Array(body),
  });
}

/**
 * Turns the test bucket's versioning on (or suspends it) through the official SDK, as a bucket
 * owner would in the console. There is no way back, as on COS: use a stack of its own.
 */
export async function setBucketVersioning(
  stack: TestStack,
  status: 'Enabled' | 'Suspended',
): Promise<void> {
  const sdk = new COS({
    SecretId: stack.config.cos.secretId,
    SecretKey: stack.config.cos.secretKey,
    Domain: stack.emulatorUrl,
  });
  await sdk.putBucketVersioning({
    Bucket: stack.config.cos.bucket,
    Region: stack.config.cos.region,
    VersioningConfiguration: { Status: status },
  });
}

/**
 * One test stack for a test file: started before its tests, closed after them. Read `.stack`
 * inside the tests (it does not exist before they start).
 */
export function useTestStack(env: Record<string, string> = {}): { readonly stack: TestStack } {
  let started: TestStack | undefined;
  beforeAll(async () => {
    started = await startTestStack(env);
  });
  afterAll(async () => {
    await started?.close();
  });
  return {
    get stack() {
      if (!started) throw new Error('the test stack is used before it started');
      return started;
    },
  };
}
