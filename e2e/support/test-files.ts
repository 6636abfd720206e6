/**
 * Deterministic pseudo-random test files on disk (AES-256-CTR over zeros, keyed by a seed), so
 * a 300 MiB file costs a second to write and is never held in the test process, plus the
 * CRC-64 of a file computed while streaming it (the value COS reports as x-cos-hash-crc64ecma).
 */
import { createCipheriv, createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { Crc64Xz } from '../../protocol/crc64';

const CHUNK = 1024 * 1024;

/** Bytes `seed` always gives: the same on every run and machine. */
export function pseudoRandomBytes(size: number, seed: string): Buffer {
  const key = createHash('sha256').update(seed).digest();
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  return cipher.update(Buffer.alloc(size));
}

export async function writePseudoRandomFile(
  file: string,
  size: number,
  seed: string,
): Promise<void> {
  const key = createHash('sha256').update(seed).digest();
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  const out = createWriteStream(file);
  const zeros = Buffer.alloc(CHUNK);
  for (let written = 0; written < size; written += CHUNK) {
    const n = Math.min(CHUNK, size - written);
    if (!out.write(cipher.update(n === CHUNK ? zeros : zeros.subarray(0, n)))) {
      await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
}

export async function crc64OfFile(file: string): Promise<string> {
  const crc = new Crc64Xz();
  for await (const chunk of createReadStream(file, { highWaterMark: 4 * CHUNK })) {
    crc.update(chunk as Buffer);
  }
  return crc.digest();
}

/** A temp folder for one spec; `remove()` in afterAll. */
export function tempFolder(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
