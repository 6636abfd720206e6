// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FLUSH_MIN_INTERVAL_MS, resolveEnv } from './env';

afterEach(() => {
  vi.useRealTimers();
});

describe('yieldTask', () => {
  it('in a browser, runs each callback in a task of its own without a timer', async () => {
    // Timers frozen: a hidden tab's timers may wait a second each; requests must not.
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] });
    const env = resolveEnv();
    const ran: string[] = [];
    env.yieldTask(() => {
      ran.push('a');
      // A microtask queued by the first callback runs before the second callback: separate tasks.
      queueMicrotask(() => ran.push('a-micro'));
    });
    env.yieldTask(() => ran.push('b'));
    expect(ran).toEqual([]);
    await vi.waitFor(() => expect(ran).toHaveLength(3), { timeout: 1000, interval: 5 });
    expect(ran).toEqual(['a', 'a-micro', 'b']);
  });
});

describe('scheduleFlush', () => {
  it('runs on the next frame, but at most one flush per FLUSH_MIN_INTERVAL_MS', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    const frames: Array<() => void> = [];
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
    try {
      const env = resolveEnv();
      const ran: number[] = [];
      const nextFrame = () => frames.splice(0).forEach((cb) => cb());

      env.scheduleFlush(() => ran.push(Date.now()));
      nextFrame();
      expect(ran).toHaveLength(1);

      // Asked again at once: no frame is asked for until the interval has passed.
      env.scheduleFlush(() => ran.push(Date.now()));
      nextFrame();
      expect(ran).toHaveLength(1);
      vi.advanceTimersByTime(FLUSH_MIN_INTERVAL_MS - 1);
      nextFrame();
      expect(ran).toHaveLength(1);
      vi.advanceTimersByTime(1);
      nextFrame();
      expect(ran).toHaveLength(2);
      expect(ran[1]! - ran[0]!).toBeGreaterThanOrEqual(FLUSH_MIN_INTERVAL_MS);

      // Long after the last flush: the very next frame.
      vi.advanceTimersByTime(5 * FLUSH_MIN_INTERVAL_MS);
      env.scheduleFlush(() => ran.push(Date.now()));
      nextFrame();
      expect(ran).toHaveLength(3);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('still flushes in a hidden tab, where no frame comes', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    vi.stubGlobal('requestAnimationFrame', () => 0);
    try {
      const env = resolveEnv();
      let ran = 0;
      env.scheduleFlush(() => ran++);
      vi.advanceTimersByTime(1000);
      env.scheduleFlush(() => ran++);
      vi.advanceTimersByTime(1000);
      expect(ran).toBe(2);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('scheduleFlush, urgent', () => {
  it('runs on the next frame even inside the interval, and once', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const frames: Array<() => void> = [];
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
    try {
      const env = resolveEnv();
      let ran = 0;
      const flush = () => ran++;
      const nextFrame = () => frames.splice(0).forEach((cb) => cb());
      env.scheduleFlush(flush);
      nextFrame();
      expect(ran).toBe(1);
      // A flush waits for the interval; then the last file settles.
      env.scheduleFlush(flush);
      env.scheduleFlush(flush, true);
      nextFrame();
      expect(ran).toBe(2);
      // The waiting one was replaced, not kept: nothing more runs later.
      vi.advanceTimersByTime(10 * FLUSH_MIN_INTERVAL_MS);
      nextFrame();
      expect(ran).toBe(2);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
