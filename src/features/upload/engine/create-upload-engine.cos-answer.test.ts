/**
 * Engine, single PUT: what COS answered to the PUT (ETag, `x-cos-hash-crc64ecma`) goes with the
 * file's own CRC-64 into the verification call, so the signer binds "verified" to exactly that
 * object with one listing per batch; a CRC COS gave that differs from ours never ends `done`.
 */
import { describe, expect, it } from 'vitest';
import { crc64 } from '../../../../protocol/crc64';
import { createHarness, fakeClockPerTest, makeFile, type Harness } from './testing/engine-harness';
import { turns } from './testing/fake-transport';
import { putAnswerOf } from './integrity/verify-upload';
import type { FileStatus } from './types';

let h: Harness;

fakeClockPerTest(() => h);

async function crcOf(file: File): Promise<string> {
  return crc64(new Uint8Array(await file.arrayBuffer()));
}

describe('the PUT answer in the verification call', () => {
  it('sends each file with the ETag and CRC-64 COS answered for the object it stored', async () => {
    h = createHarness();
    const files = [
      makeFile('a.txt', 300, 'text/plain', 1),
      makeFile('b.txt', 400, 'text/plain', 2),
    ];
    h.engine.addFiles(files.map((file) => ({ file })));
    await h.until(() => h.snapshot().totals.done === 2);

    const sent = h.signer.calls.completeBatch.flatMap((call) => call.uploads);
    expect(sent).toHaveLength(2);
    for (const [i, file] of files.entries()) {
      const key = h.entry(i).key!;
      const stored = h.cos.objects.get(key)!;
      const own = await crcOf(file);
      expect(sent.find((u) => u.crc64 === own)).toEqual({
        ticket: expect.any(String),
        crc64: own,
        etag: stored.etag,
        cosCrc64: stored.crc64,
      });
    }
  });

  it('a bucket that does not expose the headers: only our CRC-64, the signer HEADs', async () => {
    h = createHarness();
    h.cos.hideEtag = true;
    h.transport.handler = async (req) => {
      const res = await req.forward();
      const { 'x-cos-hash-crc64ecma': _, ...rest } = res.headers;
      return { ...res, headers: rest };
    };
    const file = makeFile('a.txt', 300, 'text/plain');
    h.engine.addFiles([{ file }]);
    await h.until(() => h.entry().status === 'done');
    expect(h.signer.calls.complete).toEqual([{ ticket: 'ticket-1', crc64: await crcOf(file) }]);
  });

  it('after a lost answer (409 on the repeat) nothing of COS is reported', async () => {
    h = createHarness();
    h.transport.script(turns.lostAck());
    const file = makeFile('a.bin', 500);
    h.engine.addFiles([{ file }]);
    await h.until(() => h.entry().status === 'done');
    expect(h.transport.requests).toHaveLength(2);
    expect(h.signer.calls.complete).toEqual([{ ticket: 'ticket-1', crc64: await crcOf(file) }]);
  });

  it('malformed headers are left out instead of making the whole batch call invalid', () => {
    expect(putAnswerOf({ etag: '"abc"', 'x-cos-hash-crc64ecma': '123' })).toEqual({
      etag: '"abc"',
      crc64: '123',
    });
    expect(putAnswerOf({ etag: '', 'x-cos-hash-crc64ecma': 'not-a-number' })).toEqual({
      etag: null,
      crc64: null,
    });
    expect(putAnswerOf({ etag: 'x'.repeat(129), 'x-cos-hash-crc64ecma': '1'.repeat(21) })).toEqual({
      etag: null,
      crc64: null,
    });
    expect(putAnswerOf({})).toEqual({ etag: null, crc64: null });
  });
});

describe('a CRC-64 from COS that differs from ours', () => {
  it('stored bytes differ: the signer refuses and deletes, the file goes up again and is verified', async () => {
    h = createHarness();
    h.cos.corruptNext = 1;
    const file = makeFile('a.bin', 500);
    h.engine.addFiles([{ file }]);
    await h.until(() => h.entry().status === 'done');
    const own = await crcOf(file);
    const [first, second] = h.signer.calls.complete;
    // COS's word and ours went together; they differed, so no listing could accept it.
    expect(first!.crc64).toBe(own);
    expect(first!.cosCrc64).toBeDefined();
    expect(first!.cosCrc64).not.toBe(own);
    expect(second).toMatchObject({ crc64: own, cosCrc64: own });
    expect(h.cos.objects.get(h.entry().key!)!.crc64).toBe(own);
  });

  it('a verified answer does not make the file done while COS told us another CRC-64', async () => {
    h = createHarness();
    // The bytes land intact, but the answer we read says another CRC (a broken proxy, say).
    h.transport.script(async (req) => {
      const res = await req.forward();
      return { ...res, headers: { ...res.headers, 'x-cos-hash-crc64ecma': '1' } };
    });
    const trail: FileStatus[] = [];
    h.engine.subscribe(() => {
      const status = h.snapshot().files[0]?.status;
      if (status && trail[trail.length - 1] !== status) trail.push(status);
    });
    const file = makeFile('a.bin', 500);
    h.engine.addFiles([{ file }]);
    await h.until(() => h.entry().status === 'done');
    // The signer answered "verified" to the first call (it checks what is stored); the engine
    // did not take it. It sent again, COS refused to overwrite, and the signer's HEAD of the
    // stored object (our CRC-64) decided.
    expect(h.signer.calls.complete).toHaveLength(2);
    expect(h.signer.calls.complete[0]).toMatchObject({ cosCrc64: '1' });
    expect(h.signer.calls.complete[1]).toEqual({ ticket: 'ticket-1', crc64: await crcOf(file) });
    expect(h.transport.requests).toHaveLength(2);
    expect(trail.filter((s) => s === 'done')).toHaveLength(1);
    expect(trail.indexOf('done')).toBe(trail.length - 1);
  });

  it('when it keeps differing the file fails clearly, and Retry sends it again', async () => {
    h = createHarness();
    h.cos.corruptNext = 2;
    h.engine.addFiles([{ file: makeFile('a.bin', 64) }]);
    await h.until(() => h.entry().status === 'failed');
    expect(h.entry().error?.code).toBe('file-changed');
    expect(h.entry().error?.detail).toMatch(/COS crc64 \d+, local \d+/);
    expect(h.cos.objects.size).toBe(0);

    h.engine.retry(h.entry().id);
    await h.until(() => h.entry().status === 'done');
  });
});
