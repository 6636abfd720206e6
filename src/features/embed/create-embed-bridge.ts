/**
 * The portal's side of the embed contract (protocol/embed-messages.ts, docs/embedding.md):
 * decides whether the framing page may use this link, then reports the upload engine's
 * progress to that page and obeys its commands. Framework-free; use-embed-bridge.ts mounts it.
 *
 * Who may hear anything: only the parent window, only at an origin the link allows, and only
 * once that origin is known for sure — from `location.ancestorOrigins` where the browser has
 * it, otherwise from the loader's `hello` (accepted only from `window.parent`, at an allowed
 * origin). Every message is posted to that exact origin, never `*`. Until then nothing is
 * sent; a parent that is not allowed gets nothing at all and the frame says why.
 */
import {
  EMBED_PROTOCOL,
  EMBED_PROTOCOL_VERSION,
  isEmbedMessage,
  type EmbedFile,
  type EmbedFileProgress,
  type EmbedFileStatus,
  type EmbedLinkSummary,
  type PortalEvent,
} from '../../../protocol/embed-messages';
import type { FileMetadata } from '../../../protocol/schemas';
import { createEmbedUploader, type EmbeddableSubmission } from './embed-uploader';
import { metadataFromHost } from './metadata-from-host';

export type { EmbeddableSubmission };

/**
 * `standalone`: not in a frame (nothing to tell anyone); `checking`: framed, parent not yet
 * known; `allowed`: the parent is an allowed origin; `blocked`: it is not (final).
 */
export type EmbedAccess = 'standalone' | 'checking' | 'allowed' | 'blocked';

