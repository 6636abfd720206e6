import { describe, expect, it } from 'vitest';
import { createScheduler } from './scheduler';

describe('createScheduler', () => {
  it('grants at most `capacity` slots, then hands released slots over in FIFO order', async () => {
    const s = createScheduler(2);
    const signal = new AbortController().signal;
    const r1 = await s.acquire(signal);
    await s.acquire(signal);
    const order: number[] = [];
    const third = s.acquire(signal).then((release) => {
      order.push(3);
      return release;
    });
    const fourth = s.acquire(signal).then((release) => {
      order.push(4);
      return release;
    });
    expect(s.inFlight).toBe(2);
    expect(s.waiting).toBe(2);
    r1();
    r1(); // releasing twice must not free two slots
    await third;
    expect(order).toEqual([3]);
    expect(s.inFlight).toBe(2);
    expect(s.maxInFlight).toBe(2);
    (await third)();
    (await fourth)();
    expect(order).toEqual([3, 4]);
    expect(s.inFlight).toBe(1);
  });

  it('an aborted waiter leaves the queue without taking a slot', async () => {
    const s = createScheduler(1);
    const release = await s.acquire(new AbortController().signal);
    const controller = new AbortController();
    const waiting = s.acquire(controller.signal);
    controller.abort(new Error('paused'));
    await expect(waiting).rejects.toThrow('paused');
    expect(s.waiting).toBe(0);
    release();
    expect(s.inFlight).toBe(0);
  });
});
