/**
 * Hashers: the Web Worker one the browser uses, and an in-process one (tests, and a fallback
 * when a Content-Security-Policy forbids workers). Both read the file in slices.
 */
import { abortReason } from '../failures/abort';
import { crc64OfBlob } from './crc64-of-blob';
import { DEFAULT_HASH_SLICE_BYTES, type Hasher, type HashOptions } from '../ports/hasher';
import type { FromHashWorker, ToHashWorker } from './hash-worker-protocol';

export function createInlineCrc64Hasher(options: { sliceBytes?: number } = {}): Hasher {
  return {
    hash: (blob, hashOptions: HashOptions = {}) =>
      crc64OfBlob(blob, {
        sliceBytes: options.sliceBytes ?? DEFAULT_HASH_SLICE_BYTES,
        signal: hashOptions.signal,
        onProgress: hashOptions.onProgress,
      }),
  };
}

/** The part of a Worker the hasher uses (so tests can pass a fake). */
export interface HashWorkerLike {
  postMessage(message: ToHashWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FromHashWorker>) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
  terminate(): void;
}

interface Pending {
  blob: Blob;
  resolve: (crc: string) => void;
  reject: (error: Error) => void;
  onProgress?: (bytes: number) => void;
}

/**
 * Hashes in one long-lived module worker. If the worker cannot start (a CSP without
 * `worker-src`, an old browser) or crashes, hashing falls back to the main thread, slice by
 * slice, so files still get verified instead of failing.
 */
export function createWorkerCrc64Hasher(
  options: { sliceBytes?: number; createWorker?: () => HashWorkerLike } = {},
): Hasher {
  const sliceBytes = options.sliceBytes ?? DEFAULT_HASH_SLICE_BYTES;
  const createWorker =
    options.createWorker ??
    (() =>
      new Worker(new URL('./crc64.worker.ts', import.meta.url), {
        type: 'module',
      }) as unknown as HashWorkerLike);
  let worker: HashWorkerLike | null = null;
  let fallback: Hasher | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  function runInline(p: Pending) {
    fallback ??= createInlineCrc64Hasher({ sliceBytes });
    fallback.hash(p.blob, { onProgress: p.onProgress }).then(p.resolve, p.reject);
  }

  function switchToInline() {
    worker?.terminate();
    worker = null;
    fallback ??= createInlineCrc64Hasher({ sliceBytes });
    const stranded = [...pending.values()];
    pending.clear();
    for (const p of stranded) runInline(p);
  }

  function ensureWorker(): HashWorkerLike | null {
    if (worker) return worker;
    if (fallback) return null;
    let w: HashWorkerLike;
    try {
      w = createWorker();
    } catch {
      fallback = createInlineCrc64Hasher({ sliceBytes });
      return null;
    }
    w.addEventListener('message', (event) => {
      const message = event.data;
      const p = pending.get(message.id);
      if (!p) return;
      if (message.type === 'progress') {
        p.onProgress?.(message.bytes);
      } else if (message.type === 'done') {
        pending.delete(message.id);
        p.resolve(message.crc64);
      } else {
        pending.delete(message.id);
        const error = new Error(message.message);
        error.name = message.name;
        p.reject(error);
      }
    });
    w.addEventListener('error', () => switchToInline());
    worker = w;
    return w;
  }

  return {
    hash(blob, hashOptions: HashOptions = {}) {
      const { signal } = hashOptions;
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      const w = ensureWorker();
      if (!w) {
        return fallback!.hash(blob, hashOptions);
      }
      const id = nextId++;
      return new Promise<string>((resolve, reject) => {
        const onAbort = () => {
          if (!pending.delete(id)) return;
          worker?.postMessage({ type: 'cancel', id });
          reject(abortReason(signal!));
        };
        pending.set(id, {
          blob,
          resolve: (crc) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(crc);
          },
          reject: (error) => {
            signal?.removeEventListener('abort', onAbort);
            reject(error);
          },
          onProgress: hashOptions.onProgress,
        });
        signal?.addEventListener('abort', onAbort, { once: true });
        w.postMessage({ type: 'hash', id, blob, sliceBytes });
      });
    },
    dispose() {
      worker?.terminate();
      worker = null;
      for (const p of pending.values()) p.reject(new Error('Hasher disposed'));
      pending.clear();
    },
  };
}

/** The worker hasher where workers exist, else the in-process one. */
export function createDefaultHasher(): Hasher {
  return typeof Worker === 'undefined' ? createInlineCrc64Hasher() : createWorkerCrc64Hasher();
}