/** The window the bridge runs in; browser-embed-window.ts gives the real one. */
export interface EmbedWindow {
  framed: boolean;
  /** `location.ancestorOrigins`, parent first; null where the browser has none (Firefox). */
  ancestorOrigins: readonly string[] | null;
  /** `window.parent.postMessage(message, targetOrigin)`. */
  postToParent(message: PortalEvent, targetOrigin: string): void;
  /** Incoming messages; `fromParent` is `event.source === window.parent`. */
  onMessage(
    handler: (message: { origin: string; fromParent: boolean; data: unknown }) => void,
  ): () => void;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What the bridge reads from an upload engine (structurally the engine's own types). */
export interface EmbedEntry {
  id: string;
  name: string;
  relativePath: string;
  size: number;
  type: string;
  status: EmbedFileStatus;
  bytesSent: number;
  progress?: number;
  key: string | null;
  crc64: string | null;
  etag: string | null;
  error: { code: string } | null;
}

export interface EmbeddableEngine {
  subscribe(listener: () => void): () => void;
  getSnapshot(): {
    files: readonly EmbedEntry[];
    totals: {
      files: number;
      done: number;
      failed: number;
      cancelled: number;
      rejected: number;
      active: number;
      bytes: number;
      bytesSent: number;
    };
  };
  addFiles(inputs: readonly { metadata?: Readonly<Record<string, string>> }[]): void;
  cancel(id: string): void;
  cancelAll(): void;
  clearFinished(): void;
  pauseAll(): void;
  resumeAll(): void;
  destroy(): void;
}

export interface EmbedBridgeOptions {
  window: EmbedWindow;
  instanceId: string;
  /** The allowed origins the server wrote into the page, known before the link loads. */
  initialOrigins: readonly string[] | null;
  /** Words for an error code in the portal's language (the `message` of error events). */
  describe(code: string): string;
  /** Without ancestorOrigins: how long to wait for the loader's hello before refusing. */
  helloTimeoutMs?: number;
  /** Progress events at most this often. */
  progressIntervalMs?: number;
}

export interface EmbedBridge {
  getAccess(): EmbedAccess;
  /** Notified when the access changes. */
  subscribe(listener: () => void): () => void;
  start(): void;
  stop(): void;
  /** The link loaded: it is usable, and these origins may embed it. */
  linkReady(link: EmbedLinkSummary, embedOrigins: readonly string[]): void;
  /** The link cannot be used (or could not be loaded, if `retryable`). */
  linkFailed(code: string, retryable: boolean): void;
  /** Report this engine's files and obey commands with it; returns the engine to use. */
  attach<E extends EmbeddableEngine>(engine: E): E;
  /** The page's submission: `set-uploader` fills it in, its close is told. Returns a detach. */
  attachSubmission(submission: EmbeddableSubmission): () => void;
  /** The content's height in CSS pixels. */
  resized(height: number): void;
  /** New words for error codes (the page's language loaded or changed). */
  setDescribe(describe: (code: string) => string): void;
}

const TERMINAL: ReadonlySet<EmbedFileStatus> = new Set(['done', 'failed', 'cancelled', 'rejected']);

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
  return {
    id: entry.id,
    status: entry.status,
    bytesSent: entry.bytesSent,
    size: entry.size,
    progress: entry.progress ?? (entry.status === 'done' ? 1 : 0),
  };
}

export function createEmbedBridge(options: EmbedBridgeOptions): EmbedBridge {
  const win = options.window;
  const helloTimeoutMs = options.helloTimeoutMs ?? 5000;
  const progressIntervalMs = options.progressIntervalMs ?? 250;
  let describe = options.describe;
  const listeners = new Set<() => void>();

  let access: EmbedAccess = win.framed ? 'checking' : 'standalone';
  let allowed: readonly string[] | null = options.initialOrigins;
  let parentOrigin: string | null = null;
  let helloOrigin: string | null = null;
  let helloTimer: unknown = null;
  let stopListening: (() => void) | null = null;

  let link:
    | { ok: true; summary: EmbedLinkSummary }
    | { ok: false; code: string; retryable: boolean }
    | null = null;
  let readySent = false;
  let errorSent: string | null = null;
  let height: number | null = null;
  let heightSent: number | null = null;

  let metadata: FileMetadata | undefined;
  let engine: EmbeddableEngine | null = null;
  let detachEngine = () => {};
  const known = new Map<string, EmbedEntry>();
  const dirty = new Set<string>();
  let progressTimer: unknown = null;
  let sinceAllDone = false;
  const uploader = createEmbedUploader({ post });

  function setAccess(next: EmbedAccess) {
    if (next === access) return;
    access = next;
    if (next === 'blocked') parentOrigin = null;
    for (const listener of [...listeners]) listener();
  }

  /** Posts to the verified parent origin only; drops everything otherwise. */
  function post(event: DistributiveOmit<PortalEvent, 'protocol' | 'version' | 'instanceId'>) {
    if (access !== 'allowed' || parentOrigin === null) return;
    win.postToParent(
      {
        protocol: EMBED_PROTOCOL,
        version: EMBED_PROTOCOL_VERSION,
        instanceId: options.instanceId,
        ...event,
      } as PortalEvent,
      parentOrigin,
    );
  }

  /** ready / link-error first, then the height; each only once the parent is verified. */
  function announce() {
    if (access !== 'allowed') return;
    if (link?.ok && !readySent) {
      readySent = true;
      post({ type: 'ready', link: link.summary });
    } else if (link && !link.ok && errorSent !== link.code) {
      errorSent = link.code;
      post({
        type: 'link-error',
        code: link.code,
        message: describe(link.code),
        retryable: link.retryable,
      });
    }
    if ((readySent || errorSent !== null) && height !== null && height !== heightSent) {
      heightSent = height;
      post({ type: 'resize', height });
    }
  }

  function evaluate() {
    if (access === 'standalone' || access === 'blocked') return;
    if (allowed === null) return;
    const ancestors = win.ancestorOrigins;
    if (allowed.length === 0) {
      setAccess('blocked');
    } else if (ancestors !== null && ancestors.length > 0) {
      // The page must be allowed by every frame above it, as CSP frame-ancestors demands.
      if (ancestors.every((origin) => allowed!.includes(origin))) {
        parentOrigin = ancestors[0]!;
        setAccess('allowed');
      } else {
        setAccess('blocked');
      }
    } else if (helloOrigin !== null) {
      if (allowed.includes(helloOrigin)) {
        parentOrigin = helloOrigin;
        setAccess('allowed');
      } else {
        setAccess('blocked');
      }
    } else if (helloTimer === null && stopListening !== null) {
      helloTimer = win.setTimeout(() => {
        helloTimer = null;
        if (access === 'checking') setAccess('blocked');
      }, helloTimeoutMs);
    }
    if (access !== 'checking' && helloTimer !== null) {
      win.clearTimeout(helloTimer);
      helloTimer = null;
    }
    announce();
  }

  function flushProgress() {
    if (progressTimer !== null) {
      win.clearTimeout(progressTimer);
      progressTimer = null;
    }
    if (dirty.size === 0 || !engine) return;
    const files = [...dirty].flatMap((id) => {
      const entry = known.get(id);
      return entry ? [progressOf(entry)] : [];
    });
    dirty.clear();
    const { totals } = engine.getSnapshot();
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

  function reportTerminal(entry: EmbedEntry) {
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
      message: describe(code),
    });
  }

