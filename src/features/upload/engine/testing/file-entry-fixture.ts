/**
 * A snapshot entry written by hand, for tests of the store and of the UI: the stage follows
 * from the status given (the usual one for it) and the progress is the engine's own figure.
 * Test-only.
 */
import { newEntry, progressOf } from '../state/file-entry';
import type { FileStage } from '../state/file-machine';
import type { FileEntry, FileStatus } from '../types';

const USUAL_STAGE: Record<FileStatus, FileStage> = {
  queued: 'to-sign',
  signing: 'planning',
  uploading: 'sending',
  paused: 'held',
  verifying: 'verifying',
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
  rejected: 'rejected',
};

export function fileEntry(overrides: Partial<FileEntry> & { name: string }): FileEntry {
  const status = overrides.status ?? 'queued';
  const entry: FileEntry = {
    ...newEntry({
      id: overrides.name,
      name: overrides.name,
      relativePath: '',
      size: 1000,
      type: 'application/octet-stream',
      stage: USUAL_STAGE[status],
      error: null,
      at: 0,
    }),
    finishedAt: null,
    ...overrides,
  };
  return overrides.progress === undefined ? { ...entry, progress: progressOf(entry) } : entry;
}
