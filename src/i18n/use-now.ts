import { useSyncExternalStore } from 'react';

/**
 * One shared one-second clock for every countdown on the page (link expiry, each row's URL
 * expiry): a single interval however many rows are mounted, started by the first subscriber
 * and stopped with the last.
 */
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function tick() {
  now = Date.now();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(tick, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const getNow = () => now;

/**
 * The current time, updated every second. With a selector, the component re-renders only
 * when the selected value changes (e.g. "expired yet?"), not on every tick.
 */
export function useNow(): number;
export function useNow<T>(select: (now: number) => T): T;
export function useNow<T>(select?: (now: number) => T): T | number {
  const getSnapshot: () => T | number = select ? () => select(getNow()) : getNow;
  return useSyncExternalStore<T | number>(subscribe, getSnapshot, getSnapshot);
}
