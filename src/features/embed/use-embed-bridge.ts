import { useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react';
import { browserEmbedWindow, newInstanceId, readEmbedOrigins } from './browser-embed-window';
import { createEmbedBridge, type EmbedBridge } from './create-embed-bridge';
import type { EmbedAccess } from './embed-origin-gate';

/**
 * The bridge for this page, started while mounted, with the content height reported from a
 * ResizeObserver on <body> (once per frame at most, as observers run). `describe` gives the
 * words of an error code in the page's language.
 */
export function useEmbedBridge(describe: (code: string) => string): {
  bridge: EmbedBridge;
  access: EmbedAccess;
} {
  const [bridge] = useState(() =>
    createEmbedBridge({
      window: browserEmbedWindow(),
      instanceId: newInstanceId(),
      initialOrigins: readEmbedOrigins(),
      describe,
    }),
  );

  // The words follow the page's language, which may finish loading after the first render.
  useLayoutEffect(() => bridge.setDescribe(describe), [bridge, describe]);

  useEffect(() => {
    bridge.start();
    return () => bridge.stop();
  }, [bridge]);

  useEffect(() => {
    if (typeof ResizeObserver === 'undefined') return;
    const body = document.body;
    const observer = new ResizeObserver(() => bridge.resized(body.getBoundingClientRect().height));
    observer.observe(body);
    return () => observer.disconnect();
  }, [bridge]);

  const access = useSyncExternalStore(bridge.subscribe, bridge.getAccess);
  return { bridge, access };
}
