/**
 * Engine as a whole: commands (pause, resume, cancel, retry, clear), connectivity, the global
 * cap, batched just-in-time signing, the store's notification contract and scale.
 */
import { describe, expect, it } from 'vitest';
import { MAX_FILES_PER_BATCH } from '../../../../protocol/schemas';
import { createInlineCrc64Hasher } from './integrity/crc64-hasher';
import { createUploadEngine } from './create-upload-engine';
import { EngineConfigError } from './options';
import { createHarness, makeFile, type Harness, fakeClockPerTest } from './testing/engine-harness';
import { FakeCos } from './testing/fake-cos';
import { FakeSigner } from './testing/fake-signer';
import { FakeTransport, turns } from './testing/fake-transport';

let h: Harness;

fakeClockPerTest(() => h);

describe('file checks on add', () => {
  it('refuses files over the link limits with results, and never signs them', async () => {
    h = createHarness({
      limits: {
        maxFileSize: 1000,
        maxTotalBytes: null,
        maxFiles: 3,
        allowedTypes: ['image/*', '.pdf'],
      },
      usage: { files: 1, bytes: 0 },
    });
    h.engine.addFiles([
      { file: makeFile('big.png', 2000, 'image/png') },
      { file: makeFile('notes.txt', 10, 'text/plain') },
      { file: makeFile('a.png', 10, 'image/png') },
      { file: makeFile('b.PDF', 10, '') },
      { file: makeFile('c.png', 10, 'image/png') },
    ]);
    const files = h.snapshot().files;
    expect(files.map((f) => f.status)).toEqual([
      'rejected',
      'rejected',
      'queued',
      'queued',
      'rejected',
    ]);
    expect(files[0]!.error).toEqual({ code: 'file-too-large', params: { limit: 1000 } });
    expect(files[1]!.error?.code).toBe('file-type-not-allowed');
    expect(files[4]!.error).toEqual({ code: 'too-many-files', params: { limit: 3 } });
    await h.until(() => h.allSettled());
    expect(h.signer.calls.createUploads.flatMap((c) => c.files.map((f) => f.name))).toEqual([
      'a.png',
      'b.PDF',
    ]);
    expect(h.snapshot().totals).toMatchObject({ files: 5, done: 2, rejected: 3, bytes: 20 });
  });
});

describe('pause and resume', () => {
  it('pauses an upload in flight (aborting it, progress rolled back) and resumes it', async () => {
    h = createHarness();
    h.transport.script(turns.hang(50));
    h.engine.addFiles([{ file: makeFile('a.bin', 100) }]);
    await h.until(() => h.entry().status === 'uploading');
    await h.advance(300);
    expect(h.entry().bytesSent).toBe(50);
    h.engine.pause(h.entry().id);
    expect(h.entry()).toMatchObject({ status: 'paused', bytesSent: 0, error: null });
    expect(h.transport.requests[0]!.signal?.aborted).toBe(true);
    await h.advance(5000);
    expect(h.transport.requests).toHaveLength(1);
    expect(h.entry().status).toBe('paused');
    h.engine.resume(h.entry().id);
    await h.until(() => h.entry().status === 'done');
    expect(h.transport.requests).toHaveLength(2);
    expect(h.entry().attempts).toBe(0); // a pause is not a failure
  });

  it('pauseAll holds queued files too and new ones; resumeAll lets everything finish', async () => {
    h = createHarness({ options: { concurrency: 1 } });
    h.engine.addFiles([{ file: makeFile('a.bin', 10) }, { file: makeFile('b.bin', 10) }]);
    h.engine.pauseAll();
    h.engine.addFiles([{ file: makeFile('c.bin', 10) }]);
    expect(h.snapshot().pausedAll).toBe(true);
    expect(h.snapshot().files.map((f) => f.status)).toEqual(['paused', 'paused', 'paused']);
    await h.advance(1000);
    expect(h.signer.calls.createUploads).toHaveLength(0);
    h.engine.resumeAll();
    expect(h.snapshot().pausedAll).toBe(false);
    await h.until(() => h.allSettled());
    expect(h.snapshot().totals.done).toBe(3);
  });

  it('a file paused while being signed keeps its plan and does not start', async () => {
    h = createHarness();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const original = h.signer.createUploads.bind(h.signer);
    h.signer.createUploads = async (body) => {
      await gate;
      return original(body);
    };
    h.engine.addFiles([{ file: makeFile('a.bin', 10) }]);
    await h.until(() => h.entry().status === 'signing');
    h.engine.pause(h.entry().id);
    release();
    await h.advance(500);
    expect(h.entry()).toMatchObject({ status: 'paused', key: 'uploads/1/a.bin' });
    expect(h.transport.requests).toHaveLength(0);
    h.engine.resume(h.entry().id);
    await h.until(() => h.entry().status === 'done');
    expect(h.signer.calls.createUploads).toHaveLength(1);
  });
});

