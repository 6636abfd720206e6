import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';

/** Bytes per read: large reads cost far less per byte than the default 64 KiB. */
const READ_BYTES = 1024 * 1024;

/**
 * The bytes `start`…`end` (inclusive) of the concatenation of open files of the given sizes,
 * as one stream: how a multipart object (one file per part) is read. The handles are opened
 * by the caller before anything is sent, so a version replaced meanwhile is still read whole;
 * all of them are closed when the stream ends or is destroyed.
 */
export function concatReadStream(
  files: ReadonlyArray<{ handle: FileHandle; size: number }>,
  range: { start: number; end: number },
): Readable {
  async function* bytes(): AsyncGenerator<Buffer> {
    try {
      let offset = 0;
      for (const { handle, size } of files) {
        const first = offset;
        offset += size;
        if (size === 0 || offset - 1 < range.start || first > range.end) continue;
        const stream = handle.createReadStream({
          start: Math.max(range.start, first) - first,
          end: Math.min(range.end, offset - 1) - first,
          autoClose: false,
          highWaterMark: READ_BYTES,
        });
        for await (const chunk of stream) yield chunk as Buffer;
      }
    } finally {
      await Promise.all(files.map((f) => f.handle.close().catch(() => undefined)));
    }
  }
  return Readable.from(bytes(), { objectMode: false });
}
