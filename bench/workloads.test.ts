import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { crc64 } from '../protocol/crc64';
import { KIB, MIB, parseBytes, prepareWorkload, scaledWorkload } from './workloads';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-workloads-'));
  dirs.push(dir);
  return dir;
};

describe('prepareWorkload', () => {
  it('writes the same seeded bytes every time, with the CRC-64 of what is on disk', async () => {
    const spec = { id: 'W3' as const, title: 't', count: 3, size: 5 * MIB + 7, scaled: true };
    const a = await prepareWorkload(spec, tempDir(), 'seed-1');
    const b = await prepareWorkload(spec, tempDir(), 'seed-1');
    const c = await prepareWorkload(spec, tempDir(), 'seed-2');
    expect(a.files.map((f) => f.name)).toEqual(['w3-0.bin', 'w3-1.bin', 'w3-2.bin']);
    for (let i = 0; i < 3; i++) {
      const bytes = readFileSync(a.files[i]!.path);
      expect(bytes.length).toBe(spec.size);
      expect(a.files[i]!.crc64).toBe(crc64(bytes));
      expect(bytes.equals(readFileSync(b.files[i]!.path))).toBe(true);
      expect(bytes.equals(readFileSync(c.files[i]!.path))).toBe(false);
    }
    // Files of one workload differ from each other too.
    expect(a.files[0]!.crc64).not.toBe(a.files[1]!.crc64);
    expect(a.totalBytes).toBe(3 * spec.size);
  });

  it('reuses files it generated before with the same seed and shape', async () => {
    const dir = tempDir();
    const spec = { id: 'W4' as const, title: 't', count: 2, size: KIB, scaled: true };
    const first = await prepareWorkload(spec, dir, 's');
    const logged: string[] = [];
    const again = await prepareWorkload(spec, dir, 's', (l) => logged.push(l));
    expect(again.files).toEqual(first.files);
    expect(logged).toEqual([]);
    await prepareWorkload(spec, dir, 'other seed', (l) => logged.push(l));
    expect(logged).toHaveLength(1);
  });
});

describe('scaledWorkload', () => {
  const base = { scale: 1, minSingleFileSize: 65 * MIB, overrides: {} };

  it('keeps the issue sizes at scale 1', () => {
    expect(scaledWorkload('W1', base)).toMatchObject({ count: 1, size: 512 * MIB, scaled: false });
    expect(scaledWorkload('W4', base)).toMatchObject({ count: 10_000, size: KIB, scaled: false });
  });

  it('scales counts of many-file workloads and sizes of one-file ones, never below the floor', () => {
    const small = { ...base, scale: 0.01 };
    expect(scaledWorkload('W3', small)).toMatchObject({ count: 10, size: 4 * KIB, scaled: true });
    expect(scaledWorkload('W1', small)).toMatchObject({ count: 1, size: 65 * MIB, scaled: true });
    expect(scaledWorkload('M', { ...base, scale: 0.25 })).toMatchObject({ size: 512 * MIB });
  });

  it('lets explicit sizes and counts win', () => {
    const s = scaledWorkload('W2', {
      ...base,
      scale: 0.5,
      overrides: { W2: { count: 7, size: 3 * MIB } },
    });
    expect(s).toMatchObject({ count: 7, size: 3 * MIB, scaled: true });
  });

  it('parses sizes with binary and decimal units', () => {
    expect(parseBytes('512MiB')).toBe(512 * MIB);
    expect(parseBytes('4 KiB')).toBe(4 * KIB);
    expect(parseBytes('2GB')).toBe(2e9);
    expect(parseBytes('1000')).toBe(1000);
    expect(() => parseBytes('lots')).toThrow(/not a size/);
  });
});