describe('cancel, retry, clear', () => {
  it('cancel aborts the request, is not a failure, and retry starts it again', async () => {
    h = createHarness();
    h.transport.script(turns.hang(10));
    h.engine.addFiles([{ file: makeFile('a.bin', 100) }]);
    await h.until(() => h.entry().status === 'uploading');
    h.engine.cancel(h.entry().id);
    expect(h.entry()).toMatchObject({ status: 'cancelled', error: null });
    expect(h.transport.requests[0]!.signal?.aborted).toBe(true);
    expect(h.snapshot().totals).toMatchObject({ cancelled: 1, failed: 0, active: 0, bytes: 0 });
    h.engine.retry(h.entry().id);
    await h.until(() => h.entry().status === 'done');
  });

  it('cancelling a signed single upload tells the signer, so a submission leaves it out', async () => {
    h = createHarness();
    h.transport.script(turns.hang(10));
    h.engine.addFiles([{ file: makeFile('a.bin', 100) }, { file: makeFile('b.bin', 100) }]);
    await h.until(() => h.entry(0).status === 'uploading');
    const plans = h.signer.calls.createUploads.length;
    h.engine.cancel(h.entry(0).id);
    await h.until(() => h.signer.calls.abort.length === 1);
    expect(h.signer.ticket(h.signer.calls.abort[0]!.ticket)?.key).toBe(h.entry(0).key);
    // Retrying it still sends the same file; its verification counts over the cancel.
    h.engine.retry(h.entry(0).id);
    await h.until(() => h.allSettled());
    expect(h.snapshot().files.map((f) => f.status)).toEqual(['done', 'done']);
    expect(h.signer.calls.createUploads).toHaveLength(plans);
    expect(h.signer.calls.abort).toHaveLength(1);
  });

  it('cancelAll stops active files; retryAllFailed retries only failed ones', async () => {
    h = createHarness({ options: { concurrency: 1 } });
    h.transport.script(turns.cosError(400, 'InvalidArgument', 'x'));
    h.engine.addFiles([{ file: makeFile('a.bin', 10) }]);
    await h.until(() => h.entry().status === 'failed');
    h.transport.script(turns.hang());
    h.engine.addFiles([{ file: makeFile('b.bin', 10) }, { file: makeFile('c.bin', 10) }]);
    await h.until(() => h.entry(1).status === 'uploading');
    h.engine.cancelAll();
    expect(h.snapshot().files.map((f) => f.status)).toEqual(['failed', 'cancelled', 'cancelled']);
    h.engine.retryAllFailed();
    await h.until(() => h.entry(0).status === 'done');
    expect(h.snapshot().files.map((f) => f.status)).toEqual(['done', 'cancelled', 'cancelled']);
  });

  it('clearFinished drops done, rejected and cancelled entries but keeps failed ones', async () => {
    h = createHarness({
      limits: { maxFileSize: 5, maxTotalBytes: null, maxFiles: null, allowedTypes: [] },
    });
    h.transport.script(turns.cosError(400, 'InvalidArgument', 'x'));
    h.engine.addFiles([
      { file: makeFile('fail.bin', 1) },
      { file: makeFile('big.bin', 10) },
      { file: makeFile('ok.bin', 1) },
    ]);
    await h.until(() => h.allSettled());
    h.engine.clearFinished();
    expect(h.snapshot().files.map((f) => f.name)).toEqual(['fail.bin']);
  });
});

