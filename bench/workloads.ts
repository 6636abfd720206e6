/**
 * The benchmark's workloads and their files on disk. Files are random bytes from a seeded
 * keystream (AES-256-CTR over zeros), so every run and every tool uploads exactly the same bytes,
 * and a 2 GiB file is written in small chunks without ever being held in memory. The CRC-64 of
 * each file is computed while it is written, for the verification afterwards.
 */
import { createCipheriv, createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { Crc64Xz } from '../protocol/crc64';

export const WORKLOAD_IDS = ['W1', 'W2', 'W3', 'W4', 'M'] as const;
export type WorkloadId = (typeof WORKLOAD_IDS)[number];

export const KIB = 1024;
export const MIB = 1024 * KIB;
export const GIB = 1024 * MIB;

export interface WorkloadSpec {
  id: WorkloadId;
  title: string;
  count: number;
  /** Bytes of every file. */
  size: number;
  /** True when --scale, --size or --count changed the count or size. */
  scaled: boolean;
}

export interface BenchFile {
  /** Absolute path on disk. */
  path: string;
  /** The name the browser sees (`w3-00017.bin`), unique within the workload. */
  name: string;
  size: number;
  /** CRC-64/XZ as COS prints it. */
  crc64: string;
}

export interface Workload extends WorkloadSpec {
  files: BenchFile[];
  totalBytes: number;
}

/** The workloads at full size. */
export const FULL_WORKLOADS: Record<WorkloadId, Omit<WorkloadSpec, 'scaled'>> = {
  W1: { id: 'W1', title: 'one 512 MiB file', count: 1, size: 512 * MIB },
  W2: { id: 'W2', title: '100 × 1 MiB', count: 100, size: MIB },
  W3: { id: 'W3', title: '1,000 × 4 KiB', count: 1000, size: 4 * KIB },
  W4: { id: 'W4', title: '10,000 × 1 KiB (responsiveness)', count: 10_000, size: KIB },
  M: { id: 'M', title: 'one 2 GiB file (memory)', count: 1, size: 2 * GIB },
};

export interface ScaleOptions {
  /** Multiplies the size of one-file workloads and the count of many-file workloads. */
  scale: number;
  /**
   * One-file workloads never shrink below this (the signer's multipart threshold plus a part),
   * so a quick run still measures the multipart path they exist for.
   */
  minSingleFileSize: number;
  /** Explicit sizes and counts that win over the scale (`W1` → {size}). */
  overrides: Partial<Record<WorkloadId, { size?: number; count?: number }>>;
}

/** Sizes and counts for a run. Per-file sizes of many-file workloads never scale: their point is per-file cost. */
export function scaledWorkload(id: WorkloadId, options: ScaleOptions): WorkloadSpec {
  const full = FULL_WORKLOADS[id];
  const override = options.overrides[id] ?? {};
  let { count, size } = full;
  if (full.count === 1) {
    size = Math.max(Math.round((full.size * options.scale) / MIB) * MIB, options.minSingleFileSize);
  } else {
    count = Math.max(1, Math.round(full.count * options.scale));
  }
  count = override.count ?? count;
  size = override.size ?? size;
  return { id, title: full.title, count, size, scaled: count !== full.count || size !== full.size };
}

export function formatBytes(bytes: number): string {
  if (bytes >= GIB && bytes % (GIB / 4) === 0) return `${bytes / GIB} GiB`;
  if (bytes >= MIB && bytes % (MIB / 4) === 0) return `${bytes / MIB} MiB`;
  if (bytes >= KIB && bytes % KIB === 0) return `${bytes / KIB} KiB`;
  if (bytes >= MIB) return `${(bytes / MIB).toFixed(1)} MiB`;
  return `${bytes} B`;
}

/** Parses `512MiB`, `4KiB`, `1GiB`, `1000` (bytes). */
export function parseBytes(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KiB|MiB|GiB|KB|MB|GB)?$/i.exec(text.trim());
  if (!m) throw new Error(`not a size: "${text}" (use e.g. 512MiB, 4KiB, 1GiB)`);
  const unit = (m[2] ?? 'B').toLowerCase();
  const factor: Record<string, number> = {
    b: 1,
    kib: KIB,
    mib: MIB,
    gib: GIB,
    kb: 1000,
    mb: 1000 ** 2,
    gb: 1000 ** 3,
  };
  return Math.round(Number(m[1]) * factor[unit]!);
}

const CHUNK = 4 * MIB;

function keystream(seed: string, workload: WorkloadId, index: number) {
  const key = createHash('sha256').update(`${seed}:${workload}:${index}`).digest();
  return createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
}

/** Writes one file of seeded random bytes and returns its CRC-64. */
async function writeFile(file: string, size: number, seed: string, id: WorkloadId, index: number) {
  const cipher = keystream(seed, id, index);
  const crc = new Crc64Xz();
  const handle = await open(file, 'w');
  try {
    const zeros = Buffer.alloc(Math.min(CHUNK, size));
    for (let written = 0; written < size;) {
      const n = Math.min(CHUNK, size - written);
      const bytes = cipher.update(n === zeros.length ? zeros : zeros.subarray(0, n));
      crc.update(bytes);
      await handle.write(bytes, 0, bytes.length);
      written += n;
    }
  } finally {
    await handle.close();
  }
  return crc.digest();
}

interface Manifest {
  seed: string;
  spec: WorkloadSpec;
  files: Array<Omit<BenchFile, 'path'>>;
}

/**
 * Generates (or reuses, when `dir` already holds the same seed and spec) a workload's files.
 * Reuse matters for repeated local runs: a 2 GiB file takes seconds to write and checksum.
 */
export async function prepareWorkload(
  spec: WorkloadSpec,
  dir: string,
  seed: string,
  log: (line: string) => void = () => {},
): Promise<Workload> {
  const folder = path.join(dir, `${spec.id}-${spec.count}x${spec.size}`);
  const manifestFile = path.join(folder, 'manifest.json');
  const pad = String(spec.count - 1).length;
  const nameOf = (i: number) => `${spec.id.toLowerCase()}-${String(i).padStart(pad, '0')}.bin`;
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    if (
      manifest.seed === seed &&
      manifest.spec.count === spec.count &&
      manifest.spec.size === spec.size &&
      manifest.files.length === spec.count
    ) {
      const files = manifest.files.map((f) => ({ ...f, path: path.join(folder, f.name) }));
      if (files.every((f) => existsSync(f.path))) return finish(spec, files);
    }
  }
  mkdirSync(folder, { recursive: true });
  log(`generating ${spec.id}: ${spec.count} × ${formatBytes(spec.size)}`);
  const files: BenchFile[] = [];
  for (let i = 0; i < spec.count; i++) {
    const name = nameOf(i);
    const file = path.join(folder, name);
    files.push({
      path: file,
      name,
      size: spec.size,
      crc64: await writeFile(file, spec.size, seed, spec.id, i),
    });
  }
  const manifest: Manifest = {
    seed,
    spec,
    files: files.map(({ name, size, crc64 }) => ({ name, size, crc64 })),
  };
  writeFileSync(manifestFile, JSON.stringify(manifest));
  return finish(spec, files);
}

function finish(spec: WorkloadSpec, files: BenchFile[]): Workload {
  return { ...spec, files, totalBytes: files.reduce((n, f) => n + f.size, 0) };
}
