/**
 * The upload engine's events told to the framing page in the embed contract's words
 * (docs/embedding.md §4). Per file: `file-added` (status queued, paused or rejected), at least
 * one `progress` naming it, then `file-done` or `file-failed`; `all-done` follows the outcome
 * that left nothing to do. Progress is gathered: at most one message per interval, and always
 * one just before an outcome, so a file's last progress comes before it.
 */
import type {
  EmbedFile,
  EmbedFileProgress,
  EmbedFileStatus,
  EmbedSummary,
} from '../../../protocol/embed-messages';
import type { PortalEventBody } from './embed-origin-gate';

/** What the reporter reads of a file (structurally the engine's own entries). */
export interface EmbedEntry {
  id: string;
  name: string;
  relativePath: string;
  size: number;
  type: string;
  status: EmbedFileStatus;
  bytesSent: number;
  progress: number;
  key: string | null;
  crc64: string | null;
  etag: string | null;
  error: { code: string } | null;
}

/** The engine's events as the reporter reads them (structurally the engine's own). */
export type EmbedEngineEvent =
  | { type: 'file-added' | 'file-progress' | 'file-done' | 'file-failed'; file: EmbedEntry }
  | { type: 'file-removed'; id: string }
  | { type: 'online-changed'; online: boolean }
  | { type: 'all-done'; summary: EmbedSummary };

export interface EmbedTotals {
  files: number;
  active: number;
  bytes: number;
  bytesSent: number;
}

export interface EmbedReporter {
  /** One batch of the engine's events, in order. */
  report(events: readonly EmbedEngineEvent[]): void;
  /** Drop what is waiting (the engine went away). */
  reset(): void;
}

function fileOf(entry: EmbedEntry): EmbedFile {
  return {
    id: entry.id,
    name: entry.name,
    relativePath: entry.relativePath,
    size: entry.size,
    type: entry.type,
  };
}

function progressOf(entry: EmbedEntry): EmbedFileProgress {
  const { id, status, bytesSent, size, progress } = entry;
  return { id, status, bytesSent, size, progress };
}

export function createEmbedReporter(deps: {
  post(event: PortalEventBody): void;
  /** Words for an error code in the portal's language. */
  describe(code: string): string;
  /** The engine's totals now (for the `total` of a progress message). */
  totals(): EmbedTotals;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  progressIntervalMs: number;
}): EmbedReporter {
  const { post } = deps;
  /** The latest entry of each file whose progress is not told yet. */
  const dirty = new Map<string, EmbedEntry>();
  let timer: unknown = null;

  function flushProgress() {
    if (timer !== null) deps.clearTimeout(timer);
    timer = null;
    if (dirty.size === 0) return;
    const files = [...dirty.values()].map(progressOf);
    dirty.clear();
    const totals = deps.totals();
    post({
      type: 'progress',
      files,
      total: {
        files: totals.files,
        active: totals.active,
        bytes: totals.bytes,
        bytesSent: totals.bytesSent,
        progress: totals.bytes > 0 ? Math.min(1, totals.bytesSent / totals.bytes) : 0,
      },
    });
  }

  function postOutcome(entry: EmbedEntry) {
    if (entry.status === 'done') {
      post({
        type: 'file-done',
        file: fileOf(entry),
        key: entry.key ?? '',
        size: entry.size,
        crc64: entry.crc64,
        etag: entry.etag ?? '',
      });
      return;
    }
    const code = entry.status === 'cancelled' ? 'cancelled' : (entry.error?.code ?? 'unknown');
    post({
      type: 'file-failed',
      file: fileOf(entry),
      status: entry.status as 'failed' | 'rejected' | 'cancelled',
      code,
      message: deps.describe(code),
    });
  }

  return {
    report(events) {
      const outcomes: EmbedEntry[] = [];
      const removed: string[] = [];
      let allDone: EmbedSummary | null = null;
      for (const event of events) {
        switch (event.type) {
          case 'file-added':
            post({
              type: 'file-added',
              file: fileOf(event.file),
              status: event.file.status as 'queued' | 'paused' | 'rejected',
            });
            dirty.set(event.file.id, event.file);
            break;
          case 'file-progress':
            dirty.set(event.file.id, event.file);
            break;
          case 'file-done':
          case 'file-failed':
            dirty.set(event.file.id, event.file);
            outcomes.push(event.file);
            break;
          case 'file-removed':
            removed.push(event.id);
            break;
          case 'all-done':
            allDone = event.summary;
            break;
        }
      }
      // A file's last progress always comes before its outcome.
      if (outcomes.length > 0 || allDone) flushProgress();
      for (const entry of outcomes) postOutcome(entry);
      if (allDone) post({ type: 'all-done', summary: allDone });
      for (const id of removed) dirty.delete(id);
      if (dirty.size > 0 && timer === null) {
        timer = deps.setTimeout(() => {
          timer = null;
          flushProgress();
        }, deps.progressIntervalMs);
      }
    },
    reset() {
      if (timer !== null) deps.clearTimeout(timer);
      timer = null;
      dirty.clear();
    },
  };
}
