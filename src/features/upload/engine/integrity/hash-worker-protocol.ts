/**
 * Messages between the page and the CRC64 worker, and the worker's message handler (kept out
 * of crc64.worker.ts so it can be tested without a Worker).
 */
import { crc64OfBlob } from './crc64-of-blob';

export type ToHashWorker =
  { type: 'hash'; id: number; blob: Blob; sliceBytes: number } | { type: 'cancel'; id: number };

export type FromHashWorker =
  | { type: 'progress'; id: number; bytes: number }
  | { type: 'done'; id: number; crc64: string }
  | { type: 'error'; id: number; name: string; message: string };

/** Progress messages at most this often per job, so the page is not flooded. */
const PROGRESS_EVERY_MS = 200;

export function createHashWorkerHandler(
  post: (message: FromHashWorker) => void,
  now: () => number = () => Date.now(),
): (message: ToHashWorker) => Promise<void> {
  const running = new Map<number, AbortController>();
  return async (message) => {
    if (message.type === 'cancel') {
      running.get(message.id)?.abort();
      running.delete(message.id);
      return;
    }
    const controller = new AbortController();
    running.set(message.id, controller);
    let lastPost = 0;
    try {
      const crc64 = await crc64OfBlob(message.blob, {
        sliceBytes: message.sliceBytes,
        signal: controller.signal,
        onProgress: (bytes) => {
          const t = now();
          if (t - lastPost >= PROGRESS_EVERY_MS) {
            lastPost = t;
            post({ type: 'progress', id: message.id, bytes });
          }
        },
      });
      if (!controller.signal.aborted) post({ type: 'done', id: message.id, crc64 });
    } catch (error) {
      if (controller.signal.aborted) return;
      const e = error instanceof Error ? error : new Error(String(error));
      post({ type: 'error', id: message.id, name: e.name, message: e.message });
    } finally {
      running.delete(message.id);
    }
  };
}