describe('offline and online', () => {
  it('going offline aborts requests without counting a failure and resumes by itself', async () => {
    h = createHarness();
    h.transport.script(turns.hang(30));
    h.engine.addFiles([{ file: makeFile('a.bin', 100) }]);
    await h.until(() => h.entry().status === 'uploading');
    h.online.set(false);
    await h.advance(50);
    expect(h.snapshot().online).toBe(false);
    expect(h.transport.requests[0]!.signal?.aborted).toBe(true);
    expect(h.entry()).toMatchObject({ status: 'paused', bytesSent: 0, attempts: 0, error: null });
    await h.advance(60_000);
    expect(h.transport.requests).toHaveLength(1);
    h.online.set(true);
    await h.until(() => h.entry().status === 'done');
    expect(h.snapshot().online).toBe(true);
    expect(h.entry().attempts).toBe(0);
  });

  it('files added while offline wait and start when the connection returns', async () => {
    h = createHarness({ online: false });
    expect(h.snapshot().online).toBe(false);
    h.engine.addFiles([{ file: makeFile('a.bin', 10) }]);
    await h.advance(2000);
    expect(h.signer.calls.createUploads).toHaveLength(0);
    expect(h.entry().status).toBe('queued');
    h.online.set(true);
    await h.until(() => h.entry().status === 'done');
  });

  it('a person can pause a file that is waiting for the network; it then stays paused', async () => {
    h = createHarness();
    h.transport.script(turns.hang());
    h.engine.addFiles([{ file: makeFile('a.bin', 10) }]);
    await h.until(() => h.entry().status === 'uploading');
    h.online.set(false);
    await h.advance(20);
    h.engine.pause(h.entry().id);
    h.online.set(true);
    await h.advance(2000);
    expect(h.entry().status).toBe('paused');
    expect(h.transport.requests).toHaveLength(1);
  });
});

