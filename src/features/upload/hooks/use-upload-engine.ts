import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { EngineSnapshot, FileStatus, UploadEngine } from '../engine/types';
import { createEngineSession, type EngineCommands } from './engine-session';

/** Statuses during which leaving the page loses work: the browser asks before leaving. */
const UNFINISHED: ReadonlySet<FileStatus> = new Set([
  'queued',
  'signing',
  'uploading',
  'verifying',
]);

/**
 * One engine per page: created by `createEngine` (which the app wires to the real API
 * client, the link's limits and the configured concurrency and stall timeout), read with
 * useSyncExternalStore, destroyed on unmount. Pass a stable `createEngine` (useCallback):
 * a new one means a new engine.
 */
export function useUploadEngine(createEngine: () => UploadEngine): {
  snapshot: EngineSnapshot;
  commands: EngineCommands;
} {
  const [session] = useState(createEngineSession);
  useEffect(() => {
    session.start(createEngine);
    return () => session.stop();
  }, [session, createEngine]);

  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot);

  const unfinished = useMemo(
    () => snapshot.files.some((file) => UNFINISHED.has(file.status)),
    [snapshot.files],
  );
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

  return { snapshot, commands: session.commands };
}
