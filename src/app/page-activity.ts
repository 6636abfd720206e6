import type { UploadEngine } from '../features/upload/engine/types';
import type { PageActivity } from '../features/submission/components/finish-bar';

/**
 * What the submission needs to know of the upload engine: how many files are still in flight,
 * failed or done. A store of three numbers that changes only when one of them does, so the
 * Finish button does not re-render with every progress tick of 10,000 files.
 */
export interface PageActivityStore {
  /** Follows this engine from now on (the latest one the upload area made). */
  watch(engine: UploadEngine): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): PageActivity;
  /** The engine followed now, for commands (retry after a gate is passed again). */
  engine(): UploadEngine | null;
}

export function createPageActivity(): PageActivityStore {
  let value: PageActivity = { active: 0, failed: 0, done: 0 };
  let current: UploadEngine | null = null;
  const listeners = new Set<() => void>();
  return {
    watch(engine) {
      current = engine;
      const read = () => {
        if (current !== engine) return;
        const { totals } = engine.getSnapshot();
        if (
          totals.active === value.active &&
          totals.failed === value.failed &&
          totals.done === value.done
        ) {
          return;
        }
        value = { active: totals.active, failed: totals.failed, done: totals.done };
        for (const listener of listeners) listener();
      };
      engine.subscribe(read);
      read();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => value,
    engine: () => current,
  };
}
