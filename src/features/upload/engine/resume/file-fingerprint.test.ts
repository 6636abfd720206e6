import { describe, expect, it } from 'vitest';
import { crc64 } from '../../../../../protocol/crc64';
import { fingerprintOf, mayMatch, sampleHash, sampleRanges } from './file-fingerprint';

function bytes(size: number, seed = 7): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('file fingerprint', () => {
  it('reads small files whole and large files in eight slices from first to last byte', () => {
    expect(sampleRanges(0)).toEqual([]);
    expect(sampleRanges(1000)).toEqual([{ start: 0, end: 1000 }]);
    const size = 10 * 1024 * 1024 + 3;
    const ranges = sampleRanges(size);
    expect(ranges).toHaveLength(8);
    expect(ranges[0]).toEqual({ start: 0, end: 16 * 1024 });
    expect(ranges[7]!.end).toBe(size);
    const read = ranges.reduce((n, r) => n + r.end - r.start, 0);
    expect(read).toBe(128 * 1024);
  });

  it('hashes exactly the sampled bytes', async () => {
    const data = bytes(1_000_000);
    const expected = crc64(
      Uint8Array.from(sampleRanges(data.length).flatMap((r) => [...data.slice(r.start, r.end)])),
    );
    expect(await sampleHash(new Blob([data as BlobPart]))).toBe(expected);
  });

  it('tells apart files that differ inside a sample, not outside (the final CRC-64 does)', async () => {
    const data = bytes(1_000_000);
    const base = await sampleHash(new Blob([data as BlobPart]));
    const [first, second] = sampleRanges(data.length);
    const inside = data.slice();
    inside[first!.end - 1] = inside[first!.end - 1]! ^ 1;
    expect(await sampleHash(new Blob([inside as BlobPart]))).not.toBe(base);
    const outside = data.slice();
    const at = Math.floor((first!.end + second!.start) / 2);
    outside[at] = outside[at]! ^ 1;
    expect(await sampleHash(new Blob([outside as BlobPart]))).toBe(base);
  });

  it('matches cheaply on name, size and date first', async () => {
    const file = new File([bytes(300) as BlobPart], 'a.bin', { lastModified: 42 });
    const fingerprint = await fingerprintOf(file);
    expect(fingerprint).toEqual({
      name: 'a.bin',
      size: 300,
      lastModified: 42,
      sample: crc64(bytes(300)),
    });
    expect(mayMatch(fingerprint, file)).toBe(true);
    expect(mayMatch(fingerprint, new File([file], 'a.bin', { lastModified: 43 }))).toBe(false);
    expect(mayMatch(fingerprint, new File([file], 'b.bin', { lastModified: 42 }))).toBe(false);
  });
});
