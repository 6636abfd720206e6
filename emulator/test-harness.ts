import COS from 'cos-nodejs-sdk-v5';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { decodeCosPath, parseQuery } from './cos-encoding';
import { createAuthorization, type SignPair } from './signature';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from './start-emulator';

/** Test-only helpers: a throwaway emulator with a controllable clock, and raw signed requests. */

export const TEST_SECRET_ID = 'AKIDTESTONLY000000000000000000000000';
export const TEST_SECRET_KEY = 'testonlysecret000000000000000000';
export const TEST_BUCKET = 'portal-1250000000';
export const TEST_REGION = 'ap-guangzhou';
/** The test bucket as the SDK's calls name it. */
export const SDK_BUCKET = { Bucket: TEST_BUCKET, Region: TEST_REGION };

/** MD5 as hex: the ETag COS gives an object stored by one PUT. */
export const md5hex = (b: Buffer | string): string => createHash('md5').update(b).digest('hex');

export interface TestClock {
  now: () => number;
  set(ms: number): void;
  advance(ms: number): void;
}

/** A clock that follows real time plus an offset the test can move (for expiry). */
export function createClock(): TestClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    set: (ms) => {
      offset = ms - Date.now();
    },
    advance: (ms) => {
      offset += ms;
    },
  };
}

export interface TestEmulator {
  emu: RunningEmulator;
  dataDir: string;
  clock: TestClock;
  options: EmulatorOptions;
  /** Stops the emulator and starts a new one on the same data folder. */
  restart(): Promise<RunningEmulator>;
  close(): Promise<void>;
}

export async function startTestEmulator(
  overrides: Partial<EmulatorOptions> = {},
): Promise<TestEmulator> {
  const dataDir = overrides.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'cos-emulator-')));
  const clock = createClock();
  const options: EmulatorOptions = {
    dataDir,
    credentials: [{ secretId: TEST_SECRET_ID, secretKey: TEST_SECRET_KEY }],
    defaultBucket: TEST_BUCKET,
    region: TEST_REGION,
    now: clock.now,
    ...overrides,
  };
  const t: TestEmulator = {
    emu: await startEmulator(options),
    dataDir,
    clock,
    options,
    restart: async () => {
      await t.emu.close();
      t.emu = await startEmulator(options);
      return t.emu;
    },
    close: async () => {
      await t.emu.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

/**
 * A test emulator for the calling test file: started before its tests, stopped (its data
 * folder removed) after them. Its fields are read through, so restarts show.
 */
export function useTestEmulator(overrides: Partial<EmulatorOptions> = {}): TestEmulator {
  let started: TestEmulator | undefined;
  const get = (): TestEmulator => {
    if (!started) throw new Error('the test emulator starts in beforeAll');
    return started;
  };
  beforeAll(async () => {
    started = await startTestEmulator(overrides);
  });
  afterAll(async () => {
    await started?.close();
  });
  return {
    get emu() {
      return get().emu;
    },
    get dataDir() {
      return get().dataDir;
    },
    get clock() {
      return get().clock;
    },
    get options() {
      return get().options;
    },
    restart: () => get().restart(),
    close: () => get().close(),
  };
}

/** The official SDK as a client of a test emulator, with the test key. */
export function sdkClient(t: TestEmulator, options: Partial<COS.COSOptions> = {}): COS {
  return new COS({
    SecretId: TEST_SECRET_ID,
    SecretKey: TEST_SECRET_KEY,
    Domain: `http://127.0.0.1:${t.emu.port}`,
    ...options,
  });
}

export interface RawRequest {
  method: string;
  /** Raw request target: percent-encoded path plus optional `?query`. */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Host header to send (default: 127.0.0.1:PORT). */
  host?: string;
  /** Sign with the test key (default true): host + every header given here. */
  sign?: boolean;
  /** Signature lifetime in seconds (default 900). */
  expires?: number;
  /** Extra headers sent but not signed. */
  unsignedHeaders?: Record<string, string>;
  /** Auth in the query string (pre-signed URL) instead of the Authorization header. */
  presign?: boolean;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/** Builds the Authorization value (or query) the way the SDKs would for this request. */
export function signFor(
  t: TestEmulator,
  method: string,
  target: string,
  host: string,
  headers: Record<string, string>,
  expires = 900,
): string {
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  const params: SignPair[] = parseQuery(q < 0 ? '' : target.slice(q + 1)).map((p) => [
    p.name,
    p.value,
  ]);
  const start = Math.floor(t.clock.now() / 1000) - 1;
  return createAuthorization({
    secretId: TEST_SECRET_ID,
    secretKey: TEST_SECRET_KEY,
    keyTime: `${start};${start + expires}`,
    method,
    pathname: decodeCosPath(rawPath),
    params,
    headers: [['host', host], ...Object.entries(headers)],
  });
}

/** One request over a fresh connection (no keep-alive handles left behind). */
export function cosRequest(t: TestEmulator, r: RawRequest): Promise<RawResponse> {
  const host = r.host ?? `127.0.0.1:${t.emu.port}`;
  const headers: Record<string, string> = { ...(r.headers ?? {}) };
  let target = r.path;
  if (r.sign !== false) {
    const auth = signFor(t, r.method, r.path, host, headers, r.expires);
    if (r.presign) target += (target.includes('?') ? '&' : '?') + auth;
    else headers.Authorization = auth;
  }
  Object.assign(headers, r.unsignedHeaders ?? {});
  headers.Host = host;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: t.emu.port,
        method: r.method,
        path: target,
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: body.toString('utf8'),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}

/** The `<Code>` of a COS XML error body. */
export function errorCode(res: RawResponse): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(res.text)?.[1];
}

/**
 * Writes bytes straight to a socket (for requests `http.request` refuses to make: no length,
 * short bodies) and collects everything the server sends until it closes or `idleMs` passes.
 */
export function rawExchange(
  port: number,
  write: (socket: Socket) => void,
  idleMs = 1500,
): Promise<string> {
  return new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    let timer = setTimeout(() => socket.destroy(), idleMs);
    socket.on('connect', () => write(socket));
    socket.on('data', (d) => {
      data += d.toString('utf8');
      clearTimeout(timer);
      timer = setTimeout(() => socket.destroy(), idleMs);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}
