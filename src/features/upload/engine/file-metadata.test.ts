/**
 * Engine: per-file metadata (FileInput.metadata, set by an embedding host) reaches the signer
 * with its own file only, on the first plan and again when a failed file is retried.
 */
import { describe, expect, it } from 'vitest';
import { createHarness, makeFile, type Harness, fakeClockPerTest } from './testing/engine-harness';
import { signerError } from './testing/fake-signer-error';

let h: Harness;

fakeClockPerTest(() => h);

describe('file metadata', () => {
  it('travels with its own file to the signer', async () => {
    h = createHarness({ scheduleFlush: (flush) => queueMicrotask(flush) });
    h.engine.addFiles([
      { file: makeFile('a.txt', 100), metadata: { ticket: 'T-1' } },
      { file: makeFile('b.txt', 100, 'text/plain', 2) },
    ]);
    await h.until(h.allSettled);
    expect(h.snapshot().files.map((f) => f.status)).toEqual(['done', 'done']);
    const specs = h.signer.calls.createUploads.flatMap((call) => call.files);
    expect(specs.find((s) => s.name === 'a.txt')?.metadata).toEqual({ ticket: 'T-1' });
    expect(specs.find((s) => s.name === 'b.txt')).not.toHaveProperty('metadata');
  });

  it('is sent again when a failed file is planned afresh', async () => {
    h = createHarness({ scheduleFlush: (flush) => queueMicrotask(flush) });
    h.signer.failNext('createUploads', signerError('invalid-request'));
    h.engine.addFiles([{ file: makeFile('a.txt', 100), metadata: { ticket: 'T-2' } }]);
    await h.until(() => h.entry().status === 'failed');
    h.engine.retry(h.entry().id);
    await h.until(() => h.entry().status === 'done');
    const specs = h.signer.calls.createUploads.flatMap((call) => call.files);
    expect(specs.map((s) => s.metadata)).toEqual([{ ticket: 'T-2' }, { ticket: 'T-2' }]);
  });
});
