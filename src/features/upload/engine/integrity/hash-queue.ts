/**
 * CRC64 of accepted files, computed alongside the upload (the upload never waits for it; only
 * the final verification does). Files are hashed in the order they were added, a few at a time;
 * a file that reaches verification before its turn jumps the queue.
 */
import { raceAbort } from '../failures/abort';
import type { Hasher } from '../ports/hasher';
import type { HashState, Job } from '../job';
import { UploadFailure } from '../failures/upload-failure';

export interface HashQueue {
  /** Queue the file if it has no hash (or hash in progress) yet. */
  start(job: Job): void;
  /** Wait for the file's CRC64 (moving it to the front of the queue). */
  result(job: Job, signal: AbortSignal): Promise<string>;
  /** Forget the result and hash again. */
  reset(job: Job): void;
  /** Stop hashing this file (cancelled). */
  cancel(job: Job): void;
  dispose(): void;
}

/** A file's hash, waited for by whoever needs it; `generation` tells a reset one apart. */
function newState(generation: number): HashState {
  let resolve!: (crc: string) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody may be waiting yet; the failure is reported through onFailed as well.
  promise.catch(() => {});
  return {
    generation,
    status: 'queued',
    promise,
    resolve,
    reject,
    controller: null,
  };
}

export function createHashQueue(options: {
  hasher: Hasher;
  concurrency: number;
  onHashed(job: Job, crc64: string): void;
  onFailed(job: Job, failure: UploadFailure): void;
}): HashQueue {
  const urgent: Job[] = [];
  const normal: Job[] = [];
  let normalHead = 0;
  let running = 0;
  let disposed = false;
  let generation = 0;

  function next(): Job | undefined {
    while (urgent.length > 0) {
      const job = urgent.shift()!;
      if (job.hash?.status === 'queued') return job;
    }
    while (normalHead < normal.length) {
      const job = normal[normalHead++]!;
      if (job.hash?.status === 'queued') return job;
    }
    if (normalHead > 0 && normalHead === normal.length) {
      normal.length = 0;
      normalHead = 0;
    }
    return undefined;
  }

  function pump() {
    while (!disposed && running < options.concurrency) {
      const job = next();
      if (!job) return;
      run(job, job.hash!);
    }
  }

  function run(job: Job, state: HashState) {
    running++;
    state.status = 'running';
    state.controller = new AbortController();
    options.hasher.hash(job.file, { signal: state.controller.signal }).then(
      (crc64) => {
        running--;
        if (job.hash === state) {
          state.status = 'done';
          state.resolve(crc64);
          options.onHashed(job, crc64);
        }
        pump();
      },
      (error: unknown) => {
        running--;
        if (job.hash === state && !state.controller?.signal.aborted) {
          state.status = 'failed';
          const e = error instanceof Error ? error : new Error(String(error));
          const failure = new UploadFailure({
            code: 'file-unreadable',
            detail: `${e.name}: ${e.message}`,
          });
          state.reject(failure);
          options.onFailed(job, failure);
        }
        pump();
      },
    );
  }

  function stop(job: Job) {
    const state = job.hash;
    if (!state) return;
    if (state.status === 'running') state.controller?.abort();
    if (state.status === 'queued' || state.status === 'running') {
      state.reject(new UploadFailure({ code: 'cancelled' }));
    }
    job.hash = null;
  }

  const queue: HashQueue = {
    start(job) {
      if (job.hash || disposed) return;
      job.hash = newState(++generation);
      normal.push(job);
      pump();
    },
    result(job, signal) {
      if (!job.hash) queue.start(job);
      const state = job.hash!;
      if (state.status === 'queued') {
        urgent.push(job);
        pump();
      }
      return raceAbort(state.promise, signal);
    },
    reset(job) {
      stop(job);
      queue.start(job);
    },
    cancel(job) {
      stop(job);
    },
    dispose() {
      disposed = true;
      options.hasher.dispose?.();
    },
  };
  return queue;
}
