/**
 * The engine with the page's submission behind its port (ports/submission.ts): every batch is
 * signed into the submission, a gate not passed yet fails the batch with its code (Retry sends
 * it once the gate is passed), and a call that finds the submission closed tells it.
 */
import { describe, expect, it, vi } from 'vitest';
import type { SubmissionPort } from './ports/submission';
import { createHarness, fakeClockPerTest, makeFile, type Harness } from './testing/engine-harness';
import { FakeSignerError } from './testing/fake-signer-error';

let h: Harness;

fakeClockPerTest(() => h);

function port(token: SubmissionPort['token']) {
  return { token: vi.fn(token), noticeClosed: vi.fn() };
}

describe('signing inside a submission', () => {
  it('signs every batch into the submission', async () => {
    const submission = port(async () => 'sub-token');
    h = createHarness({ submission });
    h.engine.addFiles([{ file: makeFile('a.bin', 100) }, { file: makeFile('b.bin', 100) }]);
    await h.until(() => h.allSettled());
    expect(h.snapshot().files.map((f) => f.status)).toEqual(['done', 'done']);
    expect(h.signer.calls.createUploads.length).toBeGreaterThan(0);
    for (const call of h.signer.calls.createUploads) expect(call.submission).toBe('sub-token');
  });

  it('a gate not passed fails the batch with its code; Retry sends it once it is', async () => {
    let passed = false;
    const submission = port(async () => {
      if (!passed) throw new FakeSignerError('password-required', 401, 'password first');
      return 'sub-token';
    });
    h = createHarness({ submission });
    h.engine.addFiles([{ file: makeFile('a.bin', 100) }]);
    await h.until(() => h.entry().status === 'failed');
    expect(h.entry().error?.code).toBe('password-required');
    expect(h.signer.calls.createUploads).toHaveLength(0);
    passed = true;
    h.engine.retryAllFailed();
    await h.until(() => h.entry().status === 'done');
    expect(h.signer.calls.createUploads.map((c) => c.submission)).toEqual(['sub-token']);
  });

  it('tells the submission when the signer says it is closed', async () => {
    const submission = port(async () => 'sub-token');
    h = createHarness({ submission });
    h.signer.failNext('complete', new FakeSignerError('submission-closed', 409, 'closed'));
    h.engine.addFiles([{ file: makeFile('a.bin', 100) }]);
    await h.until(() => h.entry().status === 'failed');
    expect(h.entry().error?.code).toBe('submission-closed');
    expect(submission.noticeClosed).toHaveBeenCalled();
  });
});
