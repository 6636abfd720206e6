/**
 * One global cap on requests to COS in flight, shared by single PUTs and parts (browsers allow
 * ~6 connections per host; more only queues inside the browser where stall timers would fire
 * on requests that never started). FIFO, so a large multipart file cannot starve small ones.
 */
import { abortReason } from '../failures/abort';

export interface Scheduler {
  /** Resolves with a `release` function once a slot is free; rejects if the signal aborts. */
  acquire(signal: AbortSignal): Promise<() => void>;
  readonly inFlight: number;
  /** Highest `inFlight` seen (for tests and diagnostics). */
  readonly maxInFlight: number;
  readonly waiting: number;
}

interface Waiter {
  grant: (release: () => void) => void;
}

export function createScheduler(capacity: number): Scheduler {
  let inFlight = 0;
  let maxInFlight = 0;
  const waiters: Waiter[] = [];

  function makeRelease(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = waiters.shift();
      if (next) {
        next.grant(makeRelease());
      } else {
        inFlight--;
      }
    };
  }

  return {
    acquire(signal) {
      if (signal.aborted) return Promise.reject(abortReason(signal));
      if (inFlight < capacity) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        return Promise.resolve(makeRelease());
      }
      return new Promise<() => void>((resolve, reject) => {
        const waiter: Waiter = {
          grant: (release) => {
            signal.removeEventListener('abort', onAbort);
            resolve(release);
          },
        };
        const onAbort = () => {
          const index = waiters.indexOf(waiter);
          if (index >= 0) waiters.splice(index, 1);
          reject(abortReason(signal));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiters.push(waiter);
      });
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get waiting() {
      return waiters.length;
    },
  };
}
