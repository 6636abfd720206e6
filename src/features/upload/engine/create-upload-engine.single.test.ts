/**
 * Engine, single-PUT path: one test per retry class and per state transition, on a fake clock
 * with a strict in-memory COS and a signer that follows protocol/.
 */
import { describe, expect, it } from 'vitest';
import { crc64 } from '../../../../protocol/crc64';
import { createHarness, makeFile, type Harness, fakeClockPerTest } from './testing/engine-harness';
import { signerError } from './testing/fake-signer-error';
import { turns } from './testing/fake-transport';
import type { FileStatus } from './types';

let h: Harness;

fakeClockPerTest(() => h);

async function crcOf(file: File): Promise<string> {
  return crc64(new Uint8Array(await file.arrayBuffer()));
}

/** Record every status the first entry goes through. */
function statusTrail(harness: Harness): FileStatus[] {
  const trail: FileStatus[] = [];
  harness.engine.subscribe(() => {
    const status = harness.snapshot().files[0]?.status;
    if (status && trail[trail.length - 1] !== status) trail.push(status);
  });
  return trail;
}

describe('single upload', () => {
  it('happy path: queued → signing → uploading → verifying → done, verified with CRC64', async () => {
    h = createHarness({ scheduleFlush: (flush) => queueMicrotask(flush) });
    const trail = statusTrail(h);
    const file = makeFile('report.pdf', 3000, 'application/pdf');
    h.engine.addFiles([{ file, relativePath: 'scans/2024/' }]);
    expect(h.entry().status).toBe('queued');
    await h.until(() => h.entry().status === 'done');

    const e = h.entry();
    expect(trail).toEqual(['queued', 'signing', 'queued', 'uploading', 'verifying', 'done']);
    expect(e.bytesSent).toBe(3000);
    expect(e.progress).toBe(1);
    expect(e.mode).toBe('single');
    expect(e.crc64).toBe(await crcOf(file));
    expect(e.key).toBe('uploads/1/report.pdf');
    expect(e.error).toBeNull();
    expect(e.finishedAt).not.toBeNull();
    // The signer saw the file's facts and got our CRC on complete.
    expect(h.signer.calls.createUploads[0]!.files[0]).toMatchObject({
      name: 'report.pdf',
      size: 3000,
      type: 'application/pdf',
      relativePath: 'scans/2024/',
    });
    // With what COS answered to the PUT: the object's ETag and its CRC64, equal to ours.
    expect(h.signer.calls.complete).toEqual([
      {
        ticket: 'ticket-1',
        crc64: e.crc64,
        etag: h.cos.objects.get(e.key!)!.etag,
        cosCrc64: e.crc64,
      },
    ]);
    // The PUT carried exactly the signed headers.
    expect(h.transport.requests[0]!.headers).toEqual({
      'Content-Length': '3000',
      'x-cos-forbid-overwrite': 'true',
      'Content-Type': 'application/pdf',
    });
    expect(h.cos.objects.get('uploads/1/report.pdf')?.bytes.length).toBe(3000);
    expect(h.snapshot().totals).toMatchObject({ files: 1, done: 1, active: 0, bytesSent: 3000 });
    expect(h.engine.hasActiveUploads()).toBe(false);
  });

  it('uploads an empty file and verifies it (CRC64 of nothing is 0)', async () => {
    h = createHarness();
    h.engine.addFiles([{ file: makeFile('empty.txt', 0, 'text/plain') }]);
    await h.until(() => h.entry().status === 'done');
    expect(h.entry()).toMatchObject({ bytesSent: 0, crc64: '0', progress: 1 });
    expect(h.signer.calls.complete[0]).toMatchObject({ crc64: '0' });
  });

  it('reports 100 % only when verified: verifying stays below 1', async () => {
    h = createHarness();
    h.signer.failNext('complete', signerError('internal-error'));
    h.engine.addFiles([{ file: makeFile('a.bin', 1000) }]);
    await h.until(() => h.entry().status === 'verifying');
    expect(h.entry().bytesSent).toBe(1000);
    expect(h.entry().progress).toBeLessThan(1);
    await h.until(() => h.entry().status === 'done');
    expect(h.entry().progress).toBe(1);
    expect(h.signer.calls.complete).toHaveLength(2);
  });

  it('5xx then success: progress rolls back, the retry waits the backoff', async () => {
    h = createHarness({ scheduleFlush: (flush) => queueMicrotask(flush) });
    const progress: number[] = [];
    h.engine.subscribe(() => progress.push(h.snapshot().files[0]?.bytesSent ?? -1));
    h.transport.script(async (req) => {
      req.progress(800);
      await req.wait(10);
      return turns.cosError(503, 'ServiceUnavailable', 'busy')(req);
    });
    h.engine.addFiles([{ file: makeFile('a.bin', 1000) }]);
    await h.until(() => h.entry().retrying != null);
    expect(h.entry()).toMatchObject({
      status: 'uploading',
      bytesSent: 0,
      attempts: 1,
      retrying: { code: 'storage-unavailable' },
    });
    const retryAt = h.entry().retrying!.at;
    expect(retryAt - Date.now()).toBeGreaterThan(900); // first delay 1 s (jitter factor 1)
    expect(h.transport.requests).toHaveLength(1);
    await h.advance(500);
    expect(h.transport.requests).toHaveLength(1);
    await h.until(() => h.entry().status === 'done');
    expect(h.transport.requests).toHaveLength(2);
    expect(progress).toContain(800);
    // Rolled back to 0 after the failure, before climbing again.
    expect(progress.slice(progress.indexOf(800))).toContain(0);
    expect(h.entry().retrying).toBeNull();
  });

  it('429 with Retry-After waits exactly what the server asked', async () => {
    h = createHarness();
    h.transport.script(turns.cosError(429, 'SlowDown', 'slow down', { 'retry-after': '7' }));
    h.engine.addFiles([{ file: makeFile('a.bin', 100) }]);
    await h.until(() => h.transport.requests.length === 2);
    const waited = h.transport.requests[1]!.startedAt - h.transport.requests[0]!.startedAt;
    expect(waited).toBeGreaterThanOrEqual(7000);
    expect(waited).toBeLessThan(7050);
    await h.until(() => h.entry().status === 'done');
  });

  it('gives up after the retry budget and fails with the last code', async () => {
    h = createHarness({ options: { retry: { maxRetries: 2, delaysMs: [100] } } });
    h.transport.script(turns.network(), turns.network(), turns.network());
    h.engine.addFiles([{ file: makeFile('a.bin', 100) }]);
    await h.until(() => h.entry().status === 'failed');
    expect(h.entry().error).toMatchObject({ code: 'network-error' });
    expect(h.transport.requests).toHaveLength(3);
    expect(h.entry().bytesSent).toBe(0);
  });

  it('stall: no progress for stallTimeoutMs aborts the request and retries it', async () => {
    h = createHarness({ options: { stallTimeoutMs: 5000 } });
    h.transport.script(turns.hang(40));
    h.engine.addFiles([{ file: makeFile('a.bin', 100) }]);
    await h.until(() => h.transport.requests.length === 1);
    await h.advance(4900);
    expect(h.transport.requests[0]!.signal?.aborted).toBe(false);
    await h.until(() => h.entry().retrying?.code === 'stalled');
    expect(h.transport.requests[0]!.signal?.aborted).toBe(true);
    expect(h.entry().bytesSent).toBe(0);
    await h.until(() => h.entry().status === 'done');
    expect(h.transport.requests).toHaveLength(2);
  });

  it('expired URL mid-transfer: re-signs and retries at once, no backoff', async () => {
    h = createHarness();
    h.transport.script(turns.cosError(403, 'AccessDenied', 'Request has expired'));
    h.engine.addFiles([{ file: makeFile('a.bin', 100) }]);
    await h.until(() => h.transport.requests.length === 2);
    expect(h.signer.calls.sign).toEqual([{ ticket: 'ticket-1' }]);
    // The second PUT used the new URL.
    expect(h.transport.requests[1]!.url).not.toBe(h.transport.requests[0]!.url);
    await h.until(() => h.entry().status === 'done');
  });

  it('expired URL again and again: bounded, then url-expired', async () => {
    h = createHarness();
    const expired = turns.cosError(403, 'AccessDenied', 'Request has expired');
    h.transport.script(expired, expired, expired, expired);
    h.engine.addFiles([{ file: makeFile('a.bin', 100) }]);
    await h.until(() => h.entry().status === 'failed');
    expect(h.entry().error).toMatchObject({ code: 'url-expired', status: 403 });
    expect(h.signer.calls.sign).toHaveLength(2);
    expect(h.transport.requests).toHaveLength(3);
  });

  it('SignatureDoesNotMatch fails at once with signature-mismatch, no loop', async () => {
    h = createHarness();
    h.transport.script(
      turns.cosError(403, 'SignatureDoesNotMatch', 'The Signature you specified is invalid.'),
    );
    h.engine.addFiles([{ file: makeFile('a.bin', 100) }]);
    await h.until(() => h.entry().status === 'failed');
    expect(h.entry().error).toMatchObject({
      code: 'signature-mismatch',
      status: 403,
      requestId: 'req-x',
    });
    expect(h.entry().error?.detail).toContain('SignatureDoesNotMatch');
    expect(h.transport.requests).toHaveLength(1);
    expect(h.signer.calls.sign).toHaveLength(0);
  });

  it('a lost acknowledgement (409 FileAlreadyExists on the retry) is verified, not failed', async () => {
    h = createHarness();
    h.transport.script(turns.lostAck());
    h.engine.addFiles([{ file: makeFile('a.bin', 500) }]);
    await h.until(() => h.entry().status === 'done');
    expect(h.transport.requests).toHaveLength(2);
    // The strict COS refused to overwrite; the signer verified the object that did land.
    expect(h.signer.calls.complete).toHaveLength(1);
    expect(h.entry().error).toBeNull();
  });

  it('checksum mismatch: one re-upload with a fresh URL, then file-changed', async () => {
    h = createHarness();
    h.cos.corruptNext = 1;
    h.engine.addFiles([{ file: makeFile('a.bin', 500) }]);
    await h.until(() => h.entry().status === 'done');
    // First complete failed (server deleted the object), the file went up again and verified.
    expect(h.signer.calls.complete).toHaveLength(2);
    expect(h.signer.calls.sign).toHaveLength(1);
    expect(h.transport.requests).toHaveLength(2);

    h.cos.corruptNext = 2;
    h.engine.addFiles([{ file: makeFile('b.bin', 500, 'application/octet-stream', 2) }]);
    await h.until(() => h.entry(1).status === 'failed');
    expect(h.entry(1).error?.code).toBe('file-changed');
    expect(h.entry(1).error?.detail).toContain('checksum-mismatch');
  });

  it('the CRC64 COS reports on the PUT goes into the failure detail when it differs', async () => {
    h = createHarness();
    h.cos.corruptNext = 2;
    h.engine.addFiles([{ file: makeFile('a.bin', 64) }]);
    await h.until(() => h.entry().status === 'failed');
    expect(h.entry().error?.detail).toMatch(/COS crc64 \d+, local \d+/);
  });

  it('a URL that will expire before the transfer can finish is renewed before starting', async () => {
    // URLs live 60 s; the second file waits 50 s for the only slot behind a slow one, so its
    // URL has 10 s left, less than the 15 s margin.
    h = createHarness({
      options: { concurrency: 1, expiryMarginMs: 15_000 },
      signer: { urlTtlMs: 60_000 },
    });
    h.transport.script(async (req) => {
      for (let i = 1; i <= 50; i++) {
        await req.wait(1000);
        req.progress(i);
      }
      return req.forward();
    });
    h.engine.addFiles([{ file: makeFile('slow.bin', 50) }, { file: makeFile('next.bin', 30) }]);
    await h.until(() => h.entry(1).status === 'done');
    expect(h.signer.calls.createUploads).toHaveLength(1);
    // next.bin's URL from the batch went stale in the queue: one sign call, no 403 seen.
    expect(h.signer.calls.sign).toEqual([{ ticket: 'ticket-2' }]);
    expect(h.transport.requests).toHaveLength(2);
    // A finished file shows no URL countdown.
    expect(h.entry(1).urlExpiresAt).toBeNull();
  });

  it('shows the URL expiry corrected for the signer clock skew', async () => {
    h = createHarness({ signer: { skewMs: 3_600_000, urlTtlMs: 600_000 } });
    h.transport.script(turns.hang());
    h.engine.addFiles([{ file: makeFile('a.bin', 10) }]);
    await h.until(() => h.entry().status === 'uploading');
    const remaining = h.entry().urlExpiresAt! - Date.now();
    expect(remaining).toBeGreaterThan(590_000);
    expect(remaining).toBeLessThanOrEqual(600_000);
  });

  it('a storage 4xx fails with storage-rejected and keeps the request id', async () => {
    h = createHarness();
    h.transport.script(turns.cosError(400, 'EntitySizeNotMatch', 'size'));
    h.engine.addFiles([{ file: makeFile('a.bin', 10) }]);
    await h.until(() => h.entry().status === 'failed');
    expect(h.entry().error).toMatchObject({
      code: 'storage-rejected',
      status: 400,
      requestId: 'req-x',
    });
  });

  it('retry() after a failure starts over with a fresh signature', async () => {
    h = createHarness();
    h.transport.script(turns.cosError(403, 'SignatureDoesNotMatch', 'bad'));
    h.engine.addFiles([{ file: makeFile('a.bin', 10) }]);
    await h.until(() => h.entry().status === 'failed');
    h.engine.retry(h.entry().id);
    expect(h.entry()).toMatchObject({ status: 'queued', error: null, attempts: 0 });
    await h.until(() => h.entry().status === 'done');
    expect(h.signer.calls.sign).toEqual([{ ticket: 'ticket-1' }]);
    expect(h.signer.calls.createUploads).toHaveLength(1);
  });

  it('signer refuses a file (limit) → rejected with its code; a link error → failed', async () => {
    h = createHarness({
      signer: {
        refuse: (f) => (f.name === 'big.bin' ? 'file-too-large' : null),
      },
    });
    h.engine.addFiles([{ file: makeFile('big.bin', 10) }, { file: makeFile('ok.bin', 10) }]);
    await h.until(() => h.allSettled());
    expect(h.entry(0)).toMatchObject({ status: 'rejected', error: { code: 'file-too-large' } });
    expect(h.entry(1).status).toBe('done');

    h.signer.failNext('createUploads', signerError('link-expired'));
    h.engine.addFiles([{ file: makeFile('late.bin', 10) }]);
    await h.until(() => h.entry(2).status === 'failed');
    expect(h.entry(2).error).toMatchObject({ code: 'link-expired', status: 410 });
  });

  it('an unreachable signer is retried with backoff before the file fails', async () => {
    h = createHarness({ options: { retry: { maxRetries: 2, delaysMs: [1000] } } });
    h.signer.failNext('createUploads', signerError('signer-unavailable'), 3);
    h.engine.addFiles([{ file: makeFile('a.bin', 10) }]);
    await h.until(() => h.entry().status === 'failed');
    expect(h.entry().error?.code).toBe('signer-unavailable');
    expect(h.signer.calls.createUploads).toHaveLength(3);

    h.signer.failNext('createUploads', signerError('rate-limited'));
    h.engine.addFiles([{ file: makeFile('b.bin', 10) }]);
    await h.until(() => h.entry(1).retrying?.code === 'rate-limited');
    await h.until(() => h.entry(1).status === 'done');
  });
});

