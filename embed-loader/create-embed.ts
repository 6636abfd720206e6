/**
 * The loader's work, without the global install (embed.ts): build the embed URL, create the
 * iframe, say hello until the portal answers, size the frame from `resize`, and hand events
 * to callbacks, `on()` listeners and bubbling `cos-upload:<type>` DOM events. It talks to one
 * origin only, the portal's: commands are posted to it, never to `*`, and only messages from
 * that origin *and* from this very iframe are heard.
 */
import {
  EMBED_PROTOCOL,
  EMBED_PROTOCOL_VERSION,
  isEmbedMessage,
  PORTAL_EVENT_TYPES,
} from '../protocol/embed-protocol';
import type {
  EmbedOptions,
  HostCommand,
  PortalEmbed,
  PortalEvent,
  PortalEventMap,
  PortalEventType,
} from './types/embed';

const HELLO_EVERY_MS = 200;
const HELLO_TRIES = 50;
const DEFAULT_HEIGHT = 320;

const CALLBACKS: { [K in PortalEventType]?: keyof EmbedOptions } = {
  ready: 'onReady',
  'file-added': 'onFileAdded',
  progress: 'onProgress',
  'file-done': 'onFileDone',
  'file-failed': 'onFileFailed',
  'all-done': 'onAllDone',
  'link-error': 'onLinkError',
};

/**
 * `…/u/<token>` or `…/embed/<token>` → the embed page URL with the appearance parameters.
 * Throws on anything else, so a typo fails loudly in the host's console, not silently.
 */
export function embedUrl(
  options: Pick<EmbedOptions, 'link' | 'theme' | 'lang' | 'accent' | 'background'>,
  base: string,
): URL {
  const link = new URL(options.link, base);
  const match = /^\/(?:u|embed)\/([^/]+)\/?$/.exec(link.pathname);
  if ((link.protocol !== 'https:' && link.protocol !== 'http:') || !match) {
    throw new TypeError('CosUploadPortal: `link` must be an upload link like https://…/u/<token>');
  }
  const url = new URL(`/embed/${match[1]}`, link.origin);
  for (const name of ['theme', 'lang', 'accent', 'background'] as const) {
    const value = options[name];
    if (value) url.searchParams.set(name, value);
  }
  return url;
}

function resolveTarget(target: Element | string, doc: Document): Element {
  const element = typeof target === 'string' ? doc.querySelector(target) : target;
  if (!element) throw new TypeError(`CosUploadPortal: no element matches ${String(target)}`);
  return element;
}

export function createEmbed(options: EmbedOptions, doc: Document = document): PortalEmbed {
  const view = doc.defaultView!;
  const url = embedUrl(options, doc.baseURI);
  const origin = url.origin;
  const container = resolveTarget(options.target, doc);

  const iframe = doc.createElement('iframe');
  iframe.src = url.href;
  iframe.title = options.title ?? 'Upload files';
  iframe.style.cssText = `display:block;width:100%;border:0;height:${options.initialHeight ?? DEFAULT_HEIGHT}px`;

  const listeners = new Map<string, Set<(event: PortalEvent) => void>>();
  let instanceId: string | null = null;
  let ready = false;
  let metadata = options.metadata;
  let queue: HostCommand[] = [];
  let helloTimer: number | null = null;
  let destroyed = false;

  const post = (command: HostCommand) => iframe.contentWindow?.postMessage(command, origin);

  function command<T extends HostCommand['type']>(type: T, extra: object = {}): HostCommand {
    return {
      protocol: EMBED_PROTOCOL,
      version: EMBED_PROTOCOL_VERSION,
      type,
      ...extra,
    } as HostCommand;
  }

  /** Commands wait for `ready`, then go to that instance only. */
  function send(next: HostCommand) {
    if (destroyed) return;
    if (!ready || instanceId === null) queue.push(next);
    else post({ ...next, instanceId });
  }

  function stopHello() {
    if (helloTimer !== null) view.clearInterval(helloTimer);
    helloTimer = null;
  }

  /**
   * Every (re)load of the frame is a new portal instance: greet it until it answers. State is
   * not reset here: the new instance's `ready` may even arrive before the frame's load event;
   * its new instanceId is what tells the loader the instance changed.
   */
  function startHello() {
    stopHello();
    let tries = 0;
    const hello = () => {
      if (++tries > HELLO_TRIES) return stopHello();
      post(command('hello'));
    };
    hello();
    helloTimer = view.setInterval(hello, HELLO_EVERY_MS);
  }

  function deliver(event: PortalEvent) {
    if (event.type === 'resize') iframe.style.height = `${Math.max(0, Math.ceil(event.height))}px`;
    const callback = CALLBACKS[event.type];
    try {
      options.onEvent?.(event);
      if (callback) (options[callback] as ((e: PortalEvent) => void) | undefined)?.(event);
    } finally {
      for (const listener of [...(listeners.get(event.type) ?? [])]) listener(event);
      iframe.dispatchEvent(
        new CustomEvent(`cos-upload:${event.type}`, { detail: event, bubbles: true }),
      );
    }
  }

  function onMessage(event: MessageEvent) {
    if (event.source !== iframe.contentWindow || event.origin !== origin) return;
    const data: unknown = event.data;
    if (!isEmbedMessage(data)) return;
    const message = data as PortalEvent;
    if (typeof message.instanceId !== 'string' || !PORTAL_EVENT_TYPES.includes(message.type))
      return;
    stopHello();
    if (message.type === 'ready' || message.type === 'link-error') {
      if (message.instanceId !== instanceId) ready = false;
      instanceId = message.instanceId;
    } else if (message.instanceId !== instanceId) {
      return;
    }
    if (message.type === 'ready') {
      ready = true;
      const pending = queue;
      queue = [];
      if (metadata)
        post({ ...command('set-metadata', { metadata }), instanceId: message.instanceId });
      for (const next of pending) {
        if (next.type !== 'set-metadata') post({ ...next, instanceId: message.instanceId });
      }
    }
    deliver(message);
  }

  view.addEventListener('message', onMessage);
  iframe.addEventListener('load', startHello);
  container.appendChild(iframe);

  const embed: PortalEmbed = {
    iframe,
    origin,
    get instanceId() {
      return instanceId;
    },
    get ready() {
      return ready;
    },
    on<K extends PortalEventType>(type: K, listener: (event: PortalEventMap[K]) => void) {
      const set = listeners.get(type) ?? new Set();
      listeners.set(type, set);
      const untyped = listener as (event: PortalEvent) => void;
      set.add(untyped);
      return () => {
        set.delete(untyped);
      };
    },
    setMetadata(next) {
      metadata = { ...next };
      // Before `ready` the latest pairs are sent on arrival; after it, at once.
      if (ready) send(command('set-metadata', { metadata }));
    },
    reset: () => send(command('reset')),
    pauseAll: () => send(command('pause-all')),
    resumeAll: () => send(command('resume-all')),
    destroy() {
      destroyed = true;
      stopHello();
      view.removeEventListener('message', onMessage);
      iframe.removeEventListener('load', startHello);
      iframe.remove();
      listeners.clear();
      queue = [];
    },
  };
  registry.set(iframe, embed);
  return embed;
}

/** Which embed owns an iframe (for `CosUploadPortal.of`). */
export const registry = new WeakMap<HTMLIFrameElement, PortalEmbed>();
