/**
 * The IndexedDB store where IndexedDB cannot be used: it must answer "nothing remembered"
 * without throwing and without hanging, because the engine waits for the first read. (Node has
 * no IndexedDB; the store against a real browser's IndexedDB is exercised end to end in
 * e2e/resilience-resume.spec.ts.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ResumeRecord } from '../engine/ports/resume-store';
import { createIndexedDbResumeStore } from './indexeddb-resume-store';

const record: ResumeRecord = {
  uploadId: 'u1',
  ticket: 't',
  key: 'uploads/a/b',
  partSize: 1024,
  partCount: 2,
  fingerprint: { name: 'a.bin', size: 2000, lastModified: 1, sample: '1' },
  relativePath: '',
  type: '',
  partsDone: 0,
  createdAt: 1,
  updatedAt: 1,
};

afterEach(() => {
  vi.useRealTimers();
});

/** The parts of IDBFactory a refusing or silent browser shows. */
function factory(open: () => IDBOpenDBRequest): IDBFactory {
  return { open } as unknown as IDBFactory;
}

describe('IndexedDB resume store without IndexedDB', () => {
  it('works as an empty store when the environment has none', async () => {
    expect('indexedDB' in globalThis).toBe(false);
    const store = createIndexedDbResumeStore('link-1');
    await expect(store.put(record)).resolves.toBeUndefined();
    await expect(store.list()).resolves.toEqual([]);
    await expect(store.remove('u1')).resolves.toBeUndefined();
  });

  it('works as an empty store when opening throws (sandboxed or partitioned frame)', async () => {
    let opened = 0;
    const store = createIndexedDbResumeStore('link-1', {
      factory: factory(() => {
        opened++;
        throw new DOMException('The operation is insecure.', 'SecurityError');
      }),
    });
    await expect(store.list()).resolves.toEqual([]);
    await expect(store.put(record)).resolves.toBeUndefined();
    expect(opened).toBe(1);
  });

  it('gives up after a few seconds when opening never answers', async () => {
    vi.useFakeTimers();
    const store = createIndexedDbResumeStore('link-1', {
      factory: factory(() => ({}) as IDBOpenDBRequest),
    });
    let listed: ResumeRecord[] | null = null;
    void store.list().then((records) => (listed = records));
    await vi.advanceTimersByTimeAsync(1000);
    expect(listed).toBeNull();
    await vi.advanceTimersByTimeAsync(2500);
    expect(listed).toEqual([]);
  });

  it('works as an empty store when opening fails', async () => {
    const request = {} as { onerror?: () => void; error: DOMException };
    request.error = new DOMException('quota', 'QuotaExceededError');
    const store = createIndexedDbResumeStore('link-1', {
      factory: factory(() => {
        queueMicrotask(() => request.onerror?.());
        return request as unknown as IDBOpenDBRequest;
      }),
    });
    await expect(store.list()).resolves.toEqual([]);
  });
});
