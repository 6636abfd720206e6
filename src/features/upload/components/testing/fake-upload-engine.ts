/**
 * A test double of the UploadEngine interface for component tests: it holds whatever
 * snapshot the test sets and records the commands the UI sends. The real engine is tested
 * in src/features/upload/engine.
 */
import { computeTotals } from '../../engine/state/store';
import type { EngineSnapshot, FileEntry, FileInput, UploadEngine } from '../../engine/types';

export function fileEntry(overrides: Partial<FileEntry> & { name: string }): FileEntry {
  return {
    id: overrides.name,
    relativePath: '',
    size: 1000,
    type: 'application/octet-stream',
    status: 'queued',
    bytesSent: 0,
    speed: 0,
    urlExpiresAt: null,
    key: null,
    crc64: null,
    etag: null,
    error: null,
    attempts: 0,
    mode: null,
    addedAt: 0,
    finishedAt: null,
    ...overrides,
  };
}

export type FakeUploadEngine = UploadEngine & {
  calls: Array<[string, ...unknown[]]>;
  added: FileInput[];
  destroyed: boolean;
  setFiles(files: FileEntry[], extra?: Partial<Omit<EngineSnapshot, 'files' | 'totals'>>): void;
};

export function createFakeUploadEngine(initial: FileEntry[] = []): FakeUploadEngine {
  const listeners = new Set<() => void>();
  let snapshot: EngineSnapshot = {
    files: initial,
    totals: computeTotals(initial),
    online: true,
    pausedAll: false,
  };
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      engine.calls.push([name, ...args]);
    };
  const engine: FakeUploadEngine = {
    calls: [],
    added: [],
    destroyed: false,
    setFiles(files, extra = {}) {
      snapshot = { ...snapshot, ...extra, files, totals: computeTotals(files) };
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot: () => snapshot,
    addFiles(inputs) {
      engine.added.push(...inputs);
      engine.calls.push(['addFiles', inputs.length]);
    },
    cancel: record('cancel'),
    retry: record('retry'),
    pause: record('pause'),
    resume: record('resume'),
    pauseAll: record('pauseAll'),
    resumeAll: record('resumeAll'),
    retryAllFailed: record('retryAllFailed'),
    cancelAll: record('cancelAll'),
    clearFinished: record('clearFinished'),
    destroy() {
      engine.destroyed = true;
      listeners.clear();
    },
  };
  return engine;
}
