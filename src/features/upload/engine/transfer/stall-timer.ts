/**
 * Watchdog for one request: if no progress arrives for `timeoutMs`, `onStall` runs (the caller
 * aborts the request and retries it). A socket can stay open with nothing moving forever;
 * without this a file would sit in "uploading" for good.
 */
import type { EngineEnv, TimerHandle } from '../env';

export interface StallTimer {
  /** Progress seen: start the countdown again. */
  touch(): void;
  stop(): void;
}

export function startStallTimer(
  env: EngineEnv,
  timeoutMs: number,
  onStall: () => void,
): StallTimer {
  let handle: TimerHandle | null = null;
  let stopped = false;
  const arm = () => {
    if (handle !== null) env.clearTimeout(handle);
    handle = env.setTimeout(() => {
      handle = null;
      if (!stopped) onStall();
    }, timeoutMs);
  };
  arm();
  return {
    touch() {
      if (!stopped) arm();
    },
    stop() {
      stopped = true;
      if (handle !== null) env.clearTimeout(handle);
      handle = null;
    },
  };
}
