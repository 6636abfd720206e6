/**
 * A link that closes while the page is open (issue 12, finding 8): revoked by its owner, or
 * expired. Whichever signer call meets it first (signing, completing, listing parts), the
 * engine stops signing, says why on every file that had not started sending, offers no retry,
 * lets uploads already sending finish as the signer decides, and reports the lock in its
 * snapshot for the page.
 */
import { describe, expect, it } from 'vitest';
import { createHarness, fakeClockPerTest, makeFile, type Harness } from './testing/engine-harness';
import { signerError } from './testing/fake-signer-error';

let h: Harness;

fakeClockPerTest(() => h);

const names = (count: number, prefix = 'f') =>
  Array.from({ length: count }, (_, i) => ({ file: makeFile(`${prefix}${i}.bin`, 10, '', i + 1) }));

describe('a link that closes while the page is open', () => {
  it('revoked when signing: stops signing, every waiting file says why, nothing to retry', async () => {
    h = createHarness({ options: { concurrency: 1, signAhead: 0 } });
    h.engine.addFiles(names(1, 'early'));
    await h.until(() => h.entry(0).status === 'done');
    expect(h.snapshot().linkClosed ?? null).toBeNull();

    h.signer.failNext('createUploads', signerError('link-revoked'));
    h.engine.addFiles(names(4));
    await h.until(() => h.allSettled());
    const files = h.snapshot().files;
    expect(files.map((f) => f.status)).toEqual(['done', 'failed', 'failed', 'failed', 'failed']);
    for (const file of files.slice(1)) {
      expect(file).toMatchObject({ stage: 'closed', error: { code: 'link-revoked' } });
    }
    expect(h.snapshot().linkClosed).toBe('link-revoked');
    // One refused signing call, and no more after it.
    expect(h.signer.calls.createUploads).toHaveLength(2);

    h.engine.retry(files[1]!.id);
    h.engine.retryAllFailed();
    h.engine.resumeAll();
    await h.advance(1_000);
    expect(h.signer.calls.createUploads).toHaveLength(2);
    expect(
      h
        .snapshot()
        .files.slice(1)
        .every((f) => f.status === 'failed'),
    ).toBe(true);

    // Files handed over after the lock (a drop racing it) are refused, never signed.
    h.engine.addFiles(names(1, 'late'));
    expect(h.entry(5)).toMatchObject({ status: 'rejected', error: { code: 'link-revoked' } });
    await h.advance(1_000);
    expect(h.signer.calls.createUploads).toHaveLength(2);
  });

  it('revoked when completing: the file that met it fails, files that landed stay done', async () => {
    // Each verification goes at once (no gathering), so the signer's answer comes before the
    // next file is signed.
    h = createHarness({ options: { concurrency: 1, signAhead: 0, verifyBatchWaitMs: 0 } });
    h.engine.addFiles(names(1, 'early'));
    await h.until(() => h.entry(0).status === 'done');
    h.signer.failNext('complete', signerError('link-revoked'));
    h.signer.failNext('completeBatch', signerError('link-revoked'));
    h.engine.addFiles(names(3));
    await h.until(() => h.allSettled());
    expect(h.snapshot().linkClosed).toBe('link-revoked');
    expect(h.snapshot().files.map((f) => [f.status, f.error?.code ?? null])).toEqual([
      ['done', null],
      ['failed', 'link-revoked'],
      ['failed', 'link-revoked'],
      ['failed', 'link-revoked'],
    ]);
    // The last file was never signed: signing stopped when the signer said the link is over.
    const signed = h.signer.calls.createUploads.flatMap((c) => c.files.map((f) => f.name));
    expect(signed).not.toContain('f2.bin');
  });

  it('expired when signing the next parts of a large file', async () => {
    h = createHarness({
      options: { concurrency: 1, signAhead: 0, partSignBatch: 1 },
      signer: { multipartThreshold: 1024 * 1024, partSize: 1024 * 1024 },
    });
    h.engine.addFiles([{ file: makeFile('big.bin', 3 * 1024 * 1024 + 10) }, ...names(2)]);
    await h.until(() => h.signer.calls.sign.length === 1);
    h.signer.failNext('sign', signerError('link-expired'), 10);
    await h.until(() => h.allSettled());
    expect(h.snapshot().linkClosed).toBe('link-expired');
    expect(h.snapshot().files.map((f) => f.error?.code)).toEqual([
      'link-expired',
      'link-expired',
      'link-expired',
    ]);
    // Its remaining parts can never be signed: the multipart upload is given up, not left
    // for the lifecycle rule; no file offers a Retry (state/file-actions.ts).
    expect(h.snapshot().files.map((f) => f.stage)).toEqual(['closed', 'closed', 'closed']);
    await h.until(() => h.signer.calls.abort.length === 1);
    expect(h.signer.calls.abort[0]!.ticket).toBe(h.signer.calls.sign[0]!.ticket);
  });

  it('aborts the multipart upload of a large file the lock stopped, freeing its parts', async () => {
    h = createHarness({
      options: { concurrency: 1, signAhead: 0, partSignBatch: 1 },
      signer: { multipartThreshold: 1024 * 1024, partSize: 1024 * 1024 },
    });
    h.engine.addFiles([{ file: makeFile('big.bin', 3 * 1024 * 1024 + 10) }]);
    await h.until(() => h.signer.calls.sign.length === 1);
    h.engine.pause(h.entry(0).id);
    await h.until(() => h.entry(0).status === 'paused');
    h.engine.closeLink('link-revoked');
    expect(h.entry(0)).toMatchObject({ status: 'failed', error: { code: 'link-revoked' } });
    await h.until(() => h.signer.calls.abort.length === 1);
    expect(h.signer.calls.abort[0]!.ticket).toBe(h.signer.calls.sign[0]!.ticket);
  });

  it('closed from outside (its expiry passed): waiting files fail, a sending one finishes', async () => {
    h = createHarness({ options: { concurrency: 1, signAhead: 0 }, latencyMs: 200 });
    h.engine.addFiles(names(3));
    await h.until(() => h.entry(0).status === 'uploading');
    h.engine.closeLink('link-expired');
    expect(h.snapshot().linkClosed).toBe('link-expired');
    expect(h.entry(1)).toMatchObject({ status: 'failed', error: { code: 'link-expired' } });
    expect(h.entry(2)).toMatchObject({ status: 'failed', error: { code: 'link-expired' } });
    // Its URL is still valid and the signer accepts it: the file lands and is verified.
    await h.until(() => h.entry(0).status === 'done');
    expect(h.signer.calls.createUploads).toHaveLength(1);
    // The first reason sticks.
    h.engine.closeLink('link-revoked');
    expect(h.snapshot().linkClosed).toBe('link-expired');
  });

  it('a file that fails for another reason after the link closed is stopped too', async () => {
    h = createHarness({ options: { concurrency: 1, signAhead: 0 }, latencyMs: 200 });
    h.engine.addFiles(names(1));
    await h.until(() => h.entry(0).status === 'uploading');
    h.engine.closeLink('link-revoked');
    h.signer.failNext('complete', signerError('ticket-invalid'));
    h.signer.failNext('completeBatch', signerError('ticket-invalid'));
    await h.until(() => h.allSettled());
    // Its Retry could only ask for a signature the signer no longer gives.
    expect(h.entry(0)).toMatchObject({
      status: 'failed',
      stage: 'closed',
      error: { code: 'link-revoked' },
    });
  });

  it('a file paused by the person, or failed earlier, is not left to look retryable', async () => {
    h = createHarness({ options: { concurrency: 1, signAhead: 0 } });
    h.signer.failNext('createUploads', signerError('invalid-request'));
    h.engine.addFiles(names(2));
    h.engine.pause(h.entry(1).id);
    await h.until(() => h.entry(0).status === 'failed');
    expect(h.entry(0).error?.code).toBe('invalid-request');
    h.engine.closeLink('link-revoked');
    expect(h.entry(0)).toMatchObject({ status: 'failed', error: { code: 'link-revoked' } });
    expect(h.entry(1)).toMatchObject({ status: 'failed', error: { code: 'link-revoked' } });
    h.engine.resume(h.entry(1).id);
    expect(h.entry(1).status).toBe('failed');
  });
});
