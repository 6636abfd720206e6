/**
 * How fast the emulator takes objects in, and at what cost, apart from everything else: the
 * emulator alone in a process of its own (as `npm start` runs it), one client in this process
 * sending from memory, every request signed and checked as usual.
 *
 * - single: one PUT of `--size` (default 512 MiB) with Content-MD5;
 * - multipart: the same bytes as parts of `--part-size` (default 8 MiB), `--concurrency` (6)
 *   at a time, each with Content-MD5, then CompleteMultipartUpload;
 *
 * then a HEAD and a full GET that must give back the object's size, CRC-64 and bytes (MD5 of the
 * body read back). Reported per run: seconds, MB/s, the emulator's CPU seconds (user + system,
 * from /proc) and the bytes it wrote to storage (/proc/<pid>/io write_bytes: whether the parts
 * are written a second time on completion shows here).
 *
 *   npx tsx bench/emulator-ingest.ts [--size 512MiB] [--reps 3] [--mode single,multipart]
 *                                    [--emulator-root DIR]   (another checkout's emulator/)
 *                                    [--compare-root DIR]    (and a second one, alternated)
 *                                    [--cpu-prof DIR]        (the emulator's CPU profile)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCrc64 } from '../protocol/crc64-wasm';
import { createAuthorization, type SignPair } from '../emulator/signature';
import { cpuSeconds, median } from './metrics';
import { parseBytes, MIB } from './workloads';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECRET_ID = 'AKIDINGESTBENCH00000000000000000000';
const SECRET_KEY = 'ingestbenchsecret000000000000000';
const CLOCK_TICKS = 100; // USER_HZ on Linux

export interface IngestRun {
  /** Which checkout's emulator. */
  emulator: string;
  mode: 'single' | 'multipart';
  seconds: number;
  mbPerSecond: number;
  emulatorCpuSeconds: number;
  /** Of which the main thread (JavaScript, the socket), and every other thread that used 10 ms
   * or more (the MD5 worker, libuv's pool writing the file, V8's helpers), largest first. */
  emulatorThreads: { main: number; others: number[] };
  /** Bytes the emulator process wrote to storage during the upload (and completion). */
  emulatorWriteBytes: number | null;
  /** The same for the read-back (HEAD + GET), which must write nothing. */
  readBackCpuSeconds: number;
}

