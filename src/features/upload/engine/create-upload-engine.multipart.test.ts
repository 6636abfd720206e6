/**
 * Engine, multipart path: parallel parts within the global cap, part URLs signed in batches
 * just in time, a failed part retried alone, ETags carried to complete, abort on cancel.
 */
import { describe, expect, it } from 'vitest';
import { crc64 } from '../../../../protocol/crc64';
import { createHarness, makeFile, type Harness, fakeClockPerTest } from './testing/engine-harness';
import { etagOf } from './testing/fake-cos';
import { turns, type FakeRequest } from './testing/fake-transport';

let h: Harness;

fakeClockPerTest(() => h);

/** 256-byte parts above 1000 bytes. */
const SMALL_PARTS = { multipartThreshold: 1000, partSize: 256 };

const partOf = (req: FakeRequest) => Number(new URL(req.url).searchParams.get('partNumber'));

describe('multipart upload', () => {
  it('uploads parts in parallel within the cap and completes with every ETag in order', async () => {
    h = createHarness({ signer: SMALL_PARTS, options: { concurrency: 3 }, latencyMs: 50 });
    const file = makeFile('video.mp4', 2000, 'video/mp4');
    h.engine.addFiles([{ file }]);
    await h.until(() => h.entry().status === 'done');

    const e = h.entry();
    expect(e.mode).toBe('multipart');
    expect(e.parts).toEqual({ done: 8, total: 8 });
    expect(h.transport.maxInFlight).toBe(3);
    expect(h.transport.requests).toHaveLength(8);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const complete = h.signer.calls.complete[0]!;
    expect(complete.crc64).toBe(crc64(bytes));
    expect(complete.parts).toEqual(
      Array.from({ length: 8 }, (_, i) => ({
        partNumber: i + 1,
        etag: etagOf(bytes.slice(i * 256, Math.min(2000, (i + 1) * 256))),
      })),
    );
    expect(h.cos.objects.get(e.key!)?.bytes).toEqual(bytes);
    // Parts are sent untyped, with the signed headers only.
    expect(h.transport.requests[7]!.headers).toEqual({ 'Content-Length': String(2000 - 7 * 256) });
    expect(h.transport.requests[7]!.body.size).toBe(2000 - 7 * 256);
  });

  it('retries a failed part alone; the other parts are sent once', async () => {
    h = createHarness({ signer: SMALL_PARTS, options: { concurrency: 3 } });
    let failedOnce = false;
    h.transport.handler = (req) => {
      if (partOf(req) === 3 && !failedOnce) {
        failedOnce = true;
        return turns.network(100)(req);
      }
      return h.transport.normal(req);
    };
    h.engine.addFiles([{ file: makeFile('a.bin', 2000) }]);
    await h.until(() => h.entry().status === 'done');
    const sent = h.transport.requests.map(partOf);
    expect(sent.filter((n) => n === 3)).toHaveLength(2);
    for (const n of [1, 2, 4, 5, 6, 7, 8]) expect(sent.filter((m) => m === n)).toHaveLength(1);
    expect(h.entry().attempts).toBe(1);
  });

  it('signs part URLs in batches just in time, never all upfront', async () => {
    h = createHarness({
      signer: { multipartThreshold: 1000, partSize: 100 },
      options: { concurrency: 2, partSignBatch: 4 },
    });
    h.engine.addFiles([{ file: makeFile('a.bin', 2000) }]); // 20 parts
    await h.until(() => h.entry().status === 'done');
    const batches = h.signer.calls.sign.map((c) => c.parts!);
    expect(batches.length).toBeGreaterThanOrEqual(5);
    for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(4);
    expect(batches.flat().sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    // The first batch was asked for before any part went out, the last one long after.
    expect(batches[0]).toEqual([1, 2, 3, 4]);
  });

  it('multipart progress = acknowledged parts + bytes in flight, rolled back on failure', async () => {
    h = createHarness({ signer: SMALL_PARTS, options: { concurrency: 1, progressIntervalMs: 0 } });
    const seen: number[] = [];
    h.transport.handler = async (req) => {
      if (partOf(req) === 2 && seen.length === 0) {
        req.progress(200);
        await req.wait(10);
        seen.push(h.engine.getSnapshot().files[0]!.bytesSent);
        throw new (await import('./ports/transport')).TransportError('network', 'reset');
      }
      return h.transport.normal(req);
    };
    h.engine.addFiles([{ file: makeFile('a.bin', 2000) }]);
    await h.until(() => h.entry().retrying != null);
    expect(seen).toEqual([256 + 200]);
    expect(h.entry().bytesSent).toBe(256);
    expect(h.entry().parts).toEqual({ done: 1, total: 8 });
    await h.until(() => h.entry().status === 'done');
  });

  it('network failures back off, and the counter resets after a part is acknowledged', async () => {
    h = createHarness({ signer: SMALL_PARTS, options: { concurrency: 2 } });
    // Part 1 fails three times. Between its 1st and 2nd failure the other parts are
    // acknowledged (progress): the 2nd wait starts from the first delay again. Between the
    // 2nd and 3rd nothing else moved: the delay grows.
    let failuresLeft = 3;
    h.transport.handler = (req) => {
      if (partOf(req) === 1 && failuresLeft > 0) {
        failuresLeft--;
        return turns.network()(req);
      }
      return h.transport.normal(req);
    };
    h.engine.addFiles([{ file: makeFile('a.bin', 2000) }]);
    await h.until(() => h.entry().status === 'done');
    const part1 = h.transport.requests.filter((r) => partOf(r) === 1).map((r) => r.startedAt);
    expect(part1).toHaveLength(4);
    // To the 10 ms: each request starts in a task of its own, a timer tick after its slot.
    const gaps = part1.slice(1).map((t, i) => Math.round((t - part1[i]!) / 10) * 10);
    expect(gaps).toEqual([1000, 1000, 2000]);
  });

  it('cancelling a multipart upload aborts it on the server', async () => {
    h = createHarness({ signer: SMALL_PARTS, options: { concurrency: 2 } });
    h.transport.handler = (req) => (partOf(req) >= 3 ? turns.hang()(req) : h.transport.normal(req));
    h.engine.addFiles([{ file: makeFile('a.bin', 2000) }]);
    await h.until(() => h.entry().parts?.done === 2 && h.transport.inFlight === 2);
    h.engine.cancel(h.entry().id);
    expect(h.entry().status).toBe('cancelled');
    await h.advance(50);
    expect(h.signer.calls.abort).toEqual([{ ticket: 'ticket-1' }]);
    expect(h.transport.inFlight).toBe(0);
    expect(h.cos.uploads.get('upload-1')?.state).toBe('aborted');
    expect(h.signer.calls.complete).toHaveLength(0);
    expect(h.snapshot().totals).toMatchObject({ cancelled: 1, failed: 0, active: 0 });
  });

  it('cancel while its plan is being made still aborts the multipart upload', async () => {
    h = createHarness({ signer: SMALL_PARTS });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const original = h.signer.createUploads.bind(h.signer);
    h.signer.createUploads = async (body) => {
      await gate;
      return original(body);
    };
    h.engine.addFiles([{ file: makeFile('a.bin', 2000) }]);
    await h.until(() => h.entry().status === 'signing');
    h.engine.cancel(h.entry().id);
    release();
    await h.until(() => h.signer.calls.abort.length === 1);
    expect(h.transport.requests).toHaveLength(0);
  });

  it('a missing ETag (CORS does not expose it) fails with etag-unreadable', async () => {
    h = createHarness({ signer: SMALL_PARTS });
    h.cos.hideEtag = true;
    h.engine.addFiles([{ file: makeFile('a.bin', 2000) }]);
    await h.until(() => h.entry().status === 'failed');
    expect(h.entry().error?.code).toBe('etag-unreadable');
    expect(h.entry().error?.detail).toContain('ExposeHeader');
  });

  it('NoSuchUpload on a part: the upload vanished, a new multipart upload is started once', async () => {
    h = createHarness({ signer: SMALL_PARTS, options: { concurrency: 1 } });
    let vanished = false;
    h.transport.handler = (req) => {
      if (partOf(req) === 4 && !vanished) {
        vanished = true;
        h.cos.uploads.get('upload-1')!.state = 'aborted';
      }
      return h.transport.normal(req);
    };
    h.engine.addFiles([{ file: makeFile('a.bin', 2000) }]);
    await h.until(() => h.entry().status === 'done');
    expect(h.signer.calls.createUploads).toHaveLength(2);
    expect(h.signer.calls.complete).toEqual([expect.objectContaining({ ticket: 'ticket-2' })]);
    expect(h.entry().key).toBe('uploads/2/a.bin');
  });

  it('checksum mismatch on a multipart upload: planned again and re-sent once', async () => {
    h = createHarness({ signer: SMALL_PARTS });
    h.cos.corruptNext = 1;
    h.engine.addFiles([{ file: makeFile('a.bin', 2000) }]);
    await h.until(() => h.entry().status === 'done');
    expect(h.signer.calls.createUploads).toHaveLength(2);
    expect(h.signer.calls.complete).toHaveLength(2);
    expect(h.transport.requests).toHaveLength(16);
  });

  it('retry after a failure keeps the parts COS already holds', async () => {
    h = createHarness({ signer: SMALL_PARTS, options: { concurrency: 1 } });
    h.transport.handler = (req) =>
      partOf(req) === 5
        ? turns.cosError(403, 'SignatureDoesNotMatch', 'bad')(req)
        : h.transport.normal(req);
    h.engine.addFiles([{ file: makeFile('a.bin', 2000) }]);
    await h.until(() => h.entry().status === 'failed');
    expect(h.entry().error?.code).toBe('signature-mismatch');
    expect(h.entry().bytesSent).toBe(4 * 256);
    h.transport.handler = null;
    const before = h.transport.requests.length;
    h.engine.retry(h.entry().id);
    await h.until(() => h.entry().status === 'done');
    expect(h.transport.requests.slice(before).map(partOf)).toEqual([5, 6, 7, 8]);
    expect(h.signer.calls.createUploads).toHaveLength(1);
  });

  it('an expired part URL is re-signed alone and the part sent again at once', async () => {
    h = createHarness({ signer: SMALL_PARTS, options: { concurrency: 1 } });
    let expiredOnce = false;
    h.transport.handler = (req) => {
      if (partOf(req) === 2 && !expiredOnce) {
        expiredOnce = true;
        return turns.cosError(403, 'AccessDenied', 'Request has expired')(req);
      }
      return h.transport.normal(req);
    };
    h.engine.addFiles([{ file: makeFile('a.bin', 2000) }]);
    await h.until(() => h.entry().status === 'done');
    const signs = h.signer.calls.sign.map((c) => c.parts!);
    expect(signs.some((parts) => parts[0] === 2)).toBe(true);
    const part2 = h.transport.requests.filter((r) => partOf(r) === 2);
    expect(part2).toHaveLength(2);
    expect(part2[1]!.url).not.toBe(part2[0]!.url);
    expect(part2[1]!.startedAt - part2[0]!.startedAt).toBeLessThan(100);
  });

  it('URLs valid for a few seconds: parts are signed along the way, about once each', async () => {
    // 32 parts of 64 KiB, one at a time, 500 ms each: 16 s with URLs valid for 2 s, which
    // barely covers one transfer with its margin.
    const part = 64 * 1024;
    h = createHarness({
      signer: { multipartThreshold: 1000, partSize: part, urlTtlMs: 2_000 },
      options: { concurrency: 1, partSignBatch: 4 },
      latencyMs: 500,
    });
    h.engine.addFiles([{ file: makeFile('a.bin', 32 * part) }]);
    await h.until(() => h.entry().status === 'done', 120_000);
    const signed = h.signer.calls.sign.flatMap((c) => c.parts!);
    expect(new Set(signed).size).toBe(32);
    // Signed as the upload went (one signing could not cover 16 s). Neither a fresh URL that
    // looks stale on arrival nor a batch signed ahead only to expire unused is signed again
    // and again: once the speed is known, one URL per part.
    expect(h.signer.calls.sign.length).toBeGreaterThanOrEqual(24);
    expect(signed.length).toBeLessThanOrEqual(32 + 8);
    expect(h.transport.requests).toHaveLength(32);
  });
});
