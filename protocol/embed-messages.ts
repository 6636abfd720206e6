/**
 * The postMessage contract between an embedded portal (`/embed/<token>` in an iframe) and the
 * page that embeds it, version 1: its messages, as types only. Human documentation:
 * docs/embedding.md; the constants and the message check are in embed-protocol.ts.
 *
 * The one source of these types: the portal's bridge (src/features/embed) and the loader
 * (embed-loader/) import them, and the `embed.d.ts` hosts get is this file followed by the
 * loader's own types (embed-loader/host-declarations.ts puts them together at build time).
 * So it holds declarations only (interfaces and types, no imports, no values).
 */

export type EmbedProtocol = 'cos-upload-portal';
/** Bumped on any incompatible change; both sides ignore messages of another version. */
export type EmbedProtocolVersion = 1;

/** Statuses as the portal's file rows show them (`data-status`); never renamed. */
export type EmbedFileStatus =
  | 'queued'
  | 'signing'
  | 'uploading'
  | 'paused'
  | 'verifying'
  | 'done'
  | 'failed'
  | 'cancelled'
  | 'rejected';

/** One file as the person added it. `id` is opaque and stable for the life of the page. */
export interface EmbedFile {
  id: string;
  name: string;
  /** Folder path inside a dropped directory, '' for a loose file. */
  relativePath: string;
  size: number;
  type: string;
}

export interface EmbedLinkSummary {
  title: string;
  /** ms since the epoch (signer clock), or null if the link does not expire. */
  expiresAt: number | null;
  limits: {
    maxFiles: number | null;
    maxFileSize: number | null;
    maxTotalBytes: number | null;
    allowedTypes: string[];
  };
}

export interface EmbedFileProgress {
  id: string;
  status: EmbedFileStatus;
  bytesSent: number;
  size: number;
  /** 0..1; 1 only once the file is verified. */
  progress: number;
}

export interface EmbedTotalProgress {
  files: number;
  active: number;
  bytes: number;
  bytesSent: number;
  /** bytesSent / bytes, 0..1; `bytes` counts every file except refused and cancelled ones. */
  progress: number;
}

export interface EmbedSummary {
  files: number;
  done: number;
  failed: number;
  cancelled: number;
  rejected: number;
  /** Bytes of the files that are done. */
  bytes: number;
}

interface EventBase {
  protocol: EmbedProtocol;
  version: EmbedProtocolVersion;
  /** Random per page load of the portal: a reload inside the frame starts a new instance. */
  instanceId: string;
}

/** The link opened and the upload box is usable. Sent once per instance. */
export interface ReadyEvent extends EventBase {
  type: 'ready';
  link: EmbedLinkSummary;
}

/** The content height in CSS pixels; size the iframe to it. */
export interface ResizeEvent extends EventBase {
  type: 'resize';
  height: number;
}

export interface FileAddedEvent extends EventBase {
  type: 'file-added';
  file: EmbedFile;
  /**
   * Its status when added: `paused` while everything is paused; a `rejected` file was refused
   * on the spot and is followed at once by its `progress` and `file-failed` with the reason.
   */
  status: 'queued' | 'paused' | 'rejected';
}

/** At most a few per second: the files that moved since the last one, and the total. */
export interface ProgressEvent extends EventBase {
  type: 'progress';
  files: EmbedFileProgress[];
  total: EmbedTotalProgress;
}

/** The file is in the bucket and verified (size and CRC64 checked by the signer). */
export interface FileDoneEvent extends EventBase {
  type: 'file-done';
  file: EmbedFile;
  key: string;
  size: number;
  /** CRC-64/XZ as COS prints it (unsigned decimal), or null if COS reported none. */
  crc64: string | null;
  etag: string;
}

/**
 * The file failed, was refused before upload (`rejected`) or was cancelled (code
 * `cancelled`). A failed file may still be retried from the frame; then its events resume.
 */
export interface FileFailedEvent extends EventBase {
  type: 'file-failed';
  file: EmbedFile;
  status: 'failed' | 'rejected' | 'cancelled';
  /** Stable kebab-case code (protocol/error-codes.ts). */
  code: string;
  /** The same reason in words, in the portal's language. */
  message: string;
}

/** Nothing is left to do: every file added so far is done, failed, cancelled or rejected. */
export interface AllDoneEvent extends EventBase {
  type: 'all-done';
  summary: EmbedSummary;
}

/** The link cannot be used (expired, revoked, invalid) or could not be loaded. */
export interface LinkErrorEvent extends EventBase {
  type: 'link-error';
  code: string;
  message: string;
  /** True when the person can try again (network, busy server); false for a dead link. */
  retryable: boolean;
}

/** `set-metadata` was accepted: files added from now on carry exactly these pairs. */
export interface MetadataSetEvent extends EventBase {
  type: 'metadata-set';
  /** As stored: values percent-encoded where they were not plain visible ASCII. */
  metadata: Record<string, string>;
}

/** A command was refused; nothing changed. */
export interface CommandRejectedEvent extends EventBase {
  type: 'command-rejected';
  command: string;
  code: 'invalid-request' | 'not-ready';
  message: string;
}

export type PortalEvent =
  | ReadyEvent
  | ResizeEvent
  | FileAddedEvent
  | ProgressEvent
  | FileDoneEvent
  | FileFailedEvent
  | AllDoneEvent
  | LinkErrorEvent
  | MetadataSetEvent
  | CommandRejectedEvent;

export type PortalEventType = PortalEvent['type'];

interface CommandBase {
  protocol: EmbedProtocol;
  version: EmbedProtocolVersion;
  /** Optional: when set, only the portal instance with this id obeys. */
  instanceId?: string;
}

/** Sent by the loader until the portal answers; lets the portal learn the host's origin. */
export interface HelloCommand extends CommandBase {
  type: 'hello';
}

/**
 * Key/value pairs for the files added from now on (replacing earlier pairs; `{}` clears them).
 * Keys: lowercase letters, digits and `-`; at most 10 pairs and 1 KB in all.
 */
export interface SetMetadataCommand extends CommandBase {
  type: 'set-metadata';
  metadata: Record<string, string>;
}

/** Cancel what is unfinished and empty the list. Metadata stays. */
export interface ResetCommand extends CommandBase {
  type: 'reset';
}

export interface PauseAllCommand extends CommandBase {
  type: 'pause-all';
}

export interface ResumeAllCommand extends CommandBase {
  type: 'resume-all';
}

export type HostCommand =
  HelloCommand | SetMetadataCommand | ResetCommand | PauseAllCommand | ResumeAllCommand;

export type HostCommandType = HostCommand['type'];
