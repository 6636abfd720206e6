// TEMPORARY stand-in until src/features/upload/engine/create-upload-engine.ts lands: accepts
// files into the list and checks them against the link's limits, and uploads nothing.
import type { LinkInfo } from '../../protocol/schemas';
import type {
  EngineSnapshot,
  FileEntry,
  FileInput,
  UploadEngine,
} from '../features/upload/engine/types';

export function createStandInEngine(link: LinkInfo): UploadEngine {
  let files: FileEntry[] = [];
  const listeners = new Set<() => void>();
  let snapshot: EngineSnapshot = build();
  function build(): EngineSnapshot {
    const count = (status: FileEntry['status']) => files.filter((f) => f.status === status).length;
    return {
      files,
      totals: {
        files: files.length,
        done: count('done'),
        failed: count('failed'),
        cancelled: count('cancelled'),
        rejected: count('rejected'),
        active: count('queued') + count('paused'),
        bytes: files.reduce((sum, f) => sum + (f.status === 'rejected' ? 0 : f.size), 0),
        bytesSent: 0,
        speed: 0,
      },
      online: true,
      pausedAll: false,
    };
  }
  const update = (next: FileEntry[]) => {
    files = next;
    snapshot = build();
    for (const listener of listeners) listener();
  };
  const set = (id: string, status: FileEntry['status']) =>
    update(files.map((f) => (f.id === id ? { ...f, status } : f)));
  let nextId = 0;
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    addFiles(inputs: readonly FileInput[]) {
      const max = link.limits.maxFileSize;
      update([
        ...files,
        ...inputs.map(({ file, relativePath }): FileEntry => {
          const tooLarge = max !== null && file.size > max;
          return {
            id: String(nextId++),
            name: file.name,
            relativePath: relativePath ?? '',
            size: file.size,
            type: file.type,
            status: tooLarge ? 'rejected' : 'queued',
            bytesSent: 0,
            speed: 0,
            urlExpiresAt: null,
            key: null,
            crc64: null,
            etag: null,
            error: tooLarge ? { code: 'file-too-large', params: { limit: max } } : null,
            attempts: 0,
            mode: null,
            addedAt: 0,
            finishedAt: null,
          };
        }),
      ]);
    },
    cancel: (id) => set(id, 'cancelled'),
    retry: (id) => set(id, 'queued'),
    pause: (id) => set(id, 'paused'),
    resume: (id) => set(id, 'queued'),
    pauseAll: () =>
      update(files.map((f) => (f.status === 'queued' ? { ...f, status: 'paused' } : f))),
    resumeAll: () =>
      update(files.map((f) => (f.status === 'paused' ? { ...f, status: 'queued' } : f))),
    retryAllFailed: () =>
      update(files.map((f) => (f.status === 'failed' ? { ...f, status: 'queued' } : f))),
    cancelAll: () =>
      update(files.map((f) => (f.status === 'queued' ? { ...f, status: 'cancelled' } : f))),
    clearFinished: () =>
      update(files.filter((f) => f.status === 'queued' || f.status === 'paused')),
    destroy: () => listeners.clear(),
  };
}
