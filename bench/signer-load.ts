/**
 * Signer throughput: autocannon against `POST /api/v1/uploads` on loopback, 64 connections,
 * batches of 1 and of 100 files. The signer under test is a separate start.ts process pinned to
 * one core with `taskset` (pointed at the benchmark's emulator, so it starts no emulator of its
 * own), and autocannon runs pinned to another core, so the two do not share a CPU. The signer's
 * rate limiters are switched off for this test only (see below).
 *
 * Two runs per batch size. *Saturation* (autocannon): every connection sends its next request
 * as soon as the last one is answered, which gives the most files per second the signer can
 * sign. Its latency is only a queue length (Little's law: 64 connections at X requests/s wait
 * 64/X s on average), so a 100-file request can never be answered within 50 ms that way,
 * however fast the signer. *Target rate* (paced-load.ts): the target of 2,000 files per second
 * offered evenly over the same 64 connections (2,000 requests/s of 1 file, or 20 of 100), and the
 * latency a client sees from a signer carrying that load, measured from when each request was
 * due. Autocannon's own rate mode is not used for this: it sends each connection's requests
 * at the start of every second, so its latency at 20 requests/s is mostly that burst queueing.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEV_SECRET_ID, DEV_SECRET_KEY } from '../emulator/dev-credentials';
import { launchStack } from '../scripts/launch-stack';
import { ROOT } from '../scripts/stack';
import type { PacedLoadOptions, PacedLoadResult } from './paced-load';
import type { CosTarget } from './verify';

export interface SignerLoadOptions {
  target: CosTarget;
  batches: number[];
  connections: number;
  durationSeconds: number;
  /** Seconds of unmeasured load first (JIT, connection setup); 0 skips it. */
  warmupSeconds: number;
  log: (line: string) => void;
}

/** Pause between two runs: longer than the slowest request at saturation takes to finish. */
const SETTLE_MS = 3_000;

/** The rate offered in the paced runs, files per second (issue 14: p99 ≤ 50 ms at this). */
export const SIGNER_TARGET_FILES_PER_SECOND = 2000;
/** Issue 14: files per second one core signs in batches of 1, at saturation. */
export const SIGNER_SATURATION_TARGET_BATCH_1 = 3000;

export interface SignerLoadResult {
  batch: number;
  /** `saturation`: as fast as it answers; `target-rate`: the target offered, for latency. */
  mode: 'saturation' | 'target-rate';
  /** Files per second offered in a target-rate run; null at saturation. */
  offeredFilesPerSecond: number | null;
  connections: number;
  durationSeconds: number;
  /** Whether the signer could be pinned to one core (taskset present, ≥ 2 CPUs). */
  pinned: boolean;
  requestsPerSecond: number;
  filesPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface AutocannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
  '2xx'?: number;
}

function hasTaskset(): boolean {
  return ['/usr/bin/taskset', '/bin/taskset'].some((p) => existsSync(p));
}

/** A Node script in a process of its own, pinned to `cpu` when given; it prints JSON. */
function runPinnedJson<T>(what: string, args: string[], cpu: string | null): Promise<T> {
  const [cmd, argv] = cpu
    ? ['taskset', ['-c', cpu, process.execPath, ...args]]
    : [process.execPath, args];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      try {
        resolve(JSON.parse(out) as T);
      } catch {
        reject(new Error(`${what} failed (code ${code}): ${err.slice(-1000)}`));
      }
    });
  });
}

function autocannon(args: string[], cpu: string | null): Promise<AutocannonJson> {
  const script = path.join(ROOT, 'node_modules/autocannon/autocannon.js');
  return runPinnedJson('autocannon', [script, ...args], cpu);
}

/** The paced generator, pinned like autocannon. */
function pacedLoad(options: PacedLoadOptions, cpu: string | null): Promise<PacedLoadResult> {
  const script = path.join(ROOT, 'bench/paced-load.ts');
  return runPinnedJson('paced load', ['--import', 'tsx', script, JSON.stringify(options)], cpu);
}

/** What one run measured, whichever tool made it. */
type Measured = Omit<PacedLoadResult, 'offered'>;

