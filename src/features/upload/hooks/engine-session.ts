import type { EngineEventListener } from '../engine/events/engine-events';
import { computeTotals } from '../engine/state/file-entry';
import type { EngineSnapshot, UploadEngine } from '../engine/types';

export type EngineCommands = Omit<
  UploadEngine,
  'subscribe' | 'getSnapshot' | 'subscribeEvents' | 'destroy'
>;

export const EMPTY_SNAPSHOT: EngineSnapshot = Object.freeze({
  files: [],
  totals: computeTotals([]),
  online: true,
  pausedAll: false,
});

const FRAME_MS = 1000 / 60;
/** Files per millisecond of pause between renders (see renderIntervalFor). */
const FILES_PER_MS = 10;
/** The longest pause between two renders: ten a second still reads as live progress. */
export const MAX_RENDER_INTERVAL_MS = 100;

/**
 * How long React waits after one render before the next. The engine reports at most once per
 * frame; a render costs a pass over all files (totals, the list's keys), so many files at sixty
 * renders a second keep the main thread busy (measured: 1,000 small files rendered every frame
 * spent about a fifth of the upload's CPU time on rendering). The pause grows with the number
 * of files, which keeps that cost per second about level: every frame up to about 160 files,
 * 100 ms from 1,000 on. Progress bars glide between updates with a CSS transition.
 */
export function renderIntervalFor(files: number): number {
  const interval = files / FILES_PER_MS;
  // The engine reports once per frame at most: a shorter pause would change nothing.
  return interval < FRAME_MS ? 0 : Math.min(MAX_RENDER_INTERVAL_MS, interval);
}

/**
 * A stable store in front of an engine that may be created, destroyed and created again.
 * React (StrictMode, and any remount) runs an effect's cleanup and then the effect again;
 * an engine built during render and destroyed in cleanup would then be dead. The session is
 * built once; effects start and stop the engine behind it, and React subscribes to the
 * session, which stays the same object throughout.
 */
export function createEngineSession(clock: { now(): number } = performance) {
  let engine: UploadEngine | null = null;
  let detach = () => {};
  const listeners = new Set<() => void>();
  const eventListeners = new Set<EngineEventListener>();
  /**
   * What React sees: the engine's snapshot as of the last notification. React asks for it on
   * every render (a scroll of the list, a countdown tick), and reading the engine each time
   * would rebuild its 10,000-entry snapshot whenever anything changed in between.
   */
  let shown: EngineSnapshot = EMPTY_SNAPSHOT;
  let lastNotified = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const read = () => engine?.getSnapshot() ?? EMPTY_SNAPSHOT;
  const notifyNow = () => {
    timer = undefined;
    lastNotified = clock.now();
    shown = read();
    for (const listener of listeners) listener();
  };
  /** An engine change: passed on now, or once the pause after the last render is over. */
  const notify = () => {
    if (timer !== undefined) return;
    const wait = lastNotified + renderIntervalFor(shown.files.length) - clock.now();
    if (wait <= 0) notifyNow();
    else timer = setTimeout(notifyNow, wait);
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
      const unsubscribe = engine.subscribe(notify);
      // Events go on at once: they are few, and nobody renders them as they come.
      const unsubscribeEvents = engine.subscribeEvents((events) => {
        for (const listener of eventListeners) listener(events);
      });
      detach = () => {
        unsubscribe();
        unsubscribeEvents();
      };
      notify();
    },
    stop() {
      detach();
      detach = () => {};
      clearTimeout(timer);
      timer = undefined;
      engine?.destroy();
      engine = null;
      shown = EMPTY_SNAPSHOT;
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    /** The engine's typed events, whichever engine runs behind the session. */
    subscribeEvents(listener: EngineEventListener) {
      eventListeners.add(listener);
      return () => {
        eventListeners.delete(listener);
      };
    },
    /** The snapshot React renders (see `shown`). */
    getSnapshot: (): EngineSnapshot => shown,
    /** The engine's state this instant, for event handlers that act on it. */
    readNow: read,
  };
}
