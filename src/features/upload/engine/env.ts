/**
 * Everything the engine takes from its surroundings: clock, timers, randomness, connectivity
 * and the flush scheduler. Injected so tests drive time with fake timers and a scripted
 * online/offline source; the defaults are the browser's.
 */

export interface OnlineSource {
  isOnline(): boolean;
  subscribe(listener: (online: boolean) => void): () => void;
}

export type TimerHandle = unknown;

export interface EngineEnv {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /** A number in [0, 1); used for retry jitter and ids. */
  random(): number;
  /** Connectivity (default: `navigator.onLine` and the window's online/offline events). */
  online$?: OnlineSource;
  /**
   * Runs a store flush "soon". Default: the next animation frame at least
   * FLUSH_MIN_INTERVAL_MS after the last flush, with a timer as a fallback because hidden
   * tabs get no frames but still need their listeners (title, postMessage). `urgent`: on the
   * next frame whatever the interval (the last file has settled: the outcome shows at once).
   */
  scheduleFlush?(callback: () => void, urgent?: boolean): void;
  /**
   * Runs `callback` soon, in a task of its own. Default in a browser: a MessageChannel message
   * (a hidden tab's timers wait up to a second each, messages do not); elsewhere a 0 ms timer.
   */
  yieldTask?(callback: () => void): void;
}

export interface ResolvedEnv extends EngineEnv {
  online$: OnlineSource;
  scheduleFlush(callback: () => void, urgent?: boolean): void;
  yieldTask(callback: () => void): void;
}

/** Always online: for environments without `navigator` (tests, workers). */
export const ALWAYS_ONLINE: OnlineSource = {
  isOnline: () => true,
  subscribe: () => () => {},
};

export function browserOnlineSource(): OnlineSource {
  if (typeof window === 'undefined' || typeof navigator === 'undefined') return ALWAYS_ONLINE;
  return {
    isOnline: () => navigator.onLine !== false,
    subscribe(listener) {
      const on = () => listener(true);
      const off = () => listener(false);
      window.addEventListener('online', on);
      window.addEventListener('offline', off);
      return () => {
        window.removeEventListener('online', on);
        window.removeEventListener('offline', off);
      };
    },
  };
}

const FLUSH_FALLBACK_MS = 250;
/**
 * At most about ten renders a second. Each flush re-renders the list and makes the browser
 * restyle, lay out and paint it. At one per animation frame, a trace of 100 × 1 MiB on
 * loopback had 92 frame callbacks taking 239 ms of the page's 1.56 s of main-thread work; at
 * ten a second, 18 taking 96 ms of 1.13 s. A tenth of a second is still quicker than a person
 * notices a change, and a progress bar moving ten times a second looks continuous enough.
 */
export const FLUSH_MIN_INTERVAL_MS = 100;

function frameOrTimer(env: EngineEnv): (callback: () => void, urgent?: boolean) => void {
  let lastFlushAt = -Infinity;
  const due = new Set<() => void>();
  /** A flush waiting for its interval, or null. */
  let delayed: TimerHandle | null = null;
  /** A frame (or its fallback timer) has been asked for. */
  let framed = false;
  const frame = () => {
    framed = true;
    let done = false;
    const run = () => {
      if (done) return;
      done = true;
      framed = false;
      lastFlushAt = env.now();
      const callbacks = [...due];
      due.clear();
      for (const callback of callbacks) callback();
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
    env.setTimeout(run, typeof requestAnimationFrame === 'function' ? FLUSH_FALLBACK_MS : 16);
  };
  return (callback, urgent = false) => {
    due.add(callback);
    if (framed) return;
    if (delayed !== null) {
      if (!urgent) return;
      env.clearTimeout(delayed);
      delayed = null;
    }
    const wait = lastFlushAt + FLUSH_MIN_INTERVAL_MS - env.now();
    if (wait <= 0 || urgent) frame();
    else
      delayed = env.setTimeout(() => {
        delayed = null;
        frame();
      }, wait);
  };
}

function messageOrTimer(env: EngineEnv): (callback: () => void) => void {
  if (typeof window === 'undefined' || typeof MessageChannel === 'undefined') {
    return (callback) => env.setTimeout(callback, 0);
  }
  const channel = new MessageChannel();
  const queue: Array<() => void> = [];
  // One message per callback, so each runs in its own task.
  channel.port1.onmessage = () => queue.shift()?.();
  return (callback) => {
    queue.push(callback);
    channel.port2.postMessage(null);
  };
}

export function resolveEnv(env: Partial<EngineEnv> = {}): ResolvedEnv {
  const base: EngineEnv = {
    now: env.now ?? (() => Date.now()),
    // Looked up at call time so fake timers installed after creation still apply.
    setTimeout: env.setTimeout ?? ((callback, ms) => globalThis.setTimeout(callback, ms)),
    clearTimeout:
      env.clearTimeout ??
      ((handle) => globalThis.clearTimeout(handle as Parameters<typeof clearTimeout>[0])),
    random: env.random ?? Math.random,
  };
  return {
    ...base,
    online$: env.online$ ?? browserOnlineSource(),
    scheduleFlush: env.scheduleFlush ?? frameOrTimer(base),
    yieldTask: env.yieldTask ?? messageOrTimer(base),
  };
}
