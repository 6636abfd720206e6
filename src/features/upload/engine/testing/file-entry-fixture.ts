/**
 * A snapshot entry written by hand, for tests of the store and of the UI: the stage follows
 * from the status given (the usual one for it) and the progress is the engine's own figure.
 * Test-only.
 */
import { progressOf } from '../state/file-entry';
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
    id: overrides.name,
    relativePath: '',
    size: 1000,
    type: 'application/octet-stream',
    status,
    stage: USUAL_STAGE[status],
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
    progress: 0,
    ...overrides,
  };
  return overrides.progress === undefined ? { ...entry, progress: progressOf(entry) } : entry;
}
