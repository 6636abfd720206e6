import type { EngineSnapshot, UploadEngine } from '../engine/types';

export type EngineCommands = Omit<UploadEngine, 'subscribe' | 'getSnapshot' | 'destroy'>;

export const EMPTY_SNAPSHOT: EngineSnapshot = Object.freeze({
  files: [],
  totals: {
    files: 0,
    done: 0,
    failed: 0,
    cancelled: 0,
    rejected: 0,
    active: 0,
    bytes: 0,
    bytesSent: 0,
    speed: 0,
  },
  online: true,
  pausedAll: false,
});

/**
 * A stable store in front of an engine that may be created, destroyed and created again.
 * React (StrictMode, and any remount) runs an effect's cleanup and then the effect again;
 * an engine built during render and destroyed in cleanup would then be dead. The session is
 * built once; effects start and stop the engine behind it, and React subscribes to the
 * session, which stays the same object throughout.
 */
export function createEngineSession() {
  let engine: UploadEngine | null = null;
  let detach = () => {};
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };

  const commands: EngineCommands = {
    addFiles: (inputs) => engine?.addFiles(inputs),
    cancel: (id) => engine?.cancel(id),
    retry: (id) => engine?.retry(id),
    pause: (id) => engine?.pause(id),
    resume: (id) => engine?.resume(id),
    pauseAll: () => engine?.pauseAll(),
    resumeAll: () => engine?.resumeAll(),
    retryAllFailed: () => engine?.retryAllFailed(),
    cancelAll: () => engine?.cancelAll(),
    clearFinished: () => engine?.clearFinished(),
    forgetUnfinished: () => engine?.forgetUnfinished?.(),
  };

  return {
    commands,
    start(create: () => UploadEngine) {
      engine = create();
      detach = engine.subscribe(notify);
      notify();
    },
    stop() {
      detach();
      detach = () => {};
      engine?.destroy();
      engine = null;
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot: (): EngineSnapshot => engine?.getSnapshot() ?? EMPTY_SNAPSHOT,
  };
}
