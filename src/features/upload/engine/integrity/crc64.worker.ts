/**
 * Web Worker entry: hashes files off the main thread so a 10 GB CRC64 never blocks the page.
 * Loaded with `new Worker(new URL('./crc64.worker.ts', import.meta.url), { type: 'module' })`.
 */
import { createHashWorkerHandler, type ToHashWorker } from './hash-worker-protocol';

interface WorkerScope {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent<ToHashWorker>) => void) | null;
}

const scope = globalThis as unknown as WorkerScope;
const handle = createHashWorkerHandler((message) => scope.postMessage(message));
scope.onmessage = (event) => {
  void handle(event.data);
};
