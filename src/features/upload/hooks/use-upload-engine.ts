import { useEffect, useState, useSyncExternalStore } from 'react';
import { hasActiveUploads } from '../engine/state/has-active-uploads';
import type { EngineEventListener } from '../engine/events/engine-events';
import type { EngineSnapshot, UploadEngine } from '../engine/types';
import { createEngineSession, type EngineCommands } from './engine-session';

/**
 * One engine per page: created by `createEngine` (which the app wires to the real API
 * client, the link's limits and the configured concurrency and stall timeout), read with
 * useSyncExternalStore, destroyed on unmount. Pass a stable `createEngine` (useCallback):
 * a new one means a new engine.
 */
export function useUploadEngine(createEngine: () => UploadEngine): {
  snapshot: EngineSnapshot;
  commands: EngineCommands;
  /** The engine's state this instant (not the last rendered one), for event handlers. */
  readNow(): EngineSnapshot;
  /** The engine's typed events (for the live region). */
  subscribeEvents(listener: EngineEventListener): () => void;
} {
  const [session] = useState(createEngineSession);
  useEffect(() => {
    session.start(createEngine);
    return () => session.stop();
  }, [session, createEngine]);

  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot);

  // Queued, signing, uploading, verifying — and paused: a paused file is unfinished work too.
  const unfinished = hasActiveUploads(snapshot);
  useEffect(() => {
    if (!unfinished) return;
    const warn = (event: BeforeUnloadEvent) => {
      // Browsers show their own wording; preventDefault is what asks them to.
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unfinished]);

  return {
    snapshot,
    commands: session.commands,
    readNow: session.readNow,
    subscribeEvents: session.subscribeEvents,
  };
}