describe('verification in batches', () => {
  it('verifies files that finish together with one signer call, each with its own CRC64', async () => {
    h = createHarness();
    const files = Array.from({ length: 12 }, (_, i) =>
      makeFile(`f${i}.txt`, 100 + i, 'text/plain'),
    );
    h.engine.addFiles(files.map((file) => ({ file })));
    await h.until(() => h.snapshot().totals.done === 12);
    const batched = h.signer.calls.completeBatch.flatMap((call) => call.uploads);
    expect(batched).toHaveLength(12);
    // Fewer calls than files: the point of batching (6 PUTs in flight finish close together).
    expect(h.signer.calls.completeBatch.length).toBeLessThan(12);
    const crcs = await Promise.all(files.map(crcOf));
    const entries = h.snapshot().files;
    for (const [i, entry] of entries.entries()) expect(entry.crc64).toBe(crcs[i]);
    expect(new Set(batched.map((u) => u.crc64))).toEqual(new Set(crcs));
  });

  it('retries a passing failure of one upload on its own, and fails only the refused one', async () => {
    h = createHarness();
    // The first upload answered inside the batch: storage trouble (502), then verified alone.
    h.signer.failNext('complete', signerError('storage-error'));
    h.engine.addFiles([
      { file: makeFile('a.txt', 10, 'text/plain') },
      { file: makeFile('b.txt', 20, 'text/plain') },
    ]);
    await h.until(() => h.snapshot().totals.done === 2);
    // a: in the batch (failed) and then alone; b: in the batch only.
    expect(h.signer.calls.complete.map((c) => c.ticket).sort()).toEqual([
      'ticket-1',
      'ticket-1',
      'ticket-2',
    ]);

    h.engine.destroy();
    h = createHarness();
    h.signer.failNext('complete', signerError('ticket-invalid'));
    h.engine.addFiles([
      { file: makeFile('c.txt', 10, 'text/plain') },
      { file: makeFile('d.txt', 20, 'text/plain') },
    ]);
    await h.until(() => h.snapshot().totals.done + h.snapshot().totals.failed === 2);
    const [c, d] = h.snapshot().files;
    expect(c).toMatchObject({ status: 'failed', error: { code: 'ticket-invalid' } });
    expect(d).toMatchObject({ status: 'done' });
  });

  it('retries the whole call when the signer cannot be reached', async () => {
    h = createHarness();
    h.signer.failNext('completeBatch', signerError('signer-unavailable'));
    h.engine.addFiles([{ file: makeFile('e.txt', 10, 'text/plain') }]);
    await h.until(() => h.entry().status === 'done');
    expect(h.signer.calls.completeBatch).toHaveLength(2);
  });
});
