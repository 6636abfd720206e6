import { describe, expect, it } from 'vitest';
import { crc64OfBlob } from './crc64-of-blob';
import {
  createInlineCrc64Hasher,
  createWorkerCrc64Hasher,
  type HashWorkerLike,
} from './crc64-hasher';
import {
  createHashWorkerHandler,
  type FromHashWorker,
  type ToHashWorker,
} from './hash-worker-protocol';

const text = (s: string) => new Blob([s]);

describe('crc64OfBlob', () => {
  it('matches the COS check values whatever the slice size', async () => {
    expect(await crc64OfBlob(text(''))).toBe('0');
    expect(await crc64OfBlob(text('123456789'))).toBe('11051210869376104954');
    expect(await crc64OfBlob(text('hello world'), { sliceBytes: 3 })).toBe('5981764153023615706');
    const big = new Blob([new Uint8Array(1024 * 1024 + 123).fill(0x31)]);
    expect(await crc64OfBlob(big, { sliceBytes: 100_000 })).toBe('5237785474210610777');
    const sevens = new Blob([new Uint8Array(1024).fill(7)]);
    expect(await crc64OfBlob(sevens, { sliceBytes: 1 })).toBe('4032296071926164436');
  });

  it('reads through one reused buffer where it can, slice by slice elsewhere, to the same CRC', async () => {
    const bytes = new Uint8Array(300_001).map((_, i) => (i * 31) & 0xff);
    const blob = new Blob([bytes]);
    expect(typeof blob.stream().getReader({ mode: 'byob' }).read).toBe('function');
    // The same bytes without a stream (an older browser): the slice path.
    const slicesOnly = { size: blob.size, slice: blob.slice.bind(blob) } as unknown as Blob;
    const viaStream = await crc64OfBlob(blob, { sliceBytes: 65_536 });
    expect(await crc64OfBlob(slicesOnly, { sliceBytes: 65_536 })).toBe(viaStream);
    expect(await crc64OfBlob(blob, { sliceBytes: 7 })).toBe(viaStream);
    // One slice or less: read at once.
    expect(await crc64OfBlob(blob, { sliceBytes: blob.size })).toBe(viaStream);
  });

  it('reports progress per slice and stops when aborted', async () => {
    const progress: number[] = [];
    await crc64OfBlob(text('abcdefghij'), { sliceBytes: 4, onProgress: (n) => progress.push(n) });
    expect(progress).toEqual([4, 8, 10]);
    const controller = new AbortController();
    controller.abort();
    await expect(crc64OfBlob(text('abc'), { signal: controller.signal })).rejects.toThrow();
  });
});

describe('hash worker handler', () => {
  it('answers done with the CRC, or error when the file cannot be read', async () => {
    const posted: FromHashWorker[] = [];
    const handle = createHashWorkerHandler((m) => posted.push(m));
    await handle({ type: 'hash', id: 1, blob: text('123456789'), sliceBytes: 4 });
    expect(posted.at(-1)).toEqual({ type: 'done', id: 1, crc64: '11051210869376104954' });

    const unreadable = {
      size: 10,
      slice: () => ({
        arrayBuffer: () => Promise.reject(new DOMException('gone', 'NotReadableError')),
      }),
    } as unknown as Blob;
    await handle({ type: 'hash', id: 2, blob: unreadable, sliceBytes: 4 });
    expect(posted.at(-1)).toEqual({
      type: 'error',
      id: 2,
      name: 'NotReadableError',
      message: 'gone',
    });
  });

  it('a cancelled job posts nothing', async () => {
    const posted: FromHashWorker[] = [];
    const handle = createHashWorkerHandler((m) => posted.push(m));
    const running = handle({
      type: 'hash',
      id: 3,
      blob: new Blob([new Uint8Array(100)]),
      sliceBytes: 10,
    });
    await handle({ type: 'cancel', id: 3 });
    await running;
    expect(posted.filter((m) => m.type !== 'progress')).toEqual([]);
  });
});

/** A Worker stand-in that runs the real handler, with message passing made asynchronous. */
function fakeWorker(options: { crash?: boolean } = {}) {
  const listeners = {
    message: [] as ((e: MessageEvent<FromHashWorker>) => void)[],
    error: [] as ((e: Event) => void)[],
  };
  const received: ToHashWorker[] = [];
  let terminated = false;
  const handle = createHashWorkerHandler((message) => {
    queueMicrotask(() => {
      if (!terminated)
        for (const l of listeners.message) l({ data: message } as MessageEvent<FromHashWorker>);
    });
  });
  const worker: HashWorkerLike = {
    postMessage(message) {
      received.push(message);
      if (options.crash) {
        queueMicrotask(() => listeners.error.forEach((l) => l(new Event('error'))));
        return;
      }
      void handle(message);
    },
    addEventListener(type: 'message' | 'error', listener: never) {
      (listeners[type] as unknown[]).push(listener);
    },
    terminate() {
      terminated = true;
    },
  };
  return { worker, received, isTerminated: () => terminated };
}

describe('worker hasher', () => {
  it('hashes through the worker protocol and reuses one worker', async () => {
    const created: ReturnType<typeof fakeWorker>[] = [];
    const hasher = createWorkerCrc64Hasher({
      sliceBytes: 4,
      createWorker: () => {
        const w = fakeWorker();
        created.push(w);
        return w.worker;
      },
    });
    expect(await hasher.hash(text('123456789'))).toBe('11051210869376104954');
    expect(await hasher.hash(text('hello world'))).toBe('5981764153023615706');
    expect(created).toHaveLength(1);
    expect(created[0]!.received.map((m) => m.type)).toEqual(['hash', 'hash']);
    hasher.dispose?.();
    expect(created[0]!.isTerminated()).toBe(true);
  });

  it('cancels in the worker when the signal aborts', async () => {
    const w = fakeWorker();
    const hasher = createWorkerCrc64Hasher({ sliceBytes: 1, createWorker: () => w.worker });
    const controller = new AbortController();
    const pending = hasher.hash(new Blob([new Uint8Array(10_000)]), { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect(w.received.map((m) => m.type)).toEqual(['hash', 'cancel']);
  });

  it('falls back to hashing in-process when the worker cannot start or crashes', async () => {
    const refusing = createWorkerCrc64Hasher({
      createWorker: () => {
        throw new Error('CSP: worker-src');
      },
    });
    expect(await refusing.hash(text('123456789'))).toBe('11051210869376104954');

    const crashing = createWorkerCrc64Hasher({
      createWorker: () => fakeWorker({ crash: true }).worker,
    });
    expect(await crashing.hash(text('123456789'))).toBe('11051210869376104954');
    expect(await crashing.hash(text('hello world'))).toBe('5981764153023615706');
  });

  it('the inline hasher gives the same answers', async () => {
    const hasher = createInlineCrc64Hasher({ sliceBytes: 2 });
    expect(await hasher.hash(text('123456789'))).toBe('11051210869376104954');
  });
});
