/**
 * The portal's side of the embed contract (protocol/embed-messages.ts, docs/embedding.md):
 * the origin gate (embed-origin-gate.ts) decides who may hear and command; the reporter
 * (embed-reporter.ts) turns the upload engine's events into the contract's events; this file
 * says how the page itself is (ready, link-error, resize); embed-commands.ts obeys the host.
 * Framework-free; use-embed-bridge.ts mounts it.
 */
import type { EmbedLinkSummary } from '../../../protocol/embed-messages';
import { createOriginGate, type EmbedAccess, type EmbedWindow } from './embed-origin-gate';
import { createEmbedReporter, type EmbedEngineEvent, type EmbedTotals } from './embed-reporter';
import { createEmbedCommands } from './embed-commands';

export type { EmbedAccess, EmbedWindow };

/** What the bridge uses of an upload engine (structurally the engine's own interface). */
export interface EmbeddableEngine {
  subscribeEvents(listener: (events: readonly EmbedEngineEvent[]) => void): () => void;
  getSnapshot(): {
    files: readonly { id: string; status: string }[];
    totals: EmbedTotals;
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
  /** The content's height in CSS pixels. */
  resized(height: number): void;
  /** New words for error codes (the page's language loaded or changed). */
  setDescribe(describe: (code: string) => string): void;
}

type LinkState =
  { ok: true; summary: EmbedLinkSummary } | { ok: false; code: string; retryable: boolean } | null;

export function createEmbedBridge(options: EmbedBridgeOptions): EmbedBridge {
  const win = options.window;
  let describe = options.describe;
  const gate = createOriginGate({
    window: win,
    instanceId: options.instanceId,
    initialOrigins: options.initialOrigins,
    helloTimeoutMs: options.helloTimeoutMs ?? 5000,
  });
  let link: LinkState = null;
  let readySent = false;
  let errorSent: string | null = null;
  let height: number | null = null;
  let heightSent: number | null = null;
  let engine: EmbeddableEngine | null = null;
  let detachEngine = () => {};

  const reporter = createEmbedReporter({
    post: gate.post,
    describe: (code) => describe(code),
    totals: () => engine?.getSnapshot().totals ?? { files: 0, active: 0, bytes: 0, bytesSent: 0 },
    setTimeout: (callback, ms) => win.setTimeout(callback, ms),
    clearTimeout: (handle) => win.clearTimeout(handle),
    progressIntervalMs: options.progressIntervalMs ?? 250,
  });

  /** ready / link-error first, then the height; each only once the parent is verified. */
  function announce() {
    if (gate.getAccess() !== 'allowed') return;
    if (link?.ok && !readySent) {
      readySent = true;
      gate.post({ type: 'ready', link: link.summary });
    } else if (link && !link.ok && errorSent !== link.code) {
      errorSent = link.code;
      const { code, retryable } = link;
      gate.post({ type: 'link-error', code, message: describe(code), retryable });
    }
    if ((readySent || errorSent !== null) && height !== null && height !== heightSent) {
      heightSent = height;
      gate.post({ type: 'resize', height });
    }
  }
  gate.subscribe(announce);

  const commands = createEmbedCommands({ post: gate.post, engine: () => engine });

  function attach<E extends EmbeddableEngine>(target: E): E {
    detachEngine();
    engine = target;
    reporter.reset();
    const unsubscribe = target.subscribeEvents((events) => reporter.report(events));
    let attached = true;
    // Per attachment: destroying an old engine (React remounts) never detaches a newer one.
    const detach = () => {
      if (!attached) return;
      attached = false;
      unsubscribe();
      if (engine !== target) return;
      engine = null;
      reporter.reset();
    };
    detachEngine = detach;
    return {
      ...target,
      addFiles(inputs: readonly { metadata?: Readonly<Record<string, string>> }[]) {
        const pairs = commands.metadata();
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
  }

  return {
    getAccess: gate.getAccess,
    subscribe: gate.subscribe,
    start: () => gate.start(commands.obey),
    stop: gate.stop,
    linkReady(summary, embedOrigins) {
      link = { ok: true, summary };
      errorSent = null;
      gate.allow(embedOrigins);
      announce();
    },
    linkFailed(code, retryable) {
      link = { ok: false, code, retryable };
      announce();
    },
    attach,
    resized(next) {
      height = Math.ceil(next);
      announce();
    },
    setDescribe(next) {
      describe = next;
    },
  };
}
