/**
 * Engine, resume after a reload: multipart uploads are remembered (never with URLs), an earlier
 * page's uploads are offered as `unfinished`, a file dropped again is matched by fingerprint,
 * the server's ListParts decides which parts are sent, and records go away when the file is
 * done, cancelled or forgotten. A "reload" is a second engine on the same fake server and
 * the same store.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { crc64 } from '../../../../protocol/crc64';
import { createMemoryResumeStore, type MemoryResumeStore } from './testing/memory-resume-store';
import { RESUME_MAX_AGE_MS } from './resume/resume-tracker';
import { createHarness, FAKE_TIMERS, makeFile, type Harness } from './testing/engine-harness';
import type { FakeRequest } from './testing/fake-transport';

const harnesses: Harness[] = [];
function harness(...args: Parameters<typeof createHarness>): Harness {
  const h = createHarness(...args);
  harnesses.push(h);
  return h;
}

beforeEach(() => {
  vi.useFakeTimers(FAKE_TIMERS);
});

afterEach(() => {
  for (const h of harnesses.splice(0)) h.engine.destroy();
  vi.useRealTimers();
});

/** 256-byte parts above 1000 bytes: a 2000-byte file has 8 parts. */
const SMALL_PARTS = { multipartThreshold: 1000, partSize: 256 };
const LAST_MODIFIED = Date.UTC(2025, 5, 1);

const partOf = (req: FakeRequest) => Number(new URL(req.url).searchParams.get('partNumber'));

/** The same file as the person picks it again after a reload: a new File, same bytes and date. */
function pickAgain(file: File, bytes?: Uint8Array): File {
  return new File([(bytes ?? file) as BlobPart], file.name, {
    type: file.type,
    lastModified: file.lastModified,
  });
}

function bigFile(name = 'video.mp4', seed = 1): File {
  const made = makeFile(name, 2000, 'video/mp4', seed);
  return new File([made], name, { type: made.type, lastModified: LAST_MODIFIED });
}

/** First page: sends parts 1..`stopAfter`, then hangs; returns once those are acknowledged. */
async function interruptedUpload(store: MemoryResumeStore, file: File, stopAfter: number) {
  const first = harness({ signer: SMALL_PARTS, options: { concurrency: 1 }, resume: store });
  first.transport.handler = (req) =>
    partOf(req) <= stopAfter ? first.transport.normal(req) : req.hang();
  first.engine.addFiles([{ file }]);
  await first.until(() => first.entry().parts?.done === stopAfter);
  // Let the coalesced record writes land, as a real page would before being closed.
  await first.advance(50);
  first.engine.destroy();
  return first;
}

