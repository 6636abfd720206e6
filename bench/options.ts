/**
 * Command-line flags of `npm run bench`, with their defaults, validated once.
 */
import { parseArgs } from 'node:util';
import { NETWORK_IDS, WAN_DEFAULTS, type NetworkId } from './network/network-profile';
import type { ShapingOptions } from './network/shaping-proxy';
import { TOOL_IDS, type ToolId } from './tools/tool';
import { parseBytes, WORKLOAD_IDS, type WorkloadId } from './workloads';

export interface BenchOptions {
  workloads: WorkloadId[];
  tools: ToolId[];
  reps: number;
  scale: number;
  out: string;
  smoke: boolean;
  seed: string;
  /** Keep generated files here between invocations (default: a temp folder, removed at the end). */
  filesDir: string | null;
  overrides: Partial<Record<WorkloadId, { size?: number; count?: number }>>;
  signerLoad: boolean;
  signerSeconds: number;
  bundle: boolean;
  /** Measure the CRC-64 speed (Node and the portal's hash worker). */
  crc64: boolean;
  build: boolean;
  network: NetworkId;
  /** The shaping proxy's settings (`wan` only). */
  shaping: ShapingOptions | null;
}

export const USAGE = `Usage: npm run bench -- [flags]

  --workloads W1,W2,W3,W4,M   which workloads (default: all)
  --tools portal,raw,uppy,uppy-multipart,node
                              which uploaders (default: all)
  --reps N                    repetitions per tool and workload, alternated (default 3)
  --scale F                   multiply file counts (many-file workloads) and sizes (one-file
                              workloads, never below the multipart threshold + 1 MiB) (default 1)
  --size W1=64MiB,...         exact file size per workload (wins over --scale)
  --count W3=200,...          exact file count per workload (wins over --scale)
  --out DIR                   where the Markdown and JSON go (default bench/results)
  --files-dir DIR             keep generated files here and reuse them next time
  --seed TEXT                 seed of the random file contents (default bench-v1)
  --signer-seconds N          duration of each signer load test (default 10)
  --no-signer-load            skip the signer load test
  --no-bundle                 skip the bundle size check
  --no-crc                    skip the CRC-64 speed measurement (Node, and the portal's worker)
  --no-build                  use the existing dist/ instead of building the portal first
  --network loopback|wan      loopback (default): clients talk to the servers directly;
                              wan: every client's traffic to the signer and to COS passes a
                              shaping proxy the benchmark starts (checked against Node first)
  --rtt MS                    wan: round trip added to every exchange, ms (default 40)
  --connection-rate MB/s      wan: bandwidth per connection and direction (default 8)
  --total-rate MB/s           wan: bandwidth of all connections together, per direction (default 40)
  --smoke                     tiny sizes, 1 repetition, all tools; exits non-zero on any failure
  --help`;

function list<T extends string>(value: string, allowed: readonly T[], what: string): T[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items) {
    if (!allowed.includes(item as T))
      throw new Error(`unknown ${what} "${item}" (one of ${allowed.join(', ')})`);
  }
  return items as T[];
}

function perWorkload(value: string | undefined, parse: (v: string) => number) {
  const out: Partial<Record<WorkloadId, number>> = {};
  for (const pair of (value ?? '').split(',').filter(Boolean)) {
    const [id, v] = pair.split('=');
    if (!id || v === undefined || !WORKLOAD_IDS.includes(id as WorkloadId)) {
      throw new Error(`expected WORKLOAD=value pairs like W1=64MiB, got "${pair}"`);
    }
    out[id as WorkloadId] = parse(v);
  }
  return out;
}

function positiveNumber(value: string | undefined, def: number, name: string): number {
  if (value === undefined) return def;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`--${name} must be a positive number (got "${value}")`);
  return n;
}

export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      workloads: { type: 'string' },
      tools: { type: 'string' },
      reps: { type: 'string' },
      scale: { type: 'string' },
      size: { type: 'string' },
      count: { type: 'string' },
      out: { type: 'string' },
      'files-dir': { type: 'string' },
      seed: { type: 'string' },
      'signer-seconds': { type: 'string' },
      'no-signer-load': { type: 'boolean' },
      'no-bundle': { type: 'boolean' },
      'no-crc': { type: 'boolean' },
      'no-build': { type: 'boolean' },
      smoke: { type: 'boolean' },
      network: { type: 'string' },
      rtt: { type: 'string' },
      'connection-rate': { type: 'string' },
      'total-rate': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const smoke = values.smoke ?? false;
  const sizes = perWorkload(values.size, parseBytes);
  const counts = perWorkload(values.count, (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`a count must be a whole number ≥ 1 (got "${v}")`);
    return n;
  });
  const overrides: BenchOptions['overrides'] = {};
  for (const id of WORKLOAD_IDS) {
    if (sizes[id] !== undefined || counts[id] !== undefined)
      overrides[id] = { size: sizes[id], count: counts[id] };
  }
  const network = (values.network ?? 'loopback') as NetworkId;
  if (!NETWORK_IDS.includes(network))
    throw new Error(`--network must be one of ${NETWORK_IDS.join(', ')} (got "${values.network}")`);
  const shapingFlags = ['rtt', 'connection-rate', 'total-rate'] as const;
  if (network !== 'wan' && shapingFlags.some((f) => values[f] !== undefined))
    throw new Error('--rtt, --connection-rate and --total-rate need --network wan');
  const rttMs = values.rtt === undefined ? WAN_DEFAULTS.rttMs : Number(values.rtt);
  if (!Number.isFinite(rttMs) || rttMs < 0)
    throw new Error(`--rtt must be a number of milliseconds ≥ 0, like 40 (got "${values.rtt}")`);
  const shaping: ShapingOptions | null =
    network === 'wan'
      ? {
          rttMs,
          perConnectionBytesPerSec:
            positiveNumber(
              values['connection-rate'],
              WAN_DEFAULTS.perConnectionBytesPerSec / 1e6,
              'connection-rate',
            ) * 1e6,
          totalBytesPerSec:
            positiveNumber(
              values['total-rate'],
              WAN_DEFAULTS.totalBytesPerSec / 1e6,
              'total-rate',
            ) * 1e6,
        }
      : null;
  const reps = positiveNumber(values.reps, smoke ? 1 : 3, 'reps');
  if (!Number.isInteger(reps)) throw new Error('--reps must be a whole number');
  return {
    // The smoke run proves the harness end to end in well under a minute: the multipart path
    // (W1, just above the threshold) and the many-small-files path (W3, a few files).
    workloads: values.workloads
      ? list(values.workloads, WORKLOAD_IDS, 'workload')
      : smoke
        ? ['W1', 'W3']
        : [...WORKLOAD_IDS],
    tools: values.tools ? list(values.tools, TOOL_IDS, 'tool') : [...TOOL_IDS],
    reps,
    scale: positiveNumber(values.scale, smoke ? 0.01 : 1, 'scale'),
    out: values.out ?? 'bench/results',
    smoke,
    seed: values.seed ?? 'bench-v1',
    filesDir: values['files-dir'] ?? null,
    overrides,
    signerLoad: !values['no-signer-load'],
    signerSeconds: positiveNumber(values['signer-seconds'], smoke ? 1 : 10, 'signer-seconds'),
    bundle: !values['no-bundle'],
    crc64: !values['no-crc'],
    build: !values['no-build'],
    network,
    shaping,
  };
}
