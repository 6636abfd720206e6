import { Crc64Xz } from '../../../../protocol/crc64';
import { abortReason } from './abort';
import { DEFAULT_HASH_SLICE_BYTES } from './hasher';

/**
 * Hash a Blob slice by slice: only one slice is ever in memory, whatever the file's size.
 * Shared by the worker and the in-process hasher so both compute exactly the same thing.
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
  const crc = new Crc64Xz();
  for (let offset = 0; offset < blob.size; offset += sliceBytes) {
    if (options.signal?.aborted) throw abortReason(options.signal);
    const end = Math.min(blob.size, offset + sliceBytes);
    const buffer = await blob.slice(offset, end).arrayBuffer();
    crc.update(new Uint8Array(buffer));
    options.onProgress?.(end);
  }
  if (options.signal?.aborted) throw abortReason(options.signal);
  return crc.digest();
}
