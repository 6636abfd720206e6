/**
 * What counts against the link's limits, as the snapshot reports it (issue 12, finding 9: the
 * page says a link is full, or how much room is left, before anyone drops).
 */
import { describe, expect, it } from 'vitest';
import { createHarness, fakeClockPerTest, makeFile, type Harness } from './testing/engine-harness';

let h: Harness;

fakeClockPerTest(() => h);

describe('snapshot.usage', () => {
  it('starts at the link’s usage and follows accepted, refused, cancelled and cleared files', async () => {
    h = createHarness({
      limits: { maxFiles: 5, maxFileSize: 100, maxTotalBytes: 1000, allowedTypes: [] },
      usage: { files: 1, bytes: 10 },
    });
    expect(h.snapshot().usage).toEqual({ files: 1, bytes: 10 });
    h.engine.addFiles([
      { file: makeFile('a.bin', 20) },
      { file: makeFile('too-big.bin', 200) },
      { file: makeFile('b.bin', 30) },
    ]);
    expect(h.snapshot().usage).toEqual({ files: 3, bytes: 60 });
    h.engine.cancel(h.entry(2).id);
    expect(h.snapshot().usage).toEqual({ files: 2, bytes: 30 });
    await h.until(() => h.entry(0).status === 'done');
    // A verified file still counts after it is cleared from the list.
    h.engine.clearFinished();
    expect(h.snapshot().files).toHaveLength(0);
    expect(h.snapshot().usage).toEqual({ files: 2, bytes: 30 });
  });
});