/** CPU seconds of each of the process's threads by thread id (the main thread's id is the pid). */
function threadCpuSeconds(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/** The main thread's CPU seconds between two samples, and the other threads', largest first. */
function threadBreakdown(
  pid: number,
  before: Map<number, number>,
  after: Map<number, number>,
): { main: number; others: number[] } {
  const used = (tid: number) => (after.get(tid) ?? 0) - (before.get(tid) ?? 0);
  const others = [...after.keys()]
    .filter((tid) => tid !== pid)
    .map(used)
    .filter((s) => s >= 0.01)
    .sort((a, b) => b - a);
  return { main: used(pid), others };
}

function writeBytes(pid: number): number | null {
  try {
    const m = /^write_bytes:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

async function startEmulatorProcess(
  root: string,
  dataDir: string,
  profileDir: string | null,
): Promise<{ child: ChildProcess; url: string }> {
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const args = [...profile, '--import', 'tsx', path.join(root, 'emulator/main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      EMULATOR_PORT: '0',
      EMULATOR_ADMIN_PORT: '0',
      EMULATOR_DATA_DIR: dataDir,
      EMULATOR_SECRET_ID: SECRET_ID,
      EMULATOR_SECRET_KEY: SECRET_KEY,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited (code ${code}): ${out}`)));
  });
  child.stdout!.resume();
  return { child, url };
}

interface Target {
  host: string;
  port: number;
  agent: http.Agent;
}

function signed(
  target: Target,
  method: string,
  key: string,
  query: SignPair[],
  headers: Record<string, string>,
): { path: string; headers: Record<string, string> } {
  const now = Math.floor(Date.now() / 1000);
  const host = `${target.host}:${target.port}`;
  const signedHeaders: SignPair[] = [
    ['host', host],
    ...Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v] as SignPair),
  ];
  const authorization = createAuthorization({
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    keyTime: `${now - 60};${now + 3600}`,
    method,
    pathname: `/${key}`,
    params: query,
    headers: signedHeaders,
  });
  const search = query.length
    ? `?${query.map(([k, v]) => (v === '' ? k : `${k}=${encodeURIComponent(v)}`)).join('&')}`
    : '';
  return {
    path: `/${key}${search}`,
    headers: { ...headers, Host: host, Authorization: authorization },
  };
}

function send(
  target: Target,
  method: string,
  key: string,
  query: SignPair[],
  headers: Record<string, string>,
  body: Buffer[] | Buffer | null,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const req = signed(target, method, key, query, headers);
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        host: target.host,
        port: target.port,
        method,
        path: req.path,
        headers: req.headers,
        agent: target.agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    if (body === null) return void r.end();
    const parts = Array.isArray(body) ? body : [body];
    let i = 0;
    const write = (): void => {
      while (i < parts.length) if (!r.write(parts[i++]!)) return void r.once('drain', write);
      r.end();
    };
    write();
  });
}

/** `size` bytes as views of one pseudo-random block (the client stays cheap). */
function bodyOf(block: Buffer, start: number, end: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = start; at < end;) {
    const offset = at % block.length;
    const n = Math.min(block.length - offset, end - at);
    out.push(block.subarray(offset, offset + n));
    at += n;
  }
  return out;
}

function md5Of(parts: Buffer[]): Buffer {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
}

async function readBack(target: Target, key: string, size: number, crc: string, md5: Buffer) {
  const head = await send(target, 'HEAD', key, [], {}, null);
  if (head.status !== 200) throw new Error(`HEAD answered ${head.status}`);
  if (Number(head.headers['content-length']) !== size)
    throw new Error(`HEAD size ${head.headers['content-length']}, expected ${size}`);
  if (head.headers['x-cos-hash-crc64ecma'] !== crc)
    throw new Error(`HEAD CRC-64 ${head.headers['x-cos-hash-crc64ecma']}, expected ${crc}`);
  const got = await new Promise<{ md5: Buffer; size: number; crc: string | undefined }>(
    (resolve, reject) => {
      const req = signed(target, 'GET', key, [], {});
      http
        .get(
          {
            host: target.host,
            port: target.port,
            path: req.path,
            headers: req.headers,
            agent: target.agent,
          },
          (res) => {
            const h = createHash('md5');
            let n = 0;
            res.on('data', (c: Buffer) => {
              h.update(c);
              n += c.length;
            });
            res.on('end', () =>
              resolve({
                md5: h.digest(),
                size: n,
                crc: res.headers['x-cos-hash-crc64ecma'] as string,
              }),
            );
            res.on('error', reject);
          },
        )
        .on('error', reject);
    },
  );
  if (got.size !== size || !got.md5.equals(md5) || got.crc !== crc)
    throw new Error(`GET gave back other bytes (${got.size} bytes, CRC ${got.crc})`);
}

interface Emulator {
  label: string;
  child: ChildProcess;
  target: Target;
  dataDir: string;
}

export async function measureIngest(options: {
  size: number;
  partSize: number;
  concurrency: number;
  reps: number;
  modes: Array<'single' | 'multipart'>;
  /** Checkouts whose emulator/ to run, alternated run by run (this one, and e.g. a baseline). */
  emulatorRoots: Array<{ label: string; dir: string }>;
  /** Write a CPU profile of each emulator (`node --cpu-prof`) into this folder. */
  profileDir?: string | null;
  log?: (line: string) => void;
}): Promise<IngestRun[]> {
  const log = options.log ?? (() => {});
  const block = Buffer.alloc(8 * MIB);
  for (let i = 0; i < block.length; i++) block[i] = Math.imul(i, 2654435761) >>> 24;
  const whole = bodyOf(block, 0, options.size);
  const md5 = md5Of(whole);
  const hasher = createCrc64();
  for (const p of whole) hasher.update(p);
  const crc = hasher.digest();
  const emulators: Emulator[] = [];
  const runs: IngestRun[] = [];
  try {
    for (const root of options.emulatorRoots) {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cup-ingest-'));
      const { child, url } = await startEmulatorProcess(
        root.dir,
        dataDir,
        options.profileDir ?? null,
      );
      const u = new URL(url);
      emulators.push({
        label: root.label,
        child,
        dataDir,
        target: {
          host: u.hostname,
          port: Number(u.port),
          agent: new http.Agent({ keepAlive: true, maxSockets: options.concurrency }),
        },
      });
    }
    for (let rep = 1; rep <= options.reps; rep++) {
      for (const mode of options.modes) {
        for (const emulator of emulators) {
          const run = await ingestOnce(emulator, mode, `ingest/${mode}-${rep}.bin`, {
            ...options,
            block,
            whole,
            md5,
            crc,
          });
          runs.push(run);
          log(formatIngestRun(run));
        }
      }
    }
  } finally {
    for (const e of emulators) {
      e.target.agent.destroy();
      e.child.kill('SIGTERM');
      await new Promise((r) => e.child.once('exit', r));
      rmSync(e.dataDir, { recursive: true, force: true });
    }
  }
  return runs;
}

async function ingestOnce(
  emulator: Emulator,
  mode: 'single' | 'multipart',
  key: string,
  o: {
    size: number;
    partSize: number;
    concurrency: number;
    block: Buffer;
    whole: Buffer[];
    md5: Buffer;
    crc: string;
  },
): Promise<IngestRun> {
  const { target } = emulator;
  const pid = emulator.child.pid!;
  const cpu0 = cpuSeconds(pid);
  const threads0 = threadCpuSeconds(pid);
  const io0 = writeBytes(pid);
  const t0 = performance.now();
  if (mode === 'single') {
    const res = await send(
      target,
      'PUT',
      key,
      [],
      { 'Content-Length': String(o.size), 'Content-MD5': o.md5.toString('base64') },
      o.whole,
    );
    if (res.status !== 200) throw new Error(`PUT answered ${res.status}: ${res.body}`);
    if (res.headers['x-cos-hash-crc64ecma'] !== o.crc) throw new Error('PUT: wrong CRC-64');
  } else {
    const init = await send(target, 'POST', key, [['uploads', '']], {}, null);
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(init.body.toString())?.[1];
    if (!uploadId) throw new Error(`initiate answered ${init.status}: ${init.body}`);
    const count = Math.ceil(o.size / o.partSize);
    const etags: string[] = [];
    let next = 1;
    const worker = async () => {
      for (let n = next++; n <= count; n = next++) {
        const start = (n - 1) * o.partSize;
        const end = Math.min(start + o.partSize, o.size);
        const body = bodyOf(o.block, start, end);
        const res = await send(
          target,
          'PUT',
          key,
          [
            ['partNumber', String(n)],
            ['uploadId', uploadId],
          ],
          { 'Content-Length': String(end - start), 'Content-MD5': md5Of(body).toString('base64') },
          body,
        );
        if (res.status !== 200) throw new Error(`part ${n} answered ${res.status}`);
        etags[n - 1] = String(res.headers.etag);
      }
    };
    await Promise.all(Array.from({ length: o.concurrency }, worker));
    const xml = `<CompleteMultipartUpload>${etags
      .map((e, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${e}</ETag></Part>`)
      .join('')}</CompleteMultipartUpload>`;
    const done = await send(
      target,
      'POST',
      key,
      [['uploadId', uploadId]],
      { 'Content-Type': 'application/xml', 'Content-Length': String(Buffer.byteLength(xml)) },
      Buffer.from(xml),
    );
    if (done.status !== 200) throw new Error(`complete answered ${done.status}: ${done.body}`);
    if (done.headers['x-cos-hash-crc64ecma'] !== o.crc) throw new Error('complete: wrong CRC-64');
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = cpuSeconds(pid);
  const threads1 = threadCpuSeconds(pid);
  const io1 = writeBytes(pid);
  await readBack(target, key, o.size, o.crc, o.md5);
  const run: IngestRun = {
    emulator: emulator.label,
    mode,
    seconds,
    mbPerSecond: o.size / 1e6 / seconds,
    emulatorCpuSeconds: cpu1 - cpu0,
    emulatorThreads: threadBreakdown(pid, threads0, threads1),
    emulatorWriteBytes: io0 === null || io1 === null ? null : io1 - io0,
    readBackCpuSeconds: cpuSeconds(pid) - cpu1,
  };
  await send(target, 'DELETE', key, [], {}, null);
  return run;
}

export function formatIngestRun(r: IngestRun): string {
  const written = r.emulatorWriteBytes === null ? '?' : (r.emulatorWriteBytes / MIB).toFixed(0);
  return (
    `${r.emulator.padEnd(8)} ${r.mode.padEnd(9)} ${r.seconds.toFixed(2)} s, ${r.mbPerSecond.toFixed(0)} MB/s, ` +
    `emulator CPU ${r.emulatorCpuSeconds.toFixed(2)} s (main ${r.emulatorThreads.main.toFixed(2)}` +
    `${r.emulatorThreads.others.map((s) => ` + ${s.toFixed(2)}`).join('')}), wrote ${written} MiB; ` +
    `read-back CPU ${r.readBackCpuSeconds.toFixed(2)} s`
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      size: { type: 'string' },
      'part-size': { type: 'string' },
      concurrency: { type: 'string' },
      reps: { type: 'string' },
      mode: { type: 'string' },
      'emulator-root': { type: 'string' },
      'compare-root': { type: 'string' },
      'cpu-prof': { type: 'string' },
    },
  });
  const runs = await measureIngest({
    size: parseBytes(values.size ?? '512MiB'),
    partSize: parseBytes(values['part-size'] ?? '8MiB'),
    concurrency: Number(values.concurrency ?? 6),
    reps: Number(values.reps ?? 3),
    modes: (values.mode ?? 'single,multipart').split(',') as Array<'single' | 'multipart'>,
    emulatorRoots: [
      { label: 'this', dir: path.resolve(values['emulator-root'] ?? ROOT) },
      ...(values['compare-root']
        ? [{ label: 'compare', dir: path.resolve(values['compare-root']) }]
        : []),
    ],
    profileDir: values['cpu-prof'] ? path.resolve(values['cpu-prof']) : null,
    log: (line) => console.log(line),
  });
  console.log('\nmedians:');
  for (const label of [...new Set(runs.map((r) => r.emulator))])
    for (const mode of [...new Set(runs.map((r) => r.mode))]) {
      const of = runs.filter((r) => r.emulator === label && r.mode === mode);
      const med = (f: (r: IngestRun) => number) => median(of.map(f)) ?? NaN;
      console.log(
        `${label.padEnd(8)} ${mode.padEnd(9)} ${med((r) => r.seconds).toFixed(2)} s, ` +
          `${med((r) => r.mbPerSecond).toFixed(0)} MB/s, emulator CPU ${med((r) => r.emulatorCpuSeconds).toFixed(2)} s, ` +
          `wrote ${(med((r) => r.emulatorWriteBytes ?? NaN) / MIB).toFixed(0)} MiB (${of.length} runs)`,
      );
    }
}
