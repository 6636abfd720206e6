/**
 * The engine's state. Every change goes through `dispatch` with a typed action; listeners hear
 * about changes at most once per scheduled flush (an animation frame), however many actions
 * ran in between.
 *
 * Built for 10,000 entries: entries live in a Map by id, so an action costs O(1); the
 * `files` array and the totals are rebuilt (O(n)) only when someone reads a snapshot after a
 * change, i.e. at most once per render. `getSnapshot()` returns the very same object until
 * something changes, as useSyncExternalStore requires.
 */
import type {
  EngineSnapshot,
  FileEntry,
  FileStatus,
  Totals,
  UnfinishedUpload,
  UploadError,
} from '../types';
import type { ErrorCode } from '../../../../../protocol/error-codes';

export type FileAction =
  | { type: 'status'; id: string; status: FileStatus }
  | {
      type: 'planned';
      id: string;
      key: string;
      mode: 'single' | 'multipart';
      urlExpiresAt: number | null;
      parts: { done: number; total: number } | null;
    }
  | { type: 'url-signed'; id: string; urlExpiresAt: number | null }
  | { type: 'progress'; id: string; bytesSent: number; speed: number; partsDone?: number }
  | { type: 'retrying'; id: string; attempts: number; retrying: { code: ErrorCode; at: number } }
  | { type: 'retry-cleared'; id: string }
  | { type: 'hashed'; id: string; crc64: string | null }
  | { type: 'verifying'; id: string }
  | { type: 'done'; id: string; key: string; etag: string; crc64: string | null; at: number }
  | { type: 'failed'; id: string; error: UploadError; at: number; bytesSent: number }
  | { type: 'rejected'; id: string; error: UploadError; at: number }
  | { type: 'cancelled'; id: string; at: number; bytesSent: number }
  | { type: 'reset'; id: string; status: FileStatus; keepPlan: boolean };

export type EngineAction =
  | FileAction
  | { type: 'files-added'; entries: readonly FileEntry[] }
  | { type: 'files-removed'; ids: ReadonlySet<string> }
  | { type: 'online-changed'; online: boolean }
  | { type: 'paused-all-changed'; pausedAll: boolean }
  | { type: 'unfinished-changed'; unfinished: readonly UnfinishedUpload[] };

/** Progress for a bar: 1 only once verified. */
function progressOf(status: FileStatus, bytesSent: number, size: number): number {
  if (status === 'done') return 1;
  if (size === 0) return 0;
  return Math.min(0.99, bytesSent / size);
}

function withProgress(entry: FileEntry): FileEntry {
  entry.progress = progressOf(entry.status, entry.bytesSent, entry.size);
  return entry;
}

/** Pure per-entry reducer; returns a new object (entries in old snapshots never change). */
export function reduceEntry(entry: FileEntry, action: FileAction): FileEntry {
  switch (action.type) {
    case 'status':
      return withProgress({
        ...entry,
        status: action.status,
        speed: action.status === 'uploading' ? entry.speed : 0,
      });
    case 'planned':
      return {
        ...entry,
        key: action.key,
        mode: action.mode,
        urlExpiresAt: action.urlExpiresAt,
        parts: action.parts,
      };
    case 'url-signed':
      return { ...entry, urlExpiresAt: action.urlExpiresAt };
    case 'progress':
      return withProgress({
        ...entry,
        bytesSent: action.bytesSent,
        speed: action.speed,
        parts:
          action.partsDone !== undefined && entry.parts
            ? { done: action.partsDone, total: entry.parts.total }
            : entry.parts,
      });
    case 'retrying':
      return { ...entry, attempts: action.attempts, retrying: action.retrying, speed: 0 };
    case 'retry-cleared':
      return entry.retrying ? { ...entry, retrying: null } : entry;
    case 'hashed':
      return { ...entry, crc64: action.crc64 };
    case 'verifying':
      return withProgress({
        ...entry,
        status: 'verifying',
        bytesSent: entry.size,
        speed: 0,
        retrying: null,
        parts: entry.parts ? { done: entry.parts.total, total: entry.parts.total } : null,
      });
    case 'done':
      return withProgress({
        ...entry,
        status: 'done',
        key: action.key,
        etag: action.etag,
        urlExpiresAt: null,
        crc64: action.crc64 ?? entry.crc64,
        bytesSent: entry.size,
        speed: 0,
        error: null,
        retrying: null,
        finishedAt: action.at,
      });
    case 'failed':
      return withProgress({
        ...entry,
        status: 'failed',
        error: action.error,
        bytesSent: action.bytesSent,
        urlExpiresAt: null,
        speed: 0,
        retrying: null,
        finishedAt: action.at,
      });
    case 'rejected':
      return withProgress({
        ...entry,
        status: 'rejected',
        error: action.error,
        bytesSent: 0,
        urlExpiresAt: null,
        speed: 0,
        retrying: null,
        finishedAt: action.at,
      });
    case 'cancelled':
      return withProgress({
        ...entry,
        status: 'cancelled',
        urlExpiresAt: null,
        bytesSent: action.bytesSent,
        speed: 0,
        retrying: null,
        finishedAt: action.at,
      });
    case 'reset':
      return withProgress({
        ...entry,
        status: action.status,
        bytesSent: action.keepPlan ? entry.bytesSent : 0,
        speed: 0,
        error: null,
        etag: null,
        attempts: 0,
        retrying: null,
        finishedAt: null,
        urlExpiresAt: action.keepPlan ? entry.urlExpiresAt : null,
        parts: action.keepPlan ? entry.parts : null,
      });
  }
}

