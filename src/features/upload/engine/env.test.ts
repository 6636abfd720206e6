// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveEnv } from './env';

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
