/**
 * Who may hear the portal, and whose commands it obeys: only the parent window, only at an
 * origin the link allows, and only once that origin is known for sure — from
 * `location.ancestorOrigins` where the browser has it, otherwise from the loader's `hello`
 * (accepted only from `window.parent`, at an allowed origin). Every message is posted to that
 * exact origin, never `*`. Until then nothing is sent; a parent that is not allowed gets
 * nothing at all, and the frame says why (embed-gate.tsx).
 */
import type { PortalEvent } from '../../../protocol/embed-messages';
import {
  EMBED_PROTOCOL,
  EMBED_PROTOCOL_VERSION,
  isEmbedMessage,
} from '../../../protocol/embed-protocol';

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

/** A portal event without the fields every message carries. */
export type PortalEventBody = DistributiveOmit<PortalEvent, 'protocol' | 'version' | 'instanceId'>;

/** A command of this protocol from the verified parent (`hello` is the gate's own). */
export type ParentCommand = { type: string; instanceId?: unknown; metadata?: unknown };

export interface OriginGate {
  getAccess(): EmbedAccess;
  /** Notified when the access changes. */
  subscribe(listener: () => void): () => void;
  /** Listen for the parent; its commands go to `onCommand` once it is verified. */
  start(onCommand: (command: ParentCommand) => void): void;
  stop(): void;
  /** The origins the link allows (known from the page, then from the loaded link). */
  allow(origins: readonly string[]): void;
  /** Post to the verified parent origin only; dropped otherwise. */
  post(event: PortalEventBody): void;
}

export function createOriginGate(options: {
  window: EmbedWindow;
  instanceId: string;
  initialOrigins: readonly string[] | null;
  /** Without ancestorOrigins: how long to wait for the loader's hello before refusing. */
  helloTimeoutMs: number;
}): OriginGate {
  const win = options.window;
  const listeners = new Set<() => void>();
  let access: EmbedAccess = win.framed ? 'checking' : 'standalone';
  let allowed: readonly string[] | null = options.initialOrigins;
  let parentOrigin: string | null = null;
  let helloOrigin: string | null = null;
  let helloTimer: unknown = null;
  let stopListening: (() => void) | null = null;

  function setAccess(next: EmbedAccess) {
    if (next === access) return;
    access = next;
    if (next === 'blocked') parentOrigin = null;
    for (const listener of [...listeners]) listener();
  }

  /** The parent is allowed when it (and every frame above it) is in the list. */
  function judge(origins: readonly string[]) {
    if (allowed!.length > 0 && origins.every((origin) => allowed!.includes(origin))) {
      parentOrigin = origins[0]!;
      setAccess('allowed');
    } else {
      setAccess('blocked');
    }
  }

  /** Decide as far as what is known allows; a later list of origins is judged again. */
  function evaluate() {
    if (access === 'standalone' || access === 'blocked' || allowed === null) return;
    const ancestors = win.ancestorOrigins;
    if (allowed.length === 0) {
      setAccess('blocked');
    } else if (ancestors !== null && ancestors.length > 0) {
      // The page must be allowed by every frame above it, as CSP frame-ancestors demands.
      judge(ancestors);
    } else if (helloOrigin !== null) {
      judge([helloOrigin]);
    } else if (helloTimer === null && stopListening !== null) {
      helloTimer = win.setTimeout(() => {
        helloTimer = null;
        if (access === 'checking') setAccess('blocked');
      }, options.helloTimeoutMs);
    }
    if (access !== 'checking' && helloTimer !== null) {
      win.clearTimeout(helloTimer);
      helloTimer = null;
    }
  }

  return {
    getAccess: () => access,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    start(onCommand) {
      if (stopListening || !win.framed) return;
      stopListening = win.onMessage(({ origin, fromParent, data }) => {
        if (!fromParent || !isEmbedMessage(data)) return;
        const command = data as ParentCommand;
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
        onCommand(command);
      });
      evaluate();
    },
    stop() {
      stopListening?.();
      stopListening = null;
      if (helloTimer !== null) win.clearTimeout(helloTimer);
      helloTimer = null;
    },
    allow(origins) {
      allowed = [...origins];
      evaluate();
    },
    post(event) {
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
    },
  };
}

/** Omit over each member of a union (the built-in Omit would merge them). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
