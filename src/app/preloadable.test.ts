import { describe, expect, it } from 'vitest';
import { preloadable } from './preloadable';

describe('preloadable', () => {
  it('imports once and then offers the module synchronously', async () => {
    let calls = 0;
    const module = preloadable(() => {
      calls += 1;
      return Promise.resolve({ answer: 42 });
    });
    expect(module.current).toBeUndefined();
    const first = module();
    expect(module()).toBe(first);
    expect(await first).toEqual({ answer: 42 });
    expect(module.current).toEqual({ answer: 42 });
    expect(calls).toBe(1);
  });

  it('tries again after a failed download', async () => {
    let calls = 0;
    const module = preloadable(() => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error('offline')) : Promise.resolve('ok');
    });
    await expect(module()).rejects.toThrow('offline');
    expect(module.current).toBeUndefined();
    expect(await module()).toBe('ok');
    expect(module.current).toBe('ok');
    expect(calls).toBe(2);
  });
});
