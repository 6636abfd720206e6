import { use } from 'react';

/**
 * A lazily imported module that can be asked for early (at startup, in parallel with the
 * config and link fetches) and read synchronously once it has arrived, so a page rendered
 * after that never shows a fallback, not even for one frame (React.lazy always suspends once).
 */
export interface Preloadable<T> {
  /** Starts the import (once) and resolves with the module. */
  (): Promise<T>;
  /** The module, once it has arrived. */
  readonly current: T | undefined;
}

export function preloadable<T>(load: () => Promise<T>): Preloadable<T> {
  let promise: Promise<T> | undefined;
  let current: T | undefined;
  const start = () =>
    (promise ??= load().then(
      (module) => (current = module),
      (error: unknown) => {
        // A chunk that failed to download (flaky network) is fetched again on the next ask.
        promise = undefined;
        throw error;
      },
    ));
  return Object.defineProperty(start, 'current', { get: () => current }) as Preloadable<T>;
}

/** The module in render: at once when it has arrived, else suspends until it does. */
export function usePreloaded<T>(module: Preloadable<T>): T {
  return module.current ?? use(module());
}
