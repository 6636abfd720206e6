/**
 * CRC-64 throughput where the product computes it: in Node as the emulator does (the body
 * arrives in 64 KiB socket chunks, each hashed as it comes), and in the portal's own hash
 * worker in Chromium, opened from the portal page as `npm start` serves it (its
 * Content-Security-Policy included), hashing an in-memory Blob through the same message the
 * upload engine sends. The JavaScript reference (protocol/crc64.ts) is measured beside the
 * WebAssembly one in Node, for the ratio.
 *
 * `npx tsx bench/crc64-speed.ts` prints the Node figures alone; `npm run bench` reports both.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { Crc64Xz } from '../protocol/crc64';
import { Crc64Wasm, createCrc64 } from '../protocol/crc64-wasm';

export interface Crc64Speed {
  where: string;
  implementation: string;
  /** Best of the repetitions, 10⁶ bytes per second of wall-clock time. */
  mbPerSecond: number;
  /**
   * Per second of the process's CPU time (Node only): what the code itself achieves, less
   * affected than the wall clock when other processes share the cores.
   */
  mbPerCpuSecond: number | null;
  bytes: number;
}

const CHUNK = 64 * 1024;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function best(times: number[], bytes: number): number {
  return bytes / 1e6 / (Math.min(...times) / 1000);
}

/** Hashes `bytes` in 64 KiB chunks, three times each, with both implementations. */
export function measureCrc64InNode(bytes = 256 * 1024 * 1024): Crc64Speed[] {
  const block = new Uint8Array(8 * 1024 * 1024);
  for (let i = 0; i < block.length; i++) block[i] = (i * 2654435761) >>> 24;
  const run = (make: () => { update(d: Uint8Array): unknown; digest(): string }) => {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let digest = '';
    for (let rep = 0; rep < 3; rep++) {
      const crc = make();
      const t = performance.now();
      const cpu = process.cpuUsage();
      for (let done = 0; done < bytes; done += CHUNK) {
        const at = done % block.length;
        crc.update(block.subarray(at, at + Math.min(CHUNK, bytes - done)));
      }
      digest = crc.digest();
      const used = process.cpuUsage(cpu);
      times.push(performance.now() - t);
      cpuTimes.push((used.user + used.system) / 1000);
    }
    return { mbPerSecond: best(times, bytes), mbPerCpuSecond: best(cpuTimes, bytes), digest };
  };
  const wasm = createCrc64();
  if (!(wasm instanceof Crc64Wasm)) throw new Error('the WebAssembly CRC-64 does not run here');
  const fast = run(() => createCrc64());
  const reference = run(() => new Crc64Xz());
  if (fast.digest !== reference.digest)
    throw new Error(`CRC-64 implementations disagree: ${fast.digest} vs ${reference.digest}`);
  return [
    {
      where: 'Node, as the emulator hashes (64 KiB chunks)',
      implementation: 'WebAssembly',
      mbPerSecond: fast.mbPerSecond,
      mbPerCpuSecond: fast.mbPerCpuSecond,
      bytes,
    },
    {
      where: 'Node, as the emulator hashes (64 KiB chunks)',
      implementation: 'JavaScript reference',
      mbPerSecond: reference.mbPerSecond,
      mbPerCpuSecond: reference.mbPerCpuSecond,
      bytes,
    },
  ];
}

/** The built hash worker's file in dist/assets (the portal serves it from /assets/). */
export function hashWorkerAsset(distDir = path.join(ROOT, 'dist')): string {
  const name = readdirSync(path.join(distDir, 'assets')).find((f) =>
    /^crc64\.worker-[\w-]+\.js$/.test(f),
  );
  if (!name) throw new Error('no crc64.worker-*.js in dist/assets: build the portal first');
  return `/assets/${name}`;
}

/**
 * Opens `pageUrl` (a portal page: its CSP applies to the worker it starts), starts the built
 * hash worker there and times `crc64OfBlob` on a Blob of `bytes`, best of three. Console
 * messages from the page and the worker are returned too: a CSP that refuses WebAssembly
 * says so there (the worker then falls back to JavaScript, which the speed shows).
 */
export async function measureCrc64InWorker(options: {
  chromiumPath: string;
  chromiumArgs: string[];
  pageUrl: string;
  workerPath: string;
  bytes?: number;
}): Promise<{ speed: Crc64Speed; console: string[] }> {
  const bytes = options.bytes ?? 256 * 1024 * 1024;
  const browser = await chromium.launch({
    executablePath: options.chromiumPath,
    args: options.chromiumArgs,
    headless: true,
  });
  const messages: string[] = [];
  try {
    const page = await browser.newPage();
    page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
    await page.goto(options.pageUrl);
    // A string, not a function: tsx's helpers would not exist in the page.
    const times = (await page.evaluate(`(async () => {
      const bytes = ${bytes};
      const block = new Uint8Array(8 * 1024 * 1024);
      for (let i = 0; i < block.length; i++) block[i] = Math.imul(i, 2654435761) >>> 24;
      const parts = [];
      for (let done = 0; done < bytes; done += block.length)
        parts.push(block.subarray(0, Math.min(block.length, bytes - done)));
      const blob = new Blob(parts);
      const worker = new Worker(${JSON.stringify(options.workerPath)}, { type: 'module' });
      const hash = (id) => new Promise((resolve, reject) => {
        const t = performance.now();
        worker.onmessage = (event) => {
          if (event.data.id !== id) return;
          if (event.data.type === 'done') resolve(performance.now() - t);
          else if (event.data.type === 'error') reject(new Error(JSON.stringify(event.data)));
        };
        worker.onerror = (e) => reject(new Error('worker error: ' + e.message));
        worker.postMessage({ type: 'hash', id, blob, sliceBytes: 4 * 1024 * 1024 });
      });
      await hash(0); // warm-up: compiles the module, pages the Blob in
      const out = [];
      for (let id = 1; id <= 3; id++) out.push(await hash(id));
      worker.terminate();
      return out;
    })()`)) as number[];
    return {
      speed: {
        where: "Chromium, the portal's hash worker",
        implementation: 'as built (WebAssembly unless refused)',
        mbPerSecond: best(times, bytes),
        mbPerCpuSecond: null,
        bytes,
      },
      console: messages,
    };
  } finally {
    await browser.close();
  }
}

export function formatCrc64Speed(s: Crc64Speed): string {
  const cpu = s.mbPerCpuSecond === null ? '' : `, ${s.mbPerCpuSecond.toFixed(0)} MB per CPU second`;
  return `${s.where}, ${s.implementation}: ${s.mbPerSecond.toFixed(0)} MB/s${cpu} (${(s.bytes / 2 ** 20).toFixed(0)} MiB, best of 3)`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const s of measureCrc64InNode()) console.log(formatCrc64Speed(s));
}
