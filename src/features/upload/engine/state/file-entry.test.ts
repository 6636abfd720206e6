import { describe, expect, it } from 'vitest';
import { fileEntry } from '../testing/file-entry-fixture';
import { computeTotals, reduceEntry } from './file-entry';

const entry = (over: Parameters<typeof fileEntry>[0] | object = {}) =>
  fileEntry({ id: 'a', name: 'a.bin', size: 100, type: '', ...over });

describe('reduceEntry', () => {
  it('never mutates and keeps progress below 1 until done', () => {
    const e = entry({ status: 'uploading' });
    const sent = reduceEntry(e, { type: 'progress', id: 'a', bytesSent: 100, speed: 5 });
    expect(e.bytesSent).toBe(0);
    expect(sent).toMatchObject({ bytesSent: 100, progress: 0.99, speed: 5 });
    const verifying = reduceEntry(sent, {
      type: 'stage',
      id: 'a',
      stage: 'verifying',
      event: { type: 'run-verifying' },
      at: 5,
    });
    expect(verifying).toMatchObject({ status: 'verifying', speed: 0, progress: 0.99 });
    const done = reduceEntry(verifying, {
      type: 'stage',
      id: 'a',
      stage: 'done',
      event: { type: 'verified', key: 'k', etag: '"e"', crc64: '1' },
      at: 9,
    });
    expect(done).toMatchObject({
      status: 'done',
      stage: 'done',
      progress: 1,
      finishedAt: 9,
      key: 'k',
      urlExpiresAt: null,
    });
  });

  it('takes the status from the stage it enters', () => {
    const paused = reduceEntry(entry({ status: 'uploading', speed: 9 }), {
      type: 'stage',
      id: 'a',
      stage: 'offline',
      event: { type: 'run-offline' },
      at: 1,
    });
    expect(paused).toMatchObject({ status: 'paused', stage: 'offline', speed: 0 });
  });

  it('a retry clears the error and attempts', () => {
    const failed = reduceEntry(entry({ status: 'uploading' }), {
      type: 'stage',
      id: 'a',
      stage: 'failed',
      event: { type: 'failed', error: { code: 'network-error' }, bytesSent: 0 },
      at: 1,
    });
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'network-error' } });
    const reset = reduceEntry(
      { ...failed, attempts: 3 },
      {
        type: 'stage',
        id: 'a',
        stage: 'to-sign',
        event: { type: 'retry', keep: 'none', rehash: false },
        at: 2,
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