/** Autocannon's report in the paced generator's terms; its errors include its time-outs. */
function fromAutocannon(r: AutocannonJson): Measured {
  return {
    ok: r['2xx'] ?? r.requests.total - r.non2xx,
    non2xx: r.non2xx,
    errors: r.errors - r.timeouts,
    timeouts: r.timeouts,
    seconds: r.duration,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    latencyMaxMs: r.latency.max,
  };
}

function uploadsBody(batch: number): string {
  const files = Array.from({ length: batch }, (_, i) => ({
    clientId: `f${i}`,
    name: `load-${i}.bin`,
    size: 1024,
    type: 'application/octet-stream',
  }));
  return JSON.stringify({ files });
}

export async function runSignerLoad(options: SignerLoadOptions): Promise<SignerLoadResult[]> {
  const pinned = hasTaskset() && os.cpus().length >= 2;
  const signer = await launchStack({
    label: 'signer-load',
    cpus: pinned ? '1' : undefined,
    env: {
      COS_SECRET_ID: DEV_SECRET_ID,
      COS_SECRET_KEY: DEV_SECRET_KEY,
      COS_BUCKET: options.target.bucket,
      COS_REGION: options.target.region,
      COS_DOMAIN: options.target.url,
      LINK_SECRET: randomBytes(32).toString('base64url'),
      // Capacity, not policy: the per-address and per-link limiters (200 and 400 requests/s by
      // default) exist to stop one client, which is all a load generator is.
      RATE_LIMIT_IP_PER_SECOND: '0',
      RATE_LIMIT_LINK_PER_SECOND: '0',
    },
  });
  const results: SignerLoadResult[] = [];
  try {
    const url = `${signer.portalUrl.replace(/\/$/, '')}/api/v1/uploads`;
    for (const batch of options.batches) {
      const body = uploadsBody(batch);
      const headers = {
        Authorization: `Bearer ${signer.linkToken}`,
        'Content-Type': 'application/json',
      };
      const common = [
        '-c',
        String(options.connections),
        '-m',
        'POST',
        ...Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}=${value}`]),
        '-b',
        body,
        '-j',
        '-n',
      ];
      if (options.warmupSeconds > 0) {
        await autocannon(
          [...common, '-d', String(options.warmupSeconds), url],
          pinned ? '0' : null,
        );
      }
      options.log(
        `signer load: batch ${batch}, ${options.connections} connections, ${options.durationSeconds} s, saturation`,
      );
      const saturated = await autocannon(
        [...common, '-d', String(options.durationSeconds), url],
        pinned ? '0' : null,
      );
      results.push(toResult(batch, 'saturation', fromAutocannon(saturated)));
      // Autocannon leaves requests behind when it stops (up to one per connection); the next
      // run starts once the signer has worked through them, not on top of them.
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      options.log(
        `signer load: batch ${batch}, ${options.connections} connections, ${options.durationSeconds} s, ` +
          `${SIGNER_TARGET_FILES_PER_SECOND} files/s offered, evenly paced`,
      );
      const paced = await pacedLoad(
        {
          url,
          method: 'POST',
          headers,
          body,
          rate: SIGNER_TARGET_FILES_PER_SECOND / batch,
          connections: options.connections,
          durationSeconds: options.durationSeconds,
        },
        pinned ? '0' : null,
      );
      results.push(toResult(batch, 'target-rate', paced));
    }
  } finally {
    await signer.stop();
  }
  return results;

  function toResult(batch: number, mode: SignerLoadResult['mode'], r: Measured): SignerLoadResult {
    const seconds = r.seconds || options.durationSeconds;
    return {
      batch,
      mode,
      offeredFilesPerSecond: mode === 'target-rate' ? SIGNER_TARGET_FILES_PER_SECOND : null,
      connections: options.connections,
      durationSeconds: seconds,
      pinned,
      requestsPerSecond: r.ok / seconds,
      filesPerSecond: (r.ok * batch) / seconds,
      latencyP50Ms: Math.round(r.latencyP50Ms),
      latencyP99Ms: Math.round(r.latencyP99Ms),
      latencyMaxMs: Math.round(r.latencyMaxMs),
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
    };
  }
}
