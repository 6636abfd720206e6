/**
 * A test double of the UploadEngine interface for component tests: it holds whatever
 * snapshot the test sets and records the commands the UI sends. The real engine is tested
 * in src/features/upload/engine.
 */
import type {
  EngineSnapshot,
  FileEntry,
  FileInput,
  Totals,
  UploadEngine,
} from '../../engine/types';

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

export function totalsOf(files: readonly FileEntry[]): Totals {
  const count = (...statuses: FileEntry['status'][]) =>
    files.filter((file) => statuses.includes(file.status)).length;
  const counted = files.filter((file) => file.status !== 'rejected');
  return {
    files: files.length,
    done: count('done'),
    failed: count('failed'),
    cancelled: count('cancelled'),
    rejected: count('rejected'),
    active: count('queued', 'signing', 'uploading', 'paused', 'verifying'),
    bytes: counted.reduce((sum, file) => sum + file.size, 0),
    bytesSent: counted.reduce((sum, file) => sum + file.bytesSent, 0),
    speed: files.reduce((sum, file) => sum + file.speed, 0),
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
    totals: totalsOf(initial),
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
      snapshot = { ...snapshot, ...extra, files, totals: totalsOf(files) };
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
