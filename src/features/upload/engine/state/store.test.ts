import { describe, expect, it } from 'vitest';
import { computeTotals, createStore, reduceEntry } from './store';
import type { FileEntry } from '../types';

const entry = (over: Partial<FileEntry> = {}): FileEntry => ({
  id: 'a',
  name: 'a.bin',
  relativePath: '',
  size: 100,
  type: '',
  status: 'queued',
  bytesSent: 0,
  speed: 0,
  urlExpiresAt: null,
  key: null,
  crc64: null,
  etag: null,
  error: null,
  attempts: 0,
  mode: null,
  addedAt: 0,
  finishedAt: null,
  ...over,
});

describe('reduceEntry', () => {
  it('never mutates and keeps progress below 1 until done', () => {
    const e = entry({ status: 'uploading' });
    const sent = reduceEntry(e, { type: 'progress', id: 'a', bytesSent: 100, speed: 5 });
    expect(e.bytesSent).toBe(0);
    expect(sent).toMatchObject({ bytesSent: 100, progress: 0.99, speed: 5 });
    const verifying = reduceEntry(sent, { type: 'verifying', id: 'a' });
    expect(verifying).toMatchObject({ status: 'verifying', speed: 0, progress: 0.99 });
    const done = reduceEntry(verifying, {
      type: 'done',
      id: 'a',
      key: 'k',
      etag: '"e"',
      crc64: '1',
      at: 9,
    });
    expect(done).toMatchObject({
      status: 'done',
      progress: 1,
      finishedAt: 9,
      key: 'k',
      urlExpiresAt: null,
    });
  });

  it('reset clears the error and attempts', () => {
    const failed = reduceEntry(entry(), {
      type: 'failed',
      id: 'a',
      error: { code: 'network-error' },
      at: 1,
      bytesSent: 0,
    });
    const reset = reduceEntry(
      { ...failed, attempts: 3 },
      {
        type: 'reset',
        id: 'a',
        status: 'queued',
        keepPlan: false,
      },
    );
    expect(reset).toMatchObject({ status: 'queued', error: null, attempts: 0, finishedAt: null });
  });
});

describe('computeTotals', () => {
  it('counts statuses and leaves refused and cancelled bytes out', () => {
    const totals = computeTotals([
      entry({ status: 'done', bytesSent: 100 }),
      entry({ status: 'uploading', bytesSent: 40, speed: 10 }),
      entry({ status: 'rejected' }),
      entry({ status: 'cancelled', bytesSent: 30 }),
      entry({ status: 'failed' }),
      entry({ status: 'paused' }),
    ]);
    expect(totals).toEqual({
      files: 6,
      done: 1,
      failed: 1,
      cancelled: 1,
      rejected: 1,
      active: 2,
      bytes: 400,
      bytesSent: 140,
      speed: 10,
    });
  });
});

describe('createStore', () => {
  it('ignores actions for unknown ids without notifying', () => {
    const flushes: (() => void)[] = [];
    const store = createStore({ scheduleFlush: (f) => flushes.push(f), online: true });
    const before = store.getSnapshot();
    store.dispatch({ type: 'status', id: 'nope', status: 'done' });
    store.dispatch({ type: 'online-changed', online: true });
    expect(flushes).toHaveLength(0);
    expect(store.getSnapshot()).toBe(before);
  });
});
