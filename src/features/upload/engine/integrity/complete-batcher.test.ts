/**
 * When single PUTs are verified: together while more files are still being sent (a call costs
 * the signer about two bucket requests whatever its size), never longer than
 * `verifyBatchWaitMs`, and the last files of a drop at once.
 */
import { describe, expect, it } from 'vitest';
import { crc64 } from '../../../../../protocol/crc64';
import type { Hasher } from '../ports/hasher';
import { createHarness, fakeClockPerTest, makeFile, type Harness } from '../testing/engine-harness';
import type { Turn } from '../testing/fake-transport';

let h: Harness;

fakeClockPerTest(() => h);

/** Each PUT takes `ms`; records when each file's bytes landed, by key. */
function timedPuts(ms: number, landed: Map<string, number>): Turn {
  return async (req) => {
    await req.wait(ms);
    req.progress(req.body.size);
    const res = await req.forward();
    landed.set(decodeURIComponent(new URL(req.url).pathname.slice(1)), Date.now());
    return res;
  };
}

/** CRCs worked out beforehand, so no file read on the fake clock delays a verification. */
async function knownHashes(files: File[]): Promise<Hasher> {
  const known = new Map<Blob, string>();
  for (const file of files) known.set(file, crc64(new Uint8Array(await file.arrayBuffer())));
  return { hash: (blob) => Promise.resolve(known.get(blob)!) };
}

function finishedAfterLanding(landed: Map<string, number>): number[] {
  return h.snapshot().files.map((f) => f.finishedAt! - landed.get(f.key!)!);
}

describe('verification calls gather the files of a drop', () => {
  it('60 files landing one by one over 6 s: a handful of calls, none waiting past the limit', async () => {
    const files = Array.from({ length: 60 }, (_, i) => makeFile(`f${i}.txt`, 50, 'text/plain', i));
    h = createHarness({
      options: { concurrency: 2, verifyBatchWaitMs: 1500 },
      hasher: await knownHashes(files),
    });
    const landed = new Map<string, number>();
    h.transport.handler = timedPuts(200, landed);
    h.engine.addFiles(files.map((file) => ({ file })));
    await h.until(() => h.snapshot().totals.done === 60, 60_000);

    const calls = h.signer.calls.completeBatch.map((c) => c.uploads.length);
    expect(calls.reduce((a, b) => a + b, 0)).toBe(60);
    // 10 files land per second: about 15 per call, not one call per tick (before: 30 or more).
    expect(calls.length).toBeLessThanOrEqual(6);
    for (const wait of finishedAfterLanding(landed)) expect(wait).toBeLessThanOrEqual(1550);
  });

  it('the last file of a drop is verified at once, not after the wait', async () => {
    const file = makeFile('only.txt', 50, 'text/plain');
    h = createHarness({ options: { verifyBatchWaitMs: 5000 }, hasher: await knownHashes([file]) });
    const landed = new Map<string, number>();
    h.transport.handler = timedPuts(100, landed);
    h.engine.addFiles([{ file }]);
    await h.until(() => h.entry().status === 'done');
    expect(finishedAfterLanding(landed)[0]).toBeLessThan(100);
  });

  it('a file that lands beside a long transfer waits the limit, not for the transfer', async () => {
    const files = [makeFile('small.txt', 50, 'text/plain'), makeFile('big.bin', 5000)];
    h = createHarness({ options: { verifyBatchWaitMs: 1500 }, hasher: await knownHashes(files) });
    const landed = new Map<string, number>();
    h.transport.handler = async (req) =>
      timedPuts(req.body.size > 1000 ? 20_000 : 100, landed)(req);
    h.engine.addFiles(files.map((file) => ({ file })));
    await h.until(() => h.entry(0).status === 'done', 10_000);
    expect(h.entry(1).status).toBe('uploading');
    const wait = finishedAfterLanding(landed)[0]!;
    expect(wait).toBeGreaterThanOrEqual(1400);
    expect(wait).toBeLessThanOrEqual(1550);
    // And the big one, the last, goes at once.
    await h.until(() => h.entry(1).status === 'done', 30_000);
    expect(finishedAfterLanding(landed)[1]).toBeLessThan(100);
  });
});
