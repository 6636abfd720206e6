import { EMBED_ORIGINS_META } from '../../../protocol/embed-protocol';
import type { EmbedWindow } from './embed-origin-gate';

/**
 * The real window for the bridge. `location.ancestorOrigins` exists in Chromium and Safari;
 * an entry the browser masks (`"null"`, e.g. under a strict referrer policy) makes the list
 * useless, and the bridge then relies on the loader's hello instead.
 */
export function browserEmbedWindow(win: Window = window): EmbedWindow {
  const framed = win.parent !== win;
  const list = (win.location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  const ancestors = list
    ? Array.from({ length: list.length }, (_, i) => list.item(i) ?? 'null')
    : null;
  return {
    framed,
    ancestorOrigins: ancestors && !ancestors.includes('null') ? ancestors : null,
    postToParent: (message, targetOrigin) => win.parent.postMessage(message, targetOrigin),
    onMessage(handler) {
      const listener = (event: MessageEvent) =>
        handler({
          origin: event.origin,
          fromParent: framed && event.source === win.parent,
          data: event.data,
        });
      win.addEventListener('message', listener);
      return () => win.removeEventListener('message', listener);
    },
    setTimeout: (callback, ms) => win.setTimeout(callback, ms),
    clearTimeout: (handle) => win.clearTimeout(handle as number),
  };
}

/** The allowed origins the signer wrote into the page, or null when it wrote none. */
export function readEmbedOrigins(doc: Document = document): string[] | null {
  const meta = doc.querySelector(`meta[name="${EMBED_ORIGINS_META}"]`);
  if (!meta) return null;
  return (meta.getAttribute('content') ?? '').split(/\s+/).filter(Boolean);
}

/** Random per page load; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function newInstanceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