  /** Turns what changed in the engine since the last look into events, in a stable order. */
  function sync() {
    if (!engine) return;
    const snapshot = engine.getSnapshot();
    const seen = new Set<string>();
    const finished: EmbedEntry[] = [];
    for (const entry of snapshot.files) {
      seen.add(entry.id);
      const before = known.get(entry.id);
      if (before === entry) continue;
      known.set(entry.id, entry);
      if (!before) {
        sinceAllDone = true;
        post({ type: 'file-added', file: fileOf(entry), status: entry.status });
      }
      const moved =
        !before || before.status !== entry.status || before.bytesSent !== entry.bytesSent;
      if (moved && entry.status !== 'rejected') dirty.add(entry.id);
      if (TERMINAL.has(entry.status) && before?.status !== entry.status) {
        sinceAllDone = true;
        finished.push(entry);
      }
    }
    for (const id of [...known.keys()]) {
      if (!seen.has(id)) {
        known.delete(id);
        dirty.delete(id);
      }
    }
    // A file's last progress always comes before its outcome.
    if (finished.length > 0) flushProgress();
    for (const entry of finished) reportTerminal(entry);
    if (sinceAllDone && snapshot.totals.active === 0) {
      flushProgress();
      sinceAllDone = false;
      const doneBytes = snapshot.files.reduce(
        (sum, f) => sum + (f.status === 'done' ? f.size : 0),
        0,
      );
      post({
        type: 'all-done',
        summary: {
          files: snapshot.totals.files,
          done: snapshot.totals.done,
          failed: snapshot.totals.failed,
          cancelled: snapshot.totals.cancelled,
          rejected: snapshot.totals.rejected,
          bytes: doneBytes,
        },
      });
    } else if (dirty.size > 0 && progressTimer === null) {
      progressTimer = win.setTimeout(() => {
        progressTimer = null;
        flushProgress();
      }, progressIntervalMs);
    }
  }

  function reject(command: string, code: 'invalid-request' | 'not-ready', message: string) {
    post({ type: 'command-rejected', command, code, message });
  }

  function onMessage({
    origin,
    fromParent,
    data,
  }: {
    origin: string;
    fromParent: boolean;
    data: unknown;
  }) {
    if (!fromParent || !isEmbedMessage(data)) return;
    const command = data as { type: string; instanceId?: unknown; metadata?: unknown };
    if (command.type === 'hello') {
      if (access === 'checking' && helloOrigin === null) {
        helloOrigin = origin;
        evaluate();
      }
      return;
    }
    // Commands: from the verified parent only; anything else is ignored without a word.
    if (access !== 'allowed' || origin !== parentOrigin) return;
    if (command.instanceId !== undefined && command.instanceId !== options.instanceId) return;
    switch (command.type) {
      case 'set-metadata': {
        const result = metadataFromHost(command.metadata);
        if (!result.ok) return reject('set-metadata', 'invalid-request', result.message);
        metadata = Object.keys(result.metadata).length > 0 ? result.metadata : undefined;
        post({ type: 'metadata-set', metadata: { ...result.metadata } });
        return;
      }
      case 'set-uploader':
        uploader.obey(command);
        return;
      case 'reset':
      case 'pause-all':
      case 'resume-all': {
        if (!engine) return reject(command.type, 'not-ready', 'the upload box is not ready yet');
        if (command.type === 'pause-all') engine.pauseAll();
        else if (command.type === 'resume-all') engine.resumeAll();
        else reset(engine);
        sync();
        return;
      }
      default:
        reject(command.type.slice(0, 64), 'invalid-request', 'unknown command');
    }
  }

  /** Cancel what can be cancelled (failed files too), report it, then empty the list. */
  function reset(target: EmbeddableEngine) {
    target.cancelAll();
    for (const entry of target.getSnapshot().files) {
      if (entry.status === 'failed') target.cancel(entry.id);
    }
    sync();
    target.clearFinished();
    target.resumeAll();
  }

  return {
    getAccess: () => access,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    start() {
      if (stopListening || !win.framed) return;
      stopListening = win.onMessage(onMessage);
      evaluate();
    },
    stop() {
      stopListening?.();
      stopListening = null;
      if (helloTimer !== null) win.clearTimeout(helloTimer);
      helloTimer = null;
    },
    linkReady(summary, embedOrigins) {
      link = { ok: true, summary };
      errorSent = null;
      allowed = [...embedOrigins];
      evaluate();
    },
    linkFailed(code, retryable) {
      link = { ok: false, code, retryable };
      evaluate();
    },
    attach<E extends EmbeddableEngine>(target: E): E {
      detachEngine();
      engine = target;
      known.clear();
      dirty.clear();
      sinceAllDone = false;
      const unsubscribe = target.subscribe(sync);
      let attached = true;
      // Per attachment: destroying an old engine (React remounts) never detaches a newer one.
      const detach = () => {
        if (!attached) return;
        attached = false;
        unsubscribe();
        if (engine !== target) return;
        engine = null;
        if (progressTimer !== null) win.clearTimeout(progressTimer);
        progressTimer = null;
      };
      detachEngine = detach;
      sync();
      return {
        ...target,
        addFiles(inputs: readonly { metadata?: Readonly<Record<string, string>> }[]) {
          const pairs = metadata;
          target.addFiles(
            pairs
              ? inputs.map((input) => (input.metadata ? input : { ...input, metadata: pairs }))
              : inputs,
          );
        },
        destroy() {
          detach();
          target.destroy();
        },
      };
    },
    attachSubmission: (submission) => uploader.attach(submission),
    resized(next) {
      height = Math.ceil(next);
      announce();
    },
    setDescribe(next) {
      describe = next;
    },
  };
}

/** Omit over each member of a union (the built-in Omit would merge them). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
