/**
 * Public types of the upload engine: the contract between the framework-free engine
 * (this folder) and the thin React layer (../hooks, ../components). No React here.
 */
import type { ErrorCode } from '../../../../protocol/error-codes';
import type { EngineEventListener } from './events/engine-events';
import type { FileStage } from './state/file-machine';

/**
 * Status of one file. Also rendered as `data-status` on its row, a documented contract that
 * tests and embedding hosts rely on (docs/embedding.md): do not rename values.
 */
export type FileStatus =
  | 'queued' // accepted, waiting for a slot or a signature
  | 'signing' // asking the signer for a URL / multipart plan
  | 'uploading' // bytes are moving to COS
  | 'paused' // paused by the person, by going offline or by the page being hidden
  | 'verifying' // store acknowledged; the server is checking size and CRC64
  | 'done' // verified: size and CRC64 match what COS holds
  | 'failed' // terminal until Retry; `error` says why in a stable code
  | 'cancelled' // stopped by the person; server-side work aborted
  | 'rejected'; // refused before upload (too large, wrong type, …); never sent

export interface UploadError {
  code: ErrorCode;
  /** Developer-facing detail (COS error code, HTTP status); never rendered as markup. */
  detail?: string;
  status?: number;
  requestId?: string;
  /** For limit errors: the limit that was hit, e.g. {limit: 1048576}. */
  params?: Record<string, string | number>;
}

export interface FileEntry {
  /** Engine-assigned id, stable for the life of the entry. */
  id: string;
  name: string;
  /** Folder path inside a dropped directory, '' for a loose file. */
  relativePath: string;
  size: number;
  type: string;
  status: FileStatus;
  /**
   * Where the file is in its life (state/file-machine.ts); `status` follows from it. Ask
   * state/file-actions.ts what a person may do with the file rather than reading it.
   */
  stage: FileStage;
  /** Bytes the store has acknowledged or that are in flight now (rolls back on retry). */
  bytesSent: number;
  /** Smoothed bytes per second while uploading, else 0. */
  speed: number;
  /** Absolute ms (server clock corrected to local) when the URL in use expires; null if none. */
  urlExpiresAt: number | null;
  /** Object key once the server assigned one. */
  key: string | null;
  /** CRC-64/XZ (decimal) once computed locally. */
  crc64: string | null;
  etag: string | null;
  error: UploadError | null;
  /** How many times the current request was retried automatically. */
  attempts: number;
  /** 'single' or 'multipart' once planned. */
  mode: 'single' | 'multipart' | null;
  addedAt: number;
  finishedAt: number | null;
  /**
   * 0..1 for a progress bar. Reaches 1 only when the server verified the file (`done`); while
   * `verifying` it stays just below, because bytes sent are not bytes verified
   * (state/file-entry.ts `progressOf`).
   */
  progress: number;
  /** Set while an automatic retry is waiting: why, and when (local ms) it will run. */
  retrying?: { code: ErrorCode; at: number } | null;
  /** Multipart only: parts the store acknowledged, out of how many. */
  parts?: { done: number; total: number } | null;
}

export interface Totals {
  files: number;
  done: number;
  failed: number;
  cancelled: number;
  rejected: number;
  active: number;
  bytes: number;
  bytesSent: number;
  speed: number;
}

export interface EngineSnapshot {
  /** In the order they were added. Replaced (new array) whenever anything changes. */
  files: readonly FileEntry[];
  totals: Totals;
  online: boolean;
  pausedAll: boolean;
  /**
   * Multipart uploads an earlier page on this link left unfinished and no dropped file has
   * matched yet (resume after a reload). Empty without a resume store. Optional only so
   * hand-written snapshots in UI tests stay valid.
   */
  unfinished?: readonly UnfinishedUpload[];
}

/** A multipart upload remembered from an earlier page, waiting for its file to be dropped again. */
export interface UnfinishedUpload {
  /** The COS upload id (unique). */
  id: string;
  name: string;
  relativePath: string;
  size: number;
  /** Parts COS had acknowledged when the earlier page last wrote the record. */
  partsDone: number;
  partCount: number;
  /** Local ms when the upload was started. */
  startedAt: number;
}

/** A file as the engine receives it: the browser File plus the folder path it came from. */
export interface FileInput {
  file: File;
  relativePath?: string;
  /**
   * `x-cos-meta-*` pairs for this file (protocol FileMetadata), e.g. set by an embedding host;
   * sent with the file to the signer, which signs them into the upload or refuses them.
   */
  metadata?: Readonly<Record<string, string>>;
}

/** What the engine exposes. The React layer reads it with useSyncExternalStore. */
export interface UploadEngine {
  subscribe(listener: () => void): () => void;
  getSnapshot(): EngineSnapshot;
  /** The typed events of every change, in batches, just before snapshot listeners hear of them. */
  subscribeEvents(listener: EngineEventListener): () => void;
  /** Accept files (checks against the link's limits run first; refused ones become 'rejected'). */
  addFiles(inputs: readonly FileInput[]): void;
  cancel(id: string): void;
  /** Retry a failed (or cancelled) file from the start with a fresh signature. */
  retry(id: string): void;
  pause(id: string): void;
  resume(id: string): void;
  pauseAll(): void;
  resumeAll(): void;
  retryAllFailed(): void;
  cancelAll(): void;
  /** Drop finished/rejected/cancelled entries from the list. */
  clearFinished(): void;
  /**
   * Give up the unfinished uploads of earlier pages (`snapshot.unfinished`): abort them on the
   * server and forget them. Optional: engines without a resume store have nothing to forget.
   */
  forgetUnfinished?(): void;
  /** Stop timers and listeners, abort in-flight requests. */
  destroy(): void;
}
