import { describe, expect, it } from 'vitest';
import { isEngineAbort } from '../failures/abort';
import { createConnectivity } from './connectivity';

describe('createConnectivity', () => {
  it('aborts the current signal when going offline and releases waiters when back', async () => {
    const c = createConnectivity(true);
    const first = c.signal();
    const never = new AbortController().signal;
    await expect(c.wait(never)).resolves.toBeUndefined();
    expect(c.set(true)).toBe(false);
    expect(c.set(false)).toBe(true);
    expect(first.aborted).toBe(true);
    expect(isEngineAbort(first.reason) && first.reason.kind).toBe('offline');
    let resumed = false;
    const waiting = c.wait(never).then(() => (resumed = true));
    await Promise.resolve();
    expect(resumed).toBe(false);
    c.set(true);
    await waiting;
    expect(resumed).toBe(true);
    expect(c.signal().aborted).toBe(false);
  });

  it('a waiter whose own signal aborts stops waiting', async () => {
    const c = createConnectivity(false);
    expect(c.signal().aborted).toBe(true);
    const controller = new AbortController();
    const waiting = c.wait(controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
  });
});
