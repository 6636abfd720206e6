/**
 * A file as the snapshot shows it (`FileEntry`), and how each action changes it: a pure
 * reducer that returns a new object, so entries in earlier snapshots never change. Entering a
 * stage (an accepted transition of file-machine.ts) sets the status from the stage and the
 * facts the event brought (the error, the object key…); the other actions carry data only.
 */
import type { ErrorCode } from '../../../../../protocol/error-codes';
import type { FileEntry, FileStatus, Totals } from '../types';
import { STATUS_OF_STAGE, type FileEvent, type FileStage } from './file-machine';

export type FileAction =
  /** The file entered `stage` through `event` (at local time `at`). */
  | { type: 'stage'; id: string; stage: FileStage; event: FileEvent; at: number }
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
  | { type: 'hashed'; id: string; crc64: string | null };

/** The one place a file's progress is computed: 1 only once verified (bytes sent are not bytes stored). */
export function progressOf(entry: Pick<FileEntry, 'status' | 'bytesSent' | 'size'>): number {
  if (entry.status === 'done') return 1;
  if (entry.size === 0) return 0;
  return Math.min(0.99, entry.bytesSent / entry.size);
}

function withProgress(entry: FileEntry): FileEntry {
  entry.progress = progressOf(entry);
  return entry;
}

/** The entry of a file just added, before anything happened to it. */
export function newEntry(
  fields: Pick<FileEntry, 'id' | 'name' | 'relativePath' | 'size' | 'type' | 'stage' | 'error'> & {
    at: number;
  },
): FileEntry {
  const status = STATUS_OF_STAGE[fields.stage];
  return {
    id: fields.id,
    name: fields.name,
    relativePath: fields.relativePath,
    size: fields.size,
    type: fields.type,
    status,
    stage: fields.stage,
    bytesSent: 0,
    speed: 0,
    urlExpiresAt: null,
    key: null,
    crc64: null,
    etag: null,
    error: fields.error,
    attempts: 0,
    mode: null,
    addedAt: fields.at,
    finishedAt: status === 'rejected' ? fields.at : null,
    progress: 0,
    retrying: null,
    parts: null,
  };
}

/** The facts that come with entering a stage, by the event that led there. */
function enterStage(entry: FileEntry, stage: FileStage, event: FileEvent, at: number): FileEntry {
  const next: FileEntry = { ...entry, stage, status: STATUS_OF_STAGE[stage] };
  const ended = { urlExpiresAt: null, speed: 0, retrying: null, finishedAt: at };
  switch (event.type) {
    case 'run-verifying':
      next.bytesSent = entry.size;
      next.speed = 0;
      next.retrying = null;
      next.parts = entry.parts ? { done: entry.parts.total, total: entry.parts.total } : null;
      break;
    case 'verified':
      Object.assign(next, ended, { key: event.key, etag: event.etag, error: null });
      next.crc64 = event.crc64 ?? entry.crc64;
      next.bytesSent = entry.size;
      break;
    case 'failed':
    case 'hash-failed':
      Object.assign(next, ended, { error: event.error, bytesSent: event.bytesSent });
      break;
    case 'refused':
      Object.assign(next, ended, { error: event.error, bytesSent: 0 });
      break;
    case 'cancel':
      Object.assign(next, ended, { bytesSent: 0 });
      break;
    case 'retry': {
      // A multipart upload that goes on keeps the parts COS holds; anything else starts at 0.
      const keepParts = event.keep === 'parts';
      Object.assign(next, {
        bytesSent: keepParts ? entry.bytesSent : 0,
        speed: 0,
        error: null,
        etag: null,
        attempts: 0,
        retrying: null,
        finishedAt: null,
        urlExpiresAt: keepParts ? entry.urlExpiresAt : null,
        parts: keepParts ? entry.parts : null,
      });
      break;
    }
    default:
      if (next.status !== 'uploading') next.speed = 0;
  }
  return withProgress(next);
}

/** Pure per-entry reducer; returns a new object (or the same one when nothing changes). */
export function reduceEntry(entry: FileEntry, action: FileAction): FileEntry {
  switch (action.type) {
    case 'stage':
      return enterStage(entry, action.stage, action.event, action.at);
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
  }
}

/** Statuses of unfinished work (closing the page would lose it). */
export const ACTIVE: ReadonlySet<FileStatus> = new Set<FileStatus>([
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