describe('global cap and signing', () => {
  it('never has more requests in flight than the cap, across files and parts', async () => {
    h = createHarness({
      options: { concurrency: 4 },
      signer: { multipartThreshold: 1000, partSize: 200 },
      latencyMs: 30,
    });
    const files = [
      { file: makeFile('big1.bin', 3000) },
      ...Array.from({ length: 20 }, (_, i) => ({ file: makeFile(`s${i}.bin`, 100) })),
      { file: makeFile('big2.bin', 2500) },
    ];
    h.engine.addFiles(files);
    await h.until(() => h.allSettled(), 300_000);
    expect(h.snapshot().totals.done).toBe(22);
    expect(h.transport.maxInFlight).toBe(4);
    expect(h.engine.requestsInFlight.max).toBe(4);
    expect(h.engine.requestsInFlight.now).toBe(0);
  });

  it('signs in batches of at most 100, just in time, never all files upfront', async () => {
    h = createHarness({ options: { concurrency: 2, signAhead: 8 }, latencyMs: 20 });
    h.engine.addFiles(Array.from({ length: 300 }, (_, i) => ({ file: makeFile(`f${i}.bin`, 10) })));
    await h.until(() => h.signer.calls.createUploads.length === 1);
    expect(h.signer.calls.createUploads[0]!.files).toHaveLength(10);
    await h.until(() => h.allSettled(), 600_000);
    const sizes = h.signer.calls.createUploads.map((c) => c.files.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_FILES_PER_BATCH);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(300);
    expect(sizes.length).toBeGreaterThan(10);
    // Each later call tops the signed-but-unfinished files up to the cap (2 + 8), made once
    // they fell to the low-water mark (2 + 8 / 2): never more than 10, never fewer than 4
    // (except the last).
    expect(Math.max(...sizes.slice(1))).toBeLessThanOrEqual(10);
    expect(Math.min(...sizes.slice(1, -1))).toBeGreaterThanOrEqual(4);
  });

  it('by default signs small files further ahead, a whole batch of 100 at a time', async () => {
    // Each signing call inside a submission costs the signer a bucket write: 1,000 small files
    // in batches of a dozen were 0.09 calls per file; a 4 KiB file is sent in milliseconds, so
    // signing it early risks no expiry.
    h = createHarness({ latencyMs: 5 });
    h.engine.addFiles(Array.from({ length: 300 }, (_, i) => ({ file: makeFile(`f${i}.bin`, 10) })));
    await h.until(() => h.allSettled(), 600_000);
    const sizes = h.signer.calls.createUploads.map((c) => c.files.length);
    expect(sizes[0]).toBe(100);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(300);
    expect(sizes.length).toBeLessThanOrEqual(4);
  });

  it('by default signs large files by count, no more bytes ahead than the budget', async () => {
    const MiB = 1024 * 1024;
    h = createHarness({ options: { concurrency: 2, signAheadBytes: 4 * MiB }, latencyMs: 5 });
    h.engine.addFiles(
      Array.from({ length: 40 }, (_, i) => ({ file: makeFile(`f${i}.bin`, MiB / 2) })),
    );
    await h.until(() => h.signer.calls.createUploads.length > 0);
    // The count rule (2 + 4 × 2) gives 10; eight halves of a MiB fit the budget, not more.
    expect(h.signer.calls.createUploads[0]!.files).toHaveLength(10);
    await h.until(() => h.allSettled(), 600_000);
    h.engine.destroy();
    h = createHarness({ options: { concurrency: 2, signAheadBytes: 16 * MiB }, latencyMs: 5 });
    h.engine.addFiles(
      Array.from({ length: 40 }, (_, i) => ({ file: makeFile(`f${i}.bin`, MiB / 2) })),
    );
    await h.until(() => h.signer.calls.createUploads.length > 0);
    expect(h.signer.calls.createUploads[0]!.files).toHaveLength(32);
    await h.until(() => h.allSettled(), 600_000);
  });

  it('asks for the next batch while signed files are still waiting for a slot', async () => {
    h = createHarness({ options: { concurrency: 2, signAhead: 8 }, latencyMs: 20 });
    h.engine.addFiles(Array.from({ length: 30 }, (_, i) => ({ file: makeFile(`f${i}.bin`, 10) })));
    await h.until(() => h.signer.calls.createUploads.length === 2);
    // Of the first ten signed, at most half had been sent (4 done, 2 sending) when the second
    // call went out; waiting until only the two sending were left would leave slots idle for
    // the whole signing round trip.
    expect(h.transport.requests.length).toBeLessThanOrEqual(7);
    await h.until(() => h.allSettled());
  });

  it('files added in the same tick share one signing call', async () => {
    h = createHarness();
    h.engine.addFiles([{ file: makeFile('a.bin', 10) }]);
    h.engine.addFiles([{ file: makeFile('b.bin', 10) }]);
    h.engine.addFiles([{ file: makeFile('c.bin', 10) }]);
    await h.until(() => h.allSettled());
    expect(h.signer.calls.createUploads).toHaveLength(1);
    expect(h.signer.calls.createUploads[0]!.files.map((f) => f.name)).toEqual([
      'a.bin',
      'b.bin',
      'c.bin',
    ]);
  });

  it('10,000 files: added fast, signed gradually, bulk commands stay fast', async () => {
    h = createHarness({ options: { signAhead: 94 }, latencyMs: 1 });
    const inputs = Array.from({ length: 10_000 }, (_, i) => ({ file: makeFile(`f${i}`, 8) }));
    // Smoke bounds, not benchmarks: O(n²) work over 10,000 entries would take far longer.
    const timed = (run: () => void) => {
      const t0 = performance.now();
      run();
      return performance.now() - t0;
    };
    expect(timed(() => h.engine.addFiles(inputs))).toBeLessThan(1500);
    expect(h.engine.getSnapshot().files).toHaveLength(10_000);
    expect(h.engine.getSnapshot().totals.active).toBe(10_000);

    await h.until(() => h.signer.calls.createUploads.length > 0);
    expect(h.signer.calls.createUploads[0]!.files).toHaveLength(100);
    await h.until(() => h.engine.getSnapshot().totals.done >= 1000, 600_000, 50);
    const signed = h.signer.calls.createUploads.reduce((n, c) => n + c.files.length, 0);
    expect(Math.max(...h.signer.calls.createUploads.map((c) => c.files.length))).toBe(100);
    // Signed just ahead of the uploads, not all 10,000 at once.
    expect(signed).toBeLessThan(h.engine.getSnapshot().totals.done + 300);

    expect(timed(() => h.engine.pauseAll())).toBeLessThan(1000);
    const paused = h.engine.getSnapshot().files.filter((f) => f.status === 'paused').length;
    expect(paused).toBeGreaterThan(8000);
    expect(timed(() => h.engine.resumeAll())).toBeLessThan(1000);
    expect(timed(() => h.engine.cancelAll())).toBeLessThan(1000);
    expect(timed(() => h.engine.clearFinished())).toBeLessThan(1000);
    expect(h.engine.getSnapshot().files.length).toBeLessThan(200);
    expect(h.engine.hasActiveUploads()).toBe(h.engine.getSnapshot().totals.active > 0);
  }, 60_000);
});

