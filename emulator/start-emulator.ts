import { mkdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { createAdminServer } from './admin-server';
import { VersioningStore } from './bucket-versioning';
import { CorsStore } from './cors';
import { FaultInjector, type FaultConfig } from './faults';
import { handleClientError } from './client-errors';
import { createExpectationHandler, createRequestHandler } from './handle-request';
import { MultipartStore } from './multipart-store';
import { CosError } from './cos-error';
import { rawErrorWithoutRequest, type BucketState, type EmulatorEnv } from './request-context';
import { StatsCounter, type EmulatorStats } from './stats';
import { ObjectStore } from './storage';

export type { FaultConfig, FaultRule, FaultOperation } from './faults';
export type { EmulatorStats } from './stats';

export interface EmulatorOptions {
  /** Interface to bind; default '127.0.0.1'. */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** Admin API (faults, stats) port, always on loopback; default 0. */
  adminPort?: number;
  /** Objects, uploads and CORS rules live here and survive restarts. */
  dataDir: string;
  credentials: { secretId: string; secretKey: string }[];
  /** Bucket used when the Host is an IP or localhost, e.g. 'portal-1250000000'. */
  defaultBucket: string;
  /** Further buckets reachable by virtual host (`<bucket>.cos.<region>.…`). */
  buckets?: string[];
  region: string;
  /** Millisecond clock used for signature expiry, Date headers and timestamps. */
  now?: () => number;
  faults?: Partial<FaultConfig>;
  /**
   * `interrupt` (default, as COS documents): a body still arriving when its signature ends is
   * cut off with 403 "Request has expired". `atStart`: expiry is checked when a request starts
   * only, more lenient than COS (for experiments; never for tests of URL renewal).
   */
  expiryMode?: 'atStart' | 'interrupt';
}

export interface RunningEmulator {
  /** 'http://127.0.0.1:PORT' */
  url: string;
  port: number;
  adminUrl: string;
  stats(): EmulatorStats;
  resetStats(): void;
  /** Replaces the whole fault configuration (`{}` turns every fault off). */
  setFaults(f: Partial<FaultConfig>): void;
  /** Stops both servers and destroys open sockets. */
  close(): Promise<void>;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9-]*-\d+$/;
const REGION = /^[a-z\d-]+$/;

async function openBucket(dataDir: string, name: string): Promise<BucketState> {
  const dir = path.join(dataDir, 'buckets', name);
  await mkdir(dir, { recursive: true });
  return {
    name,
    objects: await ObjectStore.open(name, dir),
    uploads: await MultipartStore.open(dir),
    cors: await CorsStore.open(dir),
    versioning: await VersioningStore.open(dir),
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

const urlHost = (host: string): string => (host.includes(':') ? `[${host}]` : host);

/** Starts a local, strict COS emulator (see emulator/README.md). */
export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  const host = opts.host ?? '127.0.0.1';
  const names = [opts.defaultBucket, ...(opts.buckets ?? [])];
  for (const name of names) {
    if (!BUCKET_NAME.test(name)) {
      throw new Error(
        `emulator: bucket "${name}" must look like name-appid (e.g. portal-1250000000)`,
      );
    }
  }
  if (!REGION.test(opts.region)) throw new Error(`emulator: invalid region "${opts.region}"`);
  if (opts.credentials.length === 0)
    throw new Error('emulator: at least one credential is required');

  const dataDir = path.resolve(opts.dataDir);
  const tmpDir = path.join(dataDir, 'tmp');
  // Temp files belong to requests of a previous run that never finished: discard them.
  await rm(tmpDir, { recursive: true, force: true });
  await mkdir(tmpDir, { recursive: true });
  const buckets = new Map<string, BucketState>();
  for (const name of names) buckets.set(name, await openBucket(dataDir, name));

  const secrets = new Map(opts.credentials.map((c) => [c.secretId, c.secretKey]));
  const stats = new StatsCounter();
  const now = opts.now ?? Date.now;
  const faults = new FaultInjector(opts.faults ?? {}, (kind) => stats.fault(kind), now);
  const env: EmulatorEnv = {
    region: opts.region,
    defaultBucket: opts.defaultBucket,
    buckets,
    tmpDir,
    now,
    expiryMode: opts.expiryMode ?? 'interrupt',
    lookupSecret: (id) => secrets.get(id),
    faults,
    stats,
    active: new WeakMap(),
  };

  const server = createServer(createRequestHandler(env));
  // Uploads of several GB on slow links must not be cut by Node's default request timeout.
  server.requestTimeout = 0;
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) =>
    handleClientError(env, err, socket),
  );
  // Node answers an Expect other than 100-continue with a bare 417; answer it as COS errors look.
  server.on('checkExpectation', createExpectationHandler(env));
  // Without a listener Node just drops a CONNECT request's connection; COS has no such method.
  server.on('connect', (_req, socket: Socket) => {
    socket.end(
      rawErrorWithoutRequest(
        env,
        new CosError(
          405,
          'MethodNotAllowed',
          'The specified method is not allowed against this resource.',
        ),
      ),
    );
  });
  const admin = createAdminServer(stats, faults);

  const port = await listen(server, opts.port ?? 0, host);
  let adminPort: number;
  try {
    adminPort = await listen(admin, opts.adminPort ?? 0, '127.0.0.1');
  } catch (err) {
    await closeServer(server);
    throw err;
  }

  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    adminUrl: `http://127.0.0.1:${adminPort}`,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    setFaults: (f) => faults.set(f),
    close: async () => {
      await Promise.all([closeServer(server), closeServer(admin)]);
    },
  };
}
