/**
 * CRC-64/XZ of a file, the checksum COS reports as `x-cos-hash-crc64ecma`. An interface so the
 * engine's tests can hash in-process; the browser default runs in a Web Worker.
 */
export interface HashOptions {
  signal?: AbortSignal;
  /** Bytes hashed so far. */
  onProgress?: (bytes: number) => void;
}

export interface Hasher {
  /** Resolves with the unsigned decimal CRC64; rejects if the file cannot be read. */
  hash(blob: Blob, options?: HashOptions): Promise<string>;
  /** Release workers. */
  dispose?(): void;
}

/** 4 MiB: large enough that per-slice overhead vanishes, small enough to keep memory flat. */
export const DEFAULT_HASH_SLICE_BYTES = 4 * 1024 * 1024;