describe('store contract', () => {
  it('getSnapshot returns the same object until something changes', async () => {
    h = createHarness();
    const first = h.engine.getSnapshot();
    expect(h.engine.getSnapshot()).toBe(first);
    h.engine.addFiles([{ file: makeFile('a.bin', 10) }]);
    const second = h.engine.getSnapshot();
    expect(second).not.toBe(first);
    expect(h.engine.getSnapshot()).toBe(second);
    await h.until(() => h.allSettled());
    const settled = h.engine.getSnapshot();
    await h.advance(5000);
    expect(h.engine.getSnapshot()).toBe(settled);
    // Entries that did not change keep their identity across snapshots (cheap memoised rows).
    h.engine.addFiles([{ file: makeFile('b.bin', 10) }]);
    expect(h.engine.getSnapshot().files[0]).toBe(settled.files[0]);
  });

  it('notifies listeners once per flush, however many changes happened', async () => {
    const flushes: (() => void)[] = [];
    h = createHarness({ scheduleFlush: (flush) => flushes.push(flush) });
    let notified = 0;
    const unsubscribe = h.engine.subscribe(() => notified++);
    h.engine.addFiles([{ file: makeFile('a.bin', 10) }, { file: makeFile('b.bin', 10) }]);
    h.engine.pause(h.entry(0).id);
    h.engine.resume(h.entry(0).id);
    expect(flushes).toHaveLength(1);
    expect(notified).toBe(0);
    flushes.shift()!();
    expect(notified).toBe(1);
    unsubscribe();
    await h.advance(100);
    while (flushes.length > 0) flushes.shift()!();
    expect(notified).toBe(1);
  });

  it('throttles progress to a few updates per second per file', async () => {
    h = createHarness({
      options: { progressIntervalMs: 250 },
      scheduleFlush: (flush) => queueMicrotask(flush),
    });
    h.transport.script(async (req) => {
      for (let i = 1; i <= 100; i++) {
        req.progress(i * 10);
        await req.wait(10);
      }
      return req.forward();
    });
    const seen = new Set<number>();
    h.engine.subscribe(() => seen.add(h.snapshot().files[0]?.bytesSent ?? 0));
    h.engine.addFiles([{ file: makeFile('a.bin', 1000) }]);
    await h.until(() => h.entry().status === 'done');
    // 100 progress events over ~1 s → about 4 updates, not 100.
    expect(seen.size).toBeLessThan(10);
    expect(seen.size).toBeGreaterThan(2);
  });

  it('reports a smoothed speed while uploading and 0 afterwards', async () => {
    h = createHarness({ options: { progressIntervalMs: 0 } });
    h.transport.script(async (req) => {
      for (let i = 1; i <= 20; i++) {
        await req.wait(100);
        req.progress(i * 1000);
      }
      return req.forward();
    });
    h.engine.addFiles([{ file: makeFile('a.bin', 20_000) }]);
    await h.until(() => h.entry().bytesSent >= 15_000);
    // 1000 bytes per 100 ms = 10,000 B/s.
    expect(h.entry().speed).toBeGreaterThan(8000);
    expect(h.entry().speed).toBeLessThan(12_000);
    expect(h.snapshot().totals.speed).toBe(h.entry().speed);
    await h.until(() => h.entry().status === 'done');
    expect(h.entry().speed).toBe(0);
  });

  it('destroy aborts everything and stops notifying', async () => {
    h = createHarness();
    h.transport.script(turns.hang());
    let notified = 0;
    h.engine.subscribe(() => notified++);
    h.engine.addFiles([{ file: makeFile('a.bin', 10) }]);
    await h.until(() => h.entry().status === 'uploading');
    const before = notified;
    h.engine.destroy();
    expect(h.transport.requests[0]!.signal?.aborted).toBe(true);
    await h.advance(1000);
    expect(notified).toBe(before);
  });
});