describe('remembering multipart uploads', () => {
  it('writes ticket, key, upload id, part layout and fingerprint — no URL — and drops it when done', async () => {
    const store = createMemoryResumeStore();
    const h = harness({ signer: SMALL_PARTS, options: { concurrency: 1 }, resume: store });
    const file = bigFile();
    let seenMidway: unknown = null;
    h.transport.handler = (req) => {
      if (partOf(req) === 5 && seenMidway === null) {
        seenMidway = structuredClone([...store.records.values()]);
      }
      return h.transport.normal(req);
    };
    h.engine.addFiles([{ file, relativePath: 'clips/' }]);
    await h.until(() => h.entry().status === 'done');
    await h.advance(20);

    expect(seenMidway).toEqual([
      {
        uploadId: 'upload-1',
        ticket: 'ticket-1',
        key: h.entry().key,
        partSize: 256,
        partCount: 8,
        fingerprint: {
          name: 'video.mp4',
          size: 2000,
          lastModified: LAST_MODIFIED,
          sample: crc64(new Uint8Array(await file.arrayBuffer())),
        },
        relativePath: 'clips/',
        type: 'video/mp4',
        partsDone: expect.any(Number) as number,
        createdAt: expect.any(Number) as number,
        updatedAt: expect.any(Number) as number,
      },
    ]);
    const midway = (seenMidway as { partsDone: number }[])[0]!;
    expect(midway.partsDone).toBeGreaterThanOrEqual(1);
    expect(midway.partsDone).toBeLessThanOrEqual(4);
    expect(JSON.stringify(seenMidway)).not.toMatch(/https?:|q-signature/);
    expect(store.records.size).toBe(0);
    // Never more than one write per acknowledged part (plus the first).
    expect(store.writes.filter(([op]) => op === 'put').length).toBeLessThanOrEqual(1 + 8);
    expect(store.writes.at(-1)).toEqual(['remove', 'upload-1']);
    expect(store.held.size).toBe(0);
  });

  it('does not remember single PUTs', async () => {
    const store = createMemoryResumeStore();
    const h = harness({ signer: SMALL_PARTS, resume: store });
    h.engine.addFiles([{ file: makeFile('small.txt', 500) }]);
    await h.until(() => h.entry().status === 'done');
    expect(store.writes).toEqual([]);
  });

  it('cancel aborts the upload and forgets it; a transient failure keeps it for Retry', async () => {
    const store = createMemoryResumeStore();
    const h = harness({
      signer: SMALL_PARTS,
      options: { concurrency: 1, retry: { maxRetries: 0 } },
      resume: store,
    });
    h.transport.handler = async (req) => {
      if (partOf(req) === 3) {
        const { TransportError } = await import('./ports/transport');
        throw new TransportError('network', 'reset');
      }
      return h.transport.normal(req);
    };
    h.engine.addFiles([{ file: bigFile() }]);
    await h.until(() => h.entry().status === 'failed');
    await h.advance(20);
    expect(h.entry().error?.code).toBe('network-error');
    expect([...store.records.keys()]).toEqual(['upload-1']);

    expect(store.held).toEqual(new Set(['upload-1']));
    h.engine.cancel(h.entry().id);
    await h.advance(20);
    expect(store.records.size).toBe(0);
    expect(store.held.size).toBe(0);
    expect(h.signer.calls.abort).toEqual([{ ticket: 'ticket-1' }]);
  });
});

