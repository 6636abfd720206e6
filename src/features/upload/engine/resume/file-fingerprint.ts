/**
 * A file's fingerprint for resume after a reload: name, size, lastModified and a CRC-64 of a
 * few slices spread over the file. Reading 128 KiB keeps matching instant even for a 50 GB
 * file; a change the samples miss is still caught by the whole-file CRC-64 at verification.
 */
import { Crc64Xz } from '../../../../../protocol/crc64';
import type { FileFingerprint } from '../ports/resume-store';

const SLICES = 8;
const SLICE_BYTES = 16 * 1024;

/** Byte ranges sampled from a file of `size` bytes: the whole file when it is small. */
export function sampleRanges(size: number): Array<{ start: number; end: number }> {
  if (size <= SLICES * SLICE_BYTES) return size === 0 ? [] : [{ start: 0, end: size }];
  const last = size - SLICE_BYTES;
  return Array.from({ length: SLICES }, (_, i) => {
    const start = Math.floor((i * last) / (SLICES - 1));
    return { start, end: start + SLICE_BYTES };
  });
}

export async function sampleHash(file: Blob): Promise<string> {
  const crc = new Crc64Xz();
  for (const { start, end } of sampleRanges(file.size)) {
    crc.update(new Uint8Array(await file.slice(start, end).arrayBuffer()));
  }
  return crc.digest();
}

export async function fingerprintOf(file: File): Promise<FileFingerprint> {
  return {
    name: file.name,
    size: file.size,
    lastModified: file.lastModified,
    sample: await sampleHash(file),
  };
}

/** The cheap part of the match: worth reading samples only when this holds. */
export function mayMatch(fingerprint: FileFingerprint, file: File): boolean {
  return (
    fingerprint.name === file.name &&
    fingerprint.size === file.size &&
    fingerprint.lastModified === file.lastModified
  );
}
