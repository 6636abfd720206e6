/**
 * Online/offline as the engine sees it: a flag, a signal that aborts in-flight requests when
 * the connection drops (they are put back, not counted as failures), and a way to wait for
 * the connection to return.
 */
import { abortReason, EngineAbort } from '../failures/abort';

export interface Connectivity {
  readonly online: boolean;
  /** Aborted with EngineAbort('offline') when the connection drops; renewed when it returns. */
  signal(): AbortSignal;
  /** Resolves once online (at once if online now); rejects if `signal` aborts first. */
  wait(signal: AbortSignal): Promise<void>;
  /** Returns true when this changed the state. */
  set(online: boolean): boolean;
}

export function createConnectivity(initiallyOnline: boolean): Connectivity {
  let online = initiallyOnline;
  let controller = new AbortController();
  if (!online) controller.abort(new EngineAbort('offline'));
  const waiters = new Set<() => void>();

  return {
    get online() {
      return online;
    },
    signal: () => controller.signal,
    wait(signal) {
      if (online) return Promise.resolve();
      if (signal.aborted) return Promise.reject(abortReason(signal));
      return new Promise<void>((resolve, reject) => {
        const done = () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          waiters.delete(done);
          reject(abortReason(signal));
        };
        waiters.add(done);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
    set(next) {
      if (next === online) return false;
      online = next;
      if (!online) {
        controller.abort(new EngineAbort('offline'));
        return true;
      }
      controller = new AbortController();
      const waiting = [...waiters];
      waiters.clear();
      for (const resume of waiting) resume();
      return true;
    },
  };
}
