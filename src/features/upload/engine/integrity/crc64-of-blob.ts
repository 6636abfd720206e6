import type { Crc64Hasher } from '../../../../../protocol/crc64-wasm';
import { abortReason } from '../failures/abort';
import { DEFAULT_HASH_SLICE_BYTES } from '../ports/hasher';

/**
 * Hash a Blob slice by slice: only one slice is ever in memory, whatever the file's size.
 * Shared by the worker and the in-process hasher so both compute exactly the same thing.
 *
 * For a file of several slices, where the Blob's stream can read into a buffer we own (a BYOB
 * reader), one buffer is filled again and again: reading a 2 GiB file as 4 MiB `arrayBuffer()`s leaves garbage faster than
 * the collector frees it (measured: the portal's memory rose by about 100 MiB while hashing,
 * a page that only sends the file rose by 7). Otherwise, slice by slice.
 */
export async function crc64OfBlob(
  blob: Blob,
  options: {
    sliceBytes?: number;
    signal?: AbortSignal;
    onProgress?: (bytes: number) => void;
  } = {},
): Promise<string> {
  const sliceBytes = options.sliceBytes ?? DEFAULT_HASH_SLICE_BYTES;
  // WebAssembly (about 2 GB/s; JavaScript where it cannot run), loaded on first use: the
  // worker bundles it, and the page's initial JavaScript does not carry it.
  const crc = (await import('../../../../../protocol/crc64-wasm')).createCrc64();
  // A file of one slice leaves one buffer behind either way, and opening a stream costs more
  // than the read (measured: 1,000 files of 4 KiB took twice as long through streams).
  const reader = blob.size > sliceBytes ? byobReader(blob) : null;
  if (reader) await hashStream(reader, crc, sliceBytes, options);
  else await hashSlices(blob, crc, sliceBytes, options);
  if (options.signal?.aborted) throw abortReason(options.signal);
  return crc.digest();
}

type Options = { signal?: AbortSignal; onProgress?: (bytes: number) => void };

function byobReader(blob: Blob): ReadableStreamBYOBReader | null {
  try {
    return typeof blob.stream === 'function' ? blob.stream().getReader({ mode: 'byob' }) : null;
  } catch {
    return null; // not a byte stream here
  }
}

async function hashStream(
  reader: ReadableStreamBYOBReader,
  crc: Crc64Hasher,
  sliceBytes: number,
  { signal, onProgress }: Options,
): Promise<void> {
  let buffer = new ArrayBuffer(sliceBytes);
  let total = 0;
  try {
    for (let ended = false; !ended;) {
      // Fill the whole buffer (a read may return less), so progress moves slice by slice.
      let filled = 0;
      while (filled < sliceBytes) {
        if (signal?.aborted) throw abortReason(signal);
        const { value, done } = await reader.read(
          new Uint8Array(buffer, filled, sliceBytes - filled),
        );
        if (value) {
          // The buffer was handed to the stream and comes back with the bytes.
          buffer = value.buffer as ArrayBuffer;
          filled += value.byteLength;
        }
        if (done) {
          ended = true;
          break;
        }
      }
      if (filled > 0) {
        crc.update(new Uint8Array(buffer, 0, filled));
        total += filled;
        onProgress?.(total);
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

async function hashSlices(
  blob: Blob,
  crc: Crc64Hasher,
  sliceBytes: number,
  { signal, onProgress }: Options,
): Promise<void> {
  for (let offset = 0; offset < blob.size; offset += sliceBytes) {
    if (signal?.aborted) throw abortReason(signal);
    const end = Math.min(blob.size, offset + sliceBytes);
    const buffer = await blob.slice(offset, end).arrayBuffer();
    crc.update(new Uint8Array(buffer));
    onProgress?.(end);
  }
}
