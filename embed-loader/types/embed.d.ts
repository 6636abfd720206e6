/**
 * Types for the COS upload portal's embed loader, `embed.js` (served next to this file as
 * `/embed.d.ts`). Embed protocol version 1; the full contract is in docs/embedding.md.
 *
 * Use them with `import type { PortalEmbed } from './embed';` (or a triple-slash reference):
 * the loader itself is a plain script that sets `window.CosUploadPortal`.
 */

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

/** One file as the person added it. `id` is opaque and stable for the life of the frame. */
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
  protocol: 'cos-upload-portal';
  version: 1;
  /** Random per page load of the portal: a reload inside the frame starts a new instance. */
  instanceId: string;
}

/** The link opened and the upload box is usable. Sent once per instance. */
export interface ReadyEvent extends EventBase {
  type: 'ready';
  link: EmbedLinkSummary;
}

/** The content height in CSS pixels (the loader sizes the iframe to it). */
export interface ResizeEvent extends EventBase {
  type: 'resize';
  height: number;
}

export interface FileAddedEvent extends EventBase {
  type: 'file-added';
  file: EmbedFile;
  /** `rejected` files are followed at once by `file-failed` with the reason. */
  status: EmbedFileStatus;
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
  /** Stable kebab-case code, e.g. `file-too-large`, `network-error`, `cancelled`. */
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
  /** `submission-open`: `set-uploader` after the first file was sent (the details are fixed). */
  code: 'invalid-request' | 'not-ready' | 'submission-open';
  message: string;
}

/**
 * `set-uploader` was applied: the values the page took (not asked again) and those it refused,
 * with the same reasons the signer gives (`not-email`, `too-long`, `not-asked`, …).
 */
export interface UploaderSetEvent extends EventBase {
  type: 'uploader-set';
  /** `name`, `email`, `organisation`, `phone`, and `field:<Label>` for custom fields. */
  accepted: string[];
  refused: Array<{ field: string; reason: string }>;
}

/**
 * The submission (one visit's files) closed: the person pressed Finish, or it closed by itself
 * after a while without new files. `id` is the id of its manifest and on the owner's /admin.
 * Sent once per submission; a new one may follow.
 */
export interface SubmissionClosedEvent extends EventBase {
  type: 'submission-closed';
  submission: {
    id: string;
    closedBy: 'finish' | 'idle';
    /** ms since the epoch (signer clock). */
    closedAt: number;
    /** Files stored and verified, and their bytes. */
    files: number;
    bytes: number;
    /** Files listed as failed in the manifest. */
    failed: number;
  };
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
  | CommandRejectedEvent
  | UploaderSetEvent
  | SubmissionClosedEvent;

export type PortalEventType = PortalEvent['type'];

/** Each event type with its event, for `on(type, listener)`. */
export type PortalEventMap = { [K in PortalEventType]: Extract<PortalEvent, { type: K }> };

interface CommandBase {
  protocol: 'cos-upload-portal';
  version: 1;
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

/** The uploader's details and custom field values, as the host knows them. */
export interface EmbedUploader {
  details?: { name?: string; email?: string; organisation?: string; phone?: string };
  /** By the field's label, as the link's owner wrote it. */
  fields?: Record<string, string | number | boolean>;
}

/**
 * Fills in the uploader's details and custom fields for the person: those the page takes are
 * not asked again (answered with `uploader-set`). Only before the first file is sent.
 */
export interface SetUploaderCommand extends CommandBase, EmbedUploader {
  type: 'set-uploader';
}

export type HostCommand =
  | HelloCommand
  | SetMetadataCommand
  | ResetCommand
  | PauseAllCommand
  | ResumeAllCommand
  | SetUploaderCommand;

export interface EmbedOptions {
  /** The upload link: `https://portal.example.com/u/<token>` or `…/embed/<token>`. */
  link: string;
  /** Where to put the iframe: an element or a CSS selector (the iframe is appended to it). */
  target: Element | string;
  /** Default `auto`: follows the visitor's device. */
  theme?: 'light' | 'dark' | 'auto';
  /** Default: the visitor's browser language. */
  lang?: 'en' | 'zh-CN';
  /** Buttons, links and focus ring, e.g. `#0b7285`. */
  accent?: string;
  /** Default `transparent`: your page shows through. */
  background?: 'transparent' | 'themed';
  /** The iframe's accessible name. Default "Upload files". */
  title?: string;
  /** Height in CSS pixels until the portal reports its own. Default 320. */
  initialHeight?: number;
  /** Sent as `set-metadata` when the portal is ready (and again after a reload in the frame). */
  metadata?: Record<string, string>;
  /** Sent as `set-uploader` when the portal is ready (and again after a reload in the frame). */
  uploader?: EmbedUploader;
  /** Every event, whatever its type. */
  onEvent?(event: PortalEvent): void;
  onReady?(event: ReadyEvent): void;
  onFileAdded?(event: FileAddedEvent): void;
  onProgress?(event: ProgressEvent): void;
  onFileDone?(event: FileDoneEvent): void;
  onFileFailed?(event: FileFailedEvent): void;
  onAllDone?(event: AllDoneEvent): void;
  onLinkError?(event: LinkErrorEvent): void;
  onSubmissionClosed?(event: SubmissionClosedEvent): void;
}

/** One embedded upload box. */
export interface PortalEmbed {
  readonly iframe: HTMLIFrameElement;
  /** The portal's origin: the only origin this embed talks to. */
  readonly origin: string;
  /** The current portal instance, once it has said `ready` (or `link-error`). */
  readonly instanceId: string | null;
  readonly ready: boolean;
  /** Listen to one event type; returns a function that stops listening. */
  on<K extends PortalEventType>(type: K, listener: (event: PortalEventMap[K]) => void): () => void;
  /** Pairs for the files added from now on (kept and re-sent after a reload in the frame). */
  setMetadata(metadata: Record<string, string>): void;
  /** The uploader's details and fields (kept and re-sent after a reload in the frame). */
  setUploader(uploader: EmbedUploader): void;
  reset(): void;
  pauseAll(): void;
  resumeAll(): void;
  /** Removes the iframe and stops listening. */
  destroy(): void;
}

export interface CosUploadPortalApi {
  /** Embed protocol version this loader speaks. */
  readonly version: 1;
  embed(options: EmbedOptions): PortalEmbed;
  /** The embed that owns this iframe, e.g. one created by a `<script data-link>` tag. */
  of(iframe: HTMLIFrameElement): PortalEmbed | null;
}

/** DOM events: dispatched on the iframe, bubbling, as `cos-upload:<type>` with the event as detail. */
export type PortalDomEventMap = {
  [K in PortalEventType as `cos-upload:${K}`]: CustomEvent<PortalEventMap[K]>;
};

declare global {
  interface Window {
    CosUploadPortal: CosUploadPortalApi;
  }
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends PortalDomEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends PortalDomEventMap {}
}