describe('resuming after a reload', () => {
  it('offers the earlier upload, matches the file dropped again and sends only missing parts', async () => {
    const store = createMemoryResumeStore();
    const file = bigFile();
    const first = await interruptedUpload(store, file, 3);
    expect(store.records.get('upload-1')?.partsDone).toBe(3);

    const second = harness({
      server: first,
      options: { concurrency: 2 },
      resume: store,
    });
    await second.advance(10);
    expect(second.snapshot().unfinished).toEqual([
      {
        id: 'upload-1',
        name: 'video.mp4',
        relativePath: '',
        size: 2000,
        partsDone: 3,
        partCount: 8,
        startedAt: expect.any(Number) as number,
      },
    ]);

    second.engine.addFiles([{ file: pickAgain(file) }]);
    await second.until(() => second.entry().status === 'done');

    expect(second.signer.calls.createUploads).toHaveLength(1); // the first page's only
    expect(second.signer.calls.listParts).toEqual([{ ticket: 'ticket-1' }]);
    expect(second.transport.requests.map(partOf).sort()).toEqual([4, 5, 6, 7, 8]);
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(second.cos.objects.get(second.entry().key!)?.bytes).toEqual(bytes);
    expect(second.entry().key).toBe(first.signer.ticket('ticket-1')?.key);
    expect(second.snapshot().unfinished).toEqual([]);
    await second.advance(20);
    expect(store.records.size).toBe(0);
  });

  it('shows resumed parts as progress before any byte moves', async () => {
    const store = createMemoryResumeStore();
    const file = bigFile();
    const first = await interruptedUpload(store, file, 4);
    const second = harness({ server: first, options: { concurrency: 1 }, resume: store });
    second.transport.handler = (req) => req.hang();
    second.engine.addFiles([{ file: pickAgain(file) }]);
    await second.until(() => second.transport.requests.length === 1);
    expect(second.entry().parts).toEqual({ done: 4, total: 8 });
    expect(second.entry().bytesSent).toBe(4 * 256);
    expect(second.entry().mode).toBe('multipart');
  });

  it('trusts ListParts over the record: parts COS lacks or holds short are sent again', async () => {
    const store = createMemoryResumeStore();
    const file = bigFile();
    const first = await interruptedUpload(store, file, 5);
    const upload = first.cos.uploads.get('upload-1')!;
    upload.parts.delete(2);
    const short = upload.parts.get(4)!;
    upload.parts.set(4, { ...short, bytes: short.bytes.slice(0, 100) });

    const second = harness({ server: first, options: { concurrency: 1 }, resume: store });
    second.engine.addFiles([{ file: pickAgain(file) }]);
    await second.until(() => second.entry().status === 'done');
    expect(second.transport.requests.map(partOf)).toEqual([2, 4, 6, 7, 8]);
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(second.cos.objects.get(second.entry().key!)?.bytes).toEqual(bytes);
  });

  it('a different file with the same name, size and date is uploaded afresh', async () => {
    const store = createMemoryResumeStore();
    const file = bigFile('clip.mov', 1);
    const first = await interruptedUpload(store, file, 2);
    const other = new Uint8Array(await file.arrayBuffer());
    other[1500] = other[1500]! ^ 0xff; // inside a sampled slice (small files are read whole)

    const second = harness({ server: first, options: { concurrency: 2 }, resume: store });
    second.engine.addFiles([{ file: pickAgain(file, other) }]);
    await second.until(() => second.entry().status === 'done');
    expect(second.signer.calls.listParts).toEqual([]);
    expect(second.signer.calls.createUploads).toHaveLength(2);
    expect(second.transport.requests).toHaveLength(8);
    // The earlier upload is still offered.
    expect(second.snapshot().unfinished?.map((u) => u.id)).toEqual(['upload-1']);
  });

  it('an upload aborted on the server meanwhile is started afresh and its record replaced', async () => {
    const store = createMemoryResumeStore();
    const file = bigFile();
    const first = await interruptedUpload(store, file, 3);
    first.cos.uploads.get('upload-1')!.state = 'aborted';

    const second = harness({ server: first, options: { concurrency: 2 }, resume: store });
    second.engine.addFiles([{ file: pickAgain(file) }]);
    await second.until(() => second.entry().status === 'done');
    expect(second.signer.calls.listParts).toHaveLength(1);
    expect(second.signer.calls.createUploads).toHaveLength(2);
    expect(second.transport.requests).toHaveLength(8);
    await second.advance(20);
    expect(store.records.size).toBe(0);
    expect(store.writes.filter(([op, id]) => op === 'remove' && id === 'upload-1')).toHaveLength(1);
  });

  it('an upload completed before the reload is verified, not sent again', async () => {
    const store = createMemoryResumeStore();
    const file = bigFile();
    // The first page completed on the server but went away before it heard the answer.
    const first = harness({ signer: SMALL_PARTS, options: { concurrency: 2 }, resume: store });
    first.engine.addFiles([{ file }]);
    const realComplete = first.signer.complete.bind(first.signer);
    let completedOnServer = false;
    first.signer.complete = async (body) => {
      await realComplete(body);
      completedOnServer = true;
      return new Promise<never>(() => {}); // the answer never arrives
    };
    await first.until(() => completedOnServer);
    first.engine.destroy();
    first.signer.complete = realComplete;
    expect(store.records.size).toBe(1);

    const second = harness({ server: first, options: { concurrency: 2 }, resume: store });
    second.engine.addFiles([{ file: pickAgain(file) }]);
    await second.until(() => second.entry().status === 'done');
    expect(first.transport.requests).toHaveLength(8);
    expect(second.transport.requests).toHaveLength(0);
    expect(second.signer.calls.createUploads).toHaveLength(1);
    expect(second.entry().key).toBe(first.signer.ticket('ticket-1')?.key);
    expect([...second.cos.objects.keys()]).toHaveLength(1);
    await second.advance(20);
    expect(store.records.size).toBe(0);
  });

  it('forgetUnfinished aborts the earlier uploads on the server and forgets them', async () => {
    const store = createMemoryResumeStore();
    const first = await interruptedUpload(store, bigFile(), 2);
    const second = harness({ server: first, resume: store });
    await second.advance(10);
    expect(second.snapshot().unfinished).toHaveLength(1);
    second.engine.forgetUnfinished?.();
    await second.advance(20);
    expect(second.snapshot().unfinished).toEqual([]);
    expect(second.signer.calls.abort).toEqual([{ ticket: 'ticket-1' }]);
    expect(second.cos.uploads.get('upload-1')?.state).toBe('aborted');
    expect(store.records.size).toBe(0);
  });

  it('cancelling a resumed file aborts the earlier upload', async () => {
    const store = createMemoryResumeStore();
    const file = bigFile();
    const first = await interruptedUpload(store, file, 2);
    const second = harness({ server: first, options: { concurrency: 1 }, resume: store });
    second.transport.handler = (req) => req.hang();
    second.engine.addFiles([{ file: pickAgain(file) }]);
    await second.until(() => second.transport.requests.length === 1);
    second.engine.cancel(second.entry().id);
    await second.advance(20);
    expect(second.entry().status).toBe('cancelled');
    expect(second.signer.calls.abort).toEqual([{ ticket: 'ticket-1' }]);
    expect(store.records.size).toBe(0);
  });

  it('a file paused while it is matched waits, then continues the same upload', async () => {
    const store = createMemoryResumeStore();
    const file = bigFile();
    const first = await interruptedUpload(store, file, 3);
    const second = harness({ server: first, options: { concurrency: 2 }, resume: store });
    second.engine.addFiles([{ file: pickAgain(file) }]);
    second.engine.pause(second.entry().id);
    await second.advance(100);
    expect(second.entry().status).toBe('paused');
    expect(second.transport.requests).toHaveLength(0);
    second.engine.resume(second.entry().id);
    await second.until(() => second.entry().status === 'done');
    expect(second.transport.requests.map(partOf).sort()).toEqual([4, 5, 6, 7, 8]);
  });

  it('an upload another open tab is running is not offered; once that tab is gone it is', async () => {
    const store = createMemoryResumeStore();
    const file = bigFile();
    const first = harness({ signer: SMALL_PARTS, options: { concurrency: 1 }, resume: store });
    first.transport.handler = (req) =>
      partOf(req) <= 2 ? first.transport.normal(req) : req.hang();
    first.engine.addFiles([{ file }]);
    await first.until(() => first.entry().parts?.done === 2);
    expect(store.held).toEqual(new Set(['upload-1']));

    const otherTab = harness({ server: first, resume: store });
    await otherTab.advance(20);
    expect(otherTab.snapshot().unfinished).toEqual([]);

    first.engine.destroy(); // the first tab is closed
    expect(store.held).toEqual(new Set());
    const reopened = harness({ server: first, resume: store });
    await reopened.advance(20);
    expect(reopened.snapshot().unfinished?.map((u) => u.id)).toEqual(['upload-1']);
  });

  it('drops records older than the tickets live without offering them', async () => {
    const store = createMemoryResumeStore();
    const first = await interruptedUpload(store, bigFile(), 2);
    vi.setSystemTime(Date.now() + RESUME_MAX_AGE_MS + 1000);
    const second = harness({ server: first, resume: store });
    await second.advance(10);
    expect(second.snapshot().unfinished).toEqual([]);
    expect(store.records.size).toBe(0);
  });

  it('waits for the network before asking which parts COS holds', async () => {
    const store = createMemoryResumeStore();
    const file = bigFile();
    const first = await interruptedUpload(store, file, 3);
    const second = harness({
      server: first,
      options: { concurrency: 2 },
      resume: store,
      online: false,
    });
    second.engine.addFiles([{ file: pickAgain(file) }]);
    await second.advance(500);
    expect(second.signer.calls.listParts).toHaveLength(0);
    second.online.set(true);
    await second.until(() => second.entry().status === 'done');
    expect(second.transport.requests.map(partOf).sort()).toEqual([4, 5, 6, 7, 8]);
  });
});