describe('hashing alongside the upload', () => {
  it('the upload does not wait for the hash; verification does', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const inner = createInlineCrc64Hasher();
    h = createHarness({
      hasher: {
        hash: async (blob, options) => {
          await gate;
          return inner.hash(blob, options);
        },
      },
    });
    h.engine.addFiles([{ file: makeFile('a.bin', 100) }]);
    await h.until(() => h.entry().status === 'verifying');
    expect(h.transport.requests).toHaveLength(1);
    expect(h.signer.calls.complete).toHaveLength(0);
    await h.advance(1000);
    expect(h.entry().status).toBe('verifying');
    release();
    await h.until(() => h.entry().status === 'done');
    expect(h.signer.calls.complete).toHaveLength(1);
  });

  it('a file that cannot be read fails with file-unreadable and its request is stopped', async () => {
    let fail!: () => void;
    const gate = new Promise<void>((resolve) => (fail = resolve));
    h = createHarness({
      hasher: {
        hash: async () => {
          await gate;
          throw new DOMException('file gone', 'NotReadableError');
        },
      },
    });
    h.transport.script(turns.hang(5));
    h.engine.addFiles([{ file: makeFile('a.bin', 100) }]);
    await h.until(() => h.entry().status === 'uploading');
    fail();
    await h.until(() => h.entry().status === 'failed');
    expect(h.entry().error).toMatchObject({ code: 'file-unreadable' });
    expect(h.entry().error?.detail).toContain('NotReadableError');
    expect(h.transport.requests).toHaveLength(1);
    expect(h.transport.requests[0]!.signal?.aborted).toBe(true);
    expect(h.signer.calls.complete).toHaveLength(0);
  });
});

describe('configuration', () => {
  it('fails at creation with a readable message for invalid options', () => {
    const cos = new FakeCos(() => Date.now());
    const make = (concurrency: number) =>
      createUploadEngine({
        signer: new FakeSigner({ cos, now: () => Date.now() }),
        transport: new FakeTransport(cos),
        hasher: createInlineCrc64Hasher(),
        options: { concurrency },
        env: { online$: { isOnline: () => true, subscribe: () => () => {} } },
      });
    expect(() => make(0)).toThrow(EngineConfigError);
    expect(() => make(0)).toThrow(/concurrency/);
    make(3).destroy();
  });
});
