/**
 * Cancelling is not failing. Every stop the engine causes itself carries an `EngineAbort`
 * reason, so code that catches can tell "the person paused this" from "COS broke".
 */
import type { EngineEnv } from '../env';

export type EngineAbortKind = 'pause' | 'cancel' | 'destroy' | 'offline' | 'stall' | 'restart';

export class EngineAbort extends Error {
  override readonly name = 'AbortError';
  readonly kind: EngineAbortKind;

  constructor(kind: EngineAbortKind) {
    super(`Aborted: ${kind}`);
    this.kind = kind;
  }
}

export function isEngineAbort(error: unknown): error is EngineAbort {
  return error instanceof EngineAbort;
}

/** The reason a signal was aborted with, as an Error to throw. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new EngineAbort('cancel');
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortReason(signal);
}

/** Child controller aborted with the parent's reason; `unlink` when the child is done. */
export function linkedController(parent: AbortSignal): {
  controller: AbortController;
  unlink: () => void;
} {
  const controller = new AbortController();
  if (parent.aborted) {
    controller.abort(parent.reason);
    return { controller, unlink: () => {} };
  }
  const onAbort = () => controller.abort(parent.reason);
  parent.addEventListener('abort', onAbort, { once: true });
  return { controller, unlink: () => parent.removeEventListener('abort', onAbort) };
}

/** Wait `ms` on the engine's clock; rejects with the abort reason if the signal fires. */
export function sleep(env: EngineEnv, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      env.clearTimeout(handle);
      reject(abortReason(signal));
    };
    const handle = env.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Settle with the promise, or reject with the abort reason as soon as the signal fires. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