const ACTIVE: ReadonlySet<FileStatus> = new Set<FileStatus>([
  'queued',
  'signing',
  'uploading',
  'paused',
  'verifying',
]);

export function computeTotals(files: readonly FileEntry[]): Totals {
  const totals: Totals = {
    files: files.length,
    done: 0,
    failed: 0,
    cancelled: 0,
    rejected: 0,
    active: 0,
    bytes: 0,
    bytesSent: 0,
    speed: 0,
  };
  for (const f of files) {
    if (f.status === 'done') totals.done++;
    else if (f.status === 'failed') totals.failed++;
    else if (f.status === 'cancelled') totals.cancelled++;
    else if (f.status === 'rejected') totals.rejected++;
    if (ACTIVE.has(f.status)) totals.active++;
    // Rejected and cancelled files will never be sent: they do not count towards the bytes.
    if (f.status !== 'rejected' && f.status !== 'cancelled') {
      totals.bytes += f.size;
      totals.bytesSent += f.bytesSent;
      totals.speed += f.speed;
    }
  }
  return totals;
}

export interface Store {
  dispatch(action: EngineAction): void;
  get(id: string): FileEntry | undefined;
  getSnapshot(): EngineSnapshot;
  subscribe(listener: () => void): () => void;
  /** Stop notifying; later dispatches still apply but nobody hears about them. */
  close(): void;
}

export function createStore(options: {
  scheduleFlush: (callback: () => void) => void;
  online: boolean;
}): Store {
  const entries = new Map<string, FileEntry>();
  let order: string[] = [];
  let online = options.online;
  let pausedAll = false;
  let unfinished: readonly UnfinishedUpload[] = [];
  const listeners = new Set<() => void>();
  let snapshot: EngineSnapshot = {
    files: [],
    totals: computeTotals([]),
    online,
    pausedAll,
    unfinished,
  };
  let stale = false;
  let flushPending = false;
  let closed = false;

  function flush() {
    flushPending = false;
    if (closed) return;
    for (const listener of [...listeners]) listener();
  }

  function changed() {
    stale = true;
    if (!flushPending && !closed) {
      flushPending = true;
      options.scheduleFlush(flush);
    }
  }

  function dispatch(action: EngineAction) {
    switch (action.type) {
      case 'files-added':
        for (const entry of action.entries) {
          entries.set(entry.id, withProgress({ ...entry }));
          order.push(entry.id);
        }
        break;
      case 'files-removed':
        for (const id of action.ids) entries.delete(id);
        order = order.filter((id) => entries.has(id));
        break;
      case 'online-changed':
        if (online === action.online) return;
        online = action.online;
        break;
      case 'paused-all-changed':
        if (pausedAll === action.pausedAll) return;
        pausedAll = action.pausedAll;
        break;
      case 'unfinished-changed':
        if (unfinished.length === 0 && action.unfinished.length === 0) return;
        unfinished = action.unfinished;
        break;
      default: {
        const entry = entries.get(action.id);
        if (!entry) return;
        const next = reduceEntry(entry, action);
        if (next === entry) return;
        entries.set(action.id, next);
      }
    }
    changed();
  }

  return {
    dispatch,
    get: (id) => entries.get(id),
    getSnapshot() {
      if (stale) {
        stale = false;
        const files = order.map((id) => entries.get(id)!);
        snapshot = { files, totals: computeTotals(files), online, pausedAll, unfinished };
      }
      return snapshot;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      closed = true;
      listeners.clear();
    },
  };
}
