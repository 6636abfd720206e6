/**
 * A test double of the UploadEngine interface for component tests: it holds whatever
 * snapshot the test sets, tells event listeners what changed in it (as the engine's store
 * would), and records the commands the UI sends. The real engine is tested in
 * src/features/upload/engine.
 */
import { eventOfChange, eventsOfAdded, type EngineEvent } from '../../engine/events/engine-events';
import { computeTotals } from '../../engine/state/file-entry';
import { fileEntry } from '../../engine/testing/file-entry-fixture';
import type { EngineSnapshot, FileEntry, FileInput, UploadEngine } from '../../engine/types';

export { fileEntry };

export type FakeUploadEngine = UploadEngine & {
  calls: Array<[string, ...unknown[]]>;
  added: FileInput[];
  destroyed: boolean;
  setFiles(files: FileEntry[], extra?: Partial<Omit<EngineSnapshot, 'files' | 'totals'>>): void;
};

/** The events the engine would have sent for a change from `before` to `after`. */
function eventsBetween(before: EngineSnapshot, after: EngineSnapshot): EngineEvent[] {
  const events: EngineEvent[] = [];
  const known = new Map(before.files.map((f) => [f.id, f]));
  for (const file of after.files) {
    const earlier = known.get(file.id);
    if (!earlier) {
      events.push(...eventsOfAdded(file));
      continue;
    }
    const event = eventOfChange(earlier, file);
    if (event) events.push(event);
  }
  if (before.online !== after.online) events.push({ type: 'online-changed', online: after.online });
  return events;
}

export function createFakeUploadEngine(initial: FileEntry[] = []): FakeUploadEngine {
  const listeners = new Set<() => void>();
  const eventListeners = new Set<(events: readonly EngineEvent[]) => void>();
  let snapshot: EngineSnapshot = {
    files: initial,
    totals: computeTotals(initial),
    online: true,
    pausedAll: false,
  };
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      engine.calls.push([name, ...args]);
    };
  const engine: FakeUploadEngine = {
    calls: [],
    added: [],
    destroyed: false,
    setFiles(files, extra = {}) {
      const before = snapshot;
      snapshot = { ...snapshot, ...extra, files, totals: computeTotals(files) };
      const events = eventsBetween(before, snapshot);
      if (events.length > 0) for (const listener of eventListeners) listener(events);
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot: () => snapshot,
    subscribeEvents(listener) {
      eventListeners.add(listener);
      return () => {
        eventListeners.delete(listener);
      };
    },
    addFiles(inputs) {
      engine.added.push(...inputs);
      engine.calls.push(['addFiles', inputs.length]);
    },
    cancel: record('cancel'),
    retry: record('retry'),
    pause: record('pause'),
    resume: record('resume'),
    pauseAll: record('pauseAll'),
    resumeAll: record('resumeAll'),
    retryAllFailed: record('retryAllFailed'),
    cancelAll: record('cancelAll'),
    clearFinished: record('clearFinished'),
    destroy() {
      engine.destroyed = true;
      listeners.clear();
      eventListeners.clear();
    },
  };
  return engine;
}
